#include "core/vault/Vault.h"

#include "core/vault/Schema.h"
#include "core/vault/VaultDamage.h"

#include <QRegularExpression>
#include <QUuid>

#include <sqlite3.h>

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

namespace {

// True when the first problem integrity_check lists is a page the disk failed
// to read ("Page 46: unable to get the page. error code=266", SQLITE_IOERR_READ).
// What it lists after that says nothing about the vault: SQLCipher holds the
// pager in an error state until the check ends ("error code=1" for every later
// page), and pages below the unread ones show up as "never used".
bool stoppedByReadFailure(const QString& report)
{
    static const QRegularExpression notGot(QStringLiteral("^Page \\d+: unable to get the page\\. error code=(\\d+)$"));
    for (const QString& line : report.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("*** in database")))
            continue;
        const QRegularExpressionMatch match = notGot.match(line);
        return match.hasMatch() && (match.captured(1).toInt() & 0xff) == SQLITE_IOERR;
    }
    return false;
}

} // namespace

Status Vault::checkIntegrity()
{
    // Every page of every table and index is read (and so decrypted and its HMAC
    // checked); a page that fails stops the check with an error instead of a row.
    auto result = m_db->scalar(QStringLiteral("PRAGMA integrity_check"));
    // A page the disk failed to read is not a damaged vault: sending IT to
    // restore an older backup would lose everything since (test_io_faults).
    if (!result.ok() && result.error().code == ErrorCode::Io)
        return result.error().prefixed(QStringLiteral("the integrity check could not finish"));
    if (!result.ok())
        return vaultDamaged(path(), QStringLiteral("the integrity check could not read every page (%1)")
                                        .arg(result.error().message));
    const QString report = result->toString();
    if (report == QStringLiteral("ok"))
        return {};
    if (stoppedByReadFailure(report))
        return Error(ErrorCode::Io, QStringLiteral("the integrity check could not finish: reading pages of %1 from the "
                                                   "disk failed (%2); the disk may be failing; nothing was changed, "
                                                   "run the check again")
                                        .arg(path(), report.simplified().left(200)));
    return vaultDamaged(path(), QStringLiteral("the integrity check failed: %1").arg(report));
}

} // namespace lantern::vault
