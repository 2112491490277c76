#include "core/vault/Vault.h"

#include "core/vault/Schema.h"

#include <QUuid>

namespace lantern::vault {

Result<std::unique_ptr<Vault>> Vault::create(const QString& path, const SecureBuffer& dataKey)
{
    auto db = Database::open(path, dataKey, Database::OpenMode::CreateNew);
    if (!db.ok())
        return db.error();
    std::unique_ptr<Vault> vault(new Vault(std::move(*db)));
    LANTERN_TRY(migrate(vault->db()));
    LANTERN_TRY(vault->setMeta(QStringLiteral("vault_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)));
    return vault;
}

Result<std::unique_ptr<Vault>> Vault::open(const QString& path, const SecureBuffer& dataKey)
{
    auto db = Database::open(path, dataKey, Database::OpenMode::OpenExisting);
    if (!db.ok())
        return db.error();
    std::unique_ptr<Vault> vault(new Vault(std::move(*db)));
    LANTERN_TRY(migrate(vault->db()));
    return vault;
}

Result<QString> Vault::meta(const QString& key)
{
    auto stmt = m_db->prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return QString();
    return stmt->text(0);
}

Status Vault::setMeta(const QString& key, const QString& value)
{
    auto stmt = m_db->prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, key).bind(2, value);
    return stmt->run();
}

Status Vault::checkIntegrity()
{
    auto result = m_db->scalar(QStringLiteral("PRAGMA integrity_check"));
    if (!result.ok())
        return result.error();
    if (result->toString() != QStringLiteral("ok"))
        return Error(ErrorCode::Corrupt, QStringLiteral("vault integrity check failed: %1").arg(result->toString()));
    return {};
}

} // namespace lantern::vault
