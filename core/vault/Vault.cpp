#include "core/vault/Vault.h"

#include "core/vault/Schema.h"
#include "core/vault/VaultDamage.h"

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

Error vaultDamaged(const QString& path, const QString& what)
{
    return {ErrorCode::Corrupt, QStringLiteral("vault file damaged: %1: %2; restore vault.db from a backup and keep "
                                               "the damaged file for IT")
                                    .arg(path, what)};
}

Status Vault::checkIntegrity()
{
    // Every page of every table and index is read (and so decrypted and its HMAC
    // checked); a page that fails stops the check with an error instead of a row.
    auto result = m_db->scalar(QStringLiteral("PRAGMA integrity_check"));
    if (!result.ok())
        return vaultDamaged(path(), QStringLiteral("the integrity check could not read every page (%1)")
                                        .arg(result.error().message));
    if (result->toString() != QStringLiteral("ok"))
        return vaultDamaged(path(), QStringLiteral("the integrity check failed: %1").arg(result->toString()));
    return {};
}

} // namespace lantern::vault
