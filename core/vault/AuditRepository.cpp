#include "core/vault/AuditRepository.h"

#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <sqlite3.h>

namespace lantern::vault {
namespace {

const QString kEntryColumns =
    QStringLiteral("seq, time, actor, action, patient_id, outcome, detail, prev_hash, hash");
const QString kCheckpointColumns = QStringLiteral("seq, hash, signature, public_key, time");

AuditEntryRecord readEntryRow(const Statement& stmt)
{
    AuditEntryRecord e;
    e.seq = stmt.int64(0);
    e.time = stmt.text(1);
    e.actor = stmt.text(2);
    e.action = stmt.text(3);
    e.patientId = stmt.text(4);
    e.outcome = stmt.text(5);
    e.detail = stmt.text(6);
    e.prevHash = stmt.blob(7);
    e.hash = stmt.blob(8);
    return e;
}

AuditCheckpointRecord readCheckpointRow(const Statement& stmt)
{
    AuditCheckpointRecord c;
    c.seq = stmt.int64(0);
    c.hash = stmt.blob(1);
    c.signature = stmt.blob(2);
    c.publicKey = stmt.blob(3);
    c.time = stmt.text(4);
    return c;
}

// Runs a query expected to return zero or one entry row.
template <typename Record, typename Reader>
Result<std::optional<Record>> readOne(Database& db, const QString& sql, qint64 seq, bool bindSeq, Reader reader)
{
    auto stmt = db.prepare(sql);
    if (!stmt.ok())
        return stmt.error();
    if (bindSeq)
        stmt->bind(1, seq);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return std::optional<Record>();
    return std::optional<Record>(reader(*stmt));
}

} // namespace

bool AuditRepository::inTransaction() const
{
    return sqlite3_get_autocommit(m_vault.db().handle()) == 0;
}

Status AuditRepository::beginSavepoint()
{
    return m_vault.db().exec(QStringLiteral("SAVEPOINT lantern_audit"));
}

Status AuditRepository::releaseSavepoint()
{
    return m_vault.db().exec(QStringLiteral("RELEASE SAVEPOINT lantern_audit"));
}

Status AuditRepository::rollbackSavepoint()
{
    LANTERN_TRY(m_vault.db().exec(QStringLiteral("ROLLBACK TO SAVEPOINT lantern_audit")));
    return releaseSavepoint();
}

Status AuditRepository::insertEntry(const AuditEntryRecord& e)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("INSERT INTO audit_entry (") + kEntryColumns +
                                     QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, e.seq)
        .bind(2, e.time)
        .bind(3, e.actor)
        .bind(4, e.action)
        .bindOptional(5, e.patientId.isEmpty() ? QString() : e.patientId)
        .bind(6, e.outcome)
        .bindOptional(7, e.detail.isEmpty() ? QString() : e.detail)
        .bindBlob(8, e.prevHash)
        .bindBlob(9, e.hash);
    Status done = stmt->run();
    if (!done.ok())
        return done.error().prefixed(QStringLiteral("writing audit entry %1").arg(e.seq));
    return {};
}

Result<QList<AuditEntryRecord>> AuditRepository::readEntries(qint64 fromSeq, int limit)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("SELECT ") + kEntryColumns +
                                     QStringLiteral(" FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, fromSeq).bind(2, limit);
    QList<AuditEntryRecord> entries;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        entries.append(readEntryRow(*stmt));
    }
    return entries;
}

Result<std::optional<AuditEntryRecord>> AuditRepository::entry(qint64 seq)
{
    return readOne<AuditEntryRecord>(
        m_vault.db(), QStringLiteral("SELECT ") + kEntryColumns + QStringLiteral(" FROM audit_entry WHERE seq = ?"), seq,
        true, readEntryRow);
}

Result<std::optional<AuditEntryRecord>> AuditRepository::lastEntry()
{
    return readOne<AuditEntryRecord>(
        m_vault.db(),
        QStringLiteral("SELECT ") + kEntryColumns + QStringLiteral(" FROM audit_entry ORDER BY seq DESC LIMIT 1"), 0,
        false, readEntryRow);
}

Result<qint64> AuditRepository::entryCount()
{
    auto count = m_vault.db().scalar(QStringLiteral("SELECT count(*) FROM audit_entry"));
    if (!count.ok())
        return count.error();
    return count->toLongLong();
}

Status AuditRepository::insertCheckpoint(const AuditCheckpointRecord& c)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("INSERT INTO audit_checkpoint (") + kCheckpointColumns +
                                     QStringLiteral(") VALUES (?, ?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, c.seq).bindBlob(2, c.hash).bindBlob(3, c.signature).bindBlob(4, c.publicKey).bind(5, c.time);
    Status done = stmt->run();
    if (!done.ok())
        return done.error().prefixed(QStringLiteral("writing audit checkpoint %1").arg(c.seq));
    return {};
}

Result<QList<AuditCheckpointRecord>> AuditRepository::readCheckpoints()
{
    auto stmt = m_vault.db().prepare(QStringLiteral("SELECT ") + kCheckpointColumns +
                                     QStringLiteral(" FROM audit_checkpoint ORDER BY seq"));
    if (!stmt.ok())
        return stmt.error();
    QList<AuditCheckpointRecord> checkpoints;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        checkpoints.append(readCheckpointRow(*stmt));
    }
    return checkpoints;
}

Result<std::optional<AuditCheckpointRecord>> AuditRepository::checkpoint(qint64 seq)
{
    return readOne<AuditCheckpointRecord>(
        m_vault.db(),
        QStringLiteral("SELECT ") + kCheckpointColumns + QStringLiteral(" FROM audit_checkpoint WHERE seq = ?"), seq,
        true, readCheckpointRow);
}

Result<SecureBuffer> AuditRepository::deviceSecret(const QString& name)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("SELECT value FROM device_secret WHERE name = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return SecureBuffer();
    QByteArray bytes = stmt->blob(0);
    return SecureBuffer::takeFrom(bytes); // wipes the transient heap copy
}

Status AuditRepository::putDeviceSecret(const QString& name, const SecureBuffer& value)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("INSERT OR REPLACE INTO device_secret (name, value) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    // fromRawData: no heap copy of the secret; SQLite copies it into its own (encrypted) pages.
    stmt->bind(1, name).bindBlob(2, QByteArray::fromRawData(value.chars(), static_cast<qsizetype>(value.size())));
    return stmt->run();
}

Status AuditRepository::deleteDeviceSecret(const QString& name)
{
    LANTERN_TRY(m_vault.db().exec(QStringLiteral("PRAGMA secure_delete = ON")));
    auto stmt = m_vault.db().prepare(QStringLiteral("DELETE FROM device_secret WHERE name = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, name);
    return stmt->run();
}

Status AuditRepository::scrubWal()
{
    // TRUNCATE: copy every page back into the database and cut the log to zero
    // bytes, so no earlier image of a deleted secret's page stays in vault.db-wal.
    auto done = m_vault.db().scalar(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    if (!done.ok())
        return done.error();
    return {};
}

} // namespace lantern::vault
