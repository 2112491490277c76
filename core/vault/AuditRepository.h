#pragma once
// SQL for the audit chain: entries, signed checkpoints and the device secrets
// the chain's signing key lives in. No hashing, signing or policy here — that is
// core/audit/. Every method runs inside whatever transaction the caller holds
// (none opens one), so an entry and its checkpoint commit together.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::vault {

class Vault;

// One row of audit_entry, exactly as stored (the chain hashes these strings).
struct AuditEntryRecord
{
    qint64 seq = 0;
    QString time;      // ISO 8601 UTC with milliseconds, e.g. 2026-03-01T08:00:00.000Z
    QString actor;     // username
    QString action;    // wire name, e.g. "view-patient"
    QString patientId; // empty when the event concerns no patient (stored as NULL)
    QString outcome;   // "success" | "failure" | "denied"
    QString detail;    // short, never free text (stored as NULL when empty)
    QByteArray prevHash; // 32 bytes
    QByteArray hash;     // 32 bytes
};

// One row of audit_checkpoint: an Ed25519 signature over (seq, hash, time).
struct AuditCheckpointRecord
{
    qint64 seq = 0;
    QByteArray hash;      // the entry hash at seq, 32 bytes
    QByteArray signature; // 64 bytes
    QByteArray publicKey; // 32 bytes
    QString time;         // when it was signed, ISO 8601 UTC
};

class AuditRepository
{
public:
    explicit AuditRepository(Vault& vault) : m_vault(vault) {}

    Vault& vault() { return m_vault; }
    // True while a transaction is open on the vault's connection (ours or a caller's).
    bool inTransaction() const;
    // A nested, named savepoint inside the caller's transaction, so that an audit
    // entry and its checkpoint are all-or-nothing there too.
    Status beginSavepoint();
    Status releaseSavepoint();
    // Undoes everything since beginSavepoint() and ends the savepoint.
    Status rollbackSavepoint();

    Status insertEntry(const AuditEntryRecord& entry);
    // Entries with seq >= fromSeq in seq order, at most `limit` of them.
    Result<QList<AuditEntryRecord>> readEntries(qint64 fromSeq, int limit);
    Result<std::optional<AuditEntryRecord>> entry(qint64 seq);
    Result<std::optional<AuditEntryRecord>> lastEntry();
    Result<qint64> entryCount();

    Status insertCheckpoint(const AuditCheckpointRecord& checkpoint);
    // Every checkpoint in seq order (one per ~100 entries: few enough to hold).
    Result<QList<AuditCheckpointRecord>> readCheckpoints();
    Result<std::optional<AuditCheckpointRecord>> checkpoint(qint64 seq);

    // An empty SecureBuffer when no secret of that name exists.
    Result<SecureBuffer> deviceSecret(const QString& name);
    Status putDeviceSecret(const QString& name, const SecureBuffer& value);
    // Deletes the secret with secure_delete on, so its bytes are overwritten in the
    // database file rather than left in a free page. The caller commits, then calls
    // scrubWal() so the old page images leave the write-ahead log too.
    Status deleteDeviceSecret(const QString& name);
    Status scrubWal();

private:
    Vault& m_vault;
};

} // namespace lantern::vault
