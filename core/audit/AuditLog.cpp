#include "core/audit/AuditLog.h"

#include "core/audit/AuditHash.h"
#include "core/audit/AuditSigningKey.h"
#include "core/common/Logging.h"
#include "core/vault/Database.h"
#include "core/vault/DiskReserve.h"
#include "core/vault/Vault.h"

#include <QSet>

#include <utility>

namespace lantern::audit {
namespace {

constexpr int kVerifyBatch = 1000;

// The key checkpoints must carry, and a problem found while choosing it.
struct TrustedKey
{
    QByteArray publicKey;
    QString problem;
};

Result<TrustedKey> resolveTrustedKey(vault::AuditRepository& repository, const VerifyOptions& options)
{
    TrustedKey trusted;
    if (!options.trustedPublicKey.isEmpty()) {
        trusted.publicKey = options.trustedPublicKey;
        return trusted;
    }
    if (options.anchor) {
        trusted.publicKey = options.anchor->publicKey;
        return trusted;
    }
    auto recorded = repository.vault().meta(publicKeyMetaKey());
    if (!recorded.ok())
        return recorded.error();
    trusted.publicKey = QByteArray::fromBase64(recorded->toLatin1());
    // A vault not yet migrated still holds its key: the record must match it.
    auto legacy = AuditSigningKey::loadLegacy(repository);
    if (!legacy.ok() && legacy.error().code != ErrorCode::NotFound)
        return legacy.error();
    if (legacy.ok()) {
        if (!trusted.publicKey.isEmpty() && trusted.publicKey != legacy->publicKey())
            trusted.problem = QStringLiteral("the audit public key recorded in the vault does not match the device's "
                                             "signing key (public key replaced)");
        trusted.publicKey = legacy->publicKey();
    }
    return trusted;
}

// Feeds entries fromSeq..toSeq (toSeq < 0: to the head) to the verifier.
Status walk(vault::AuditRepository& repository, ChainVerifier& verifier, qint64 fromSeq, qint64 toSeq)
{
    qint64 from = fromSeq;
    for (;;) {
        auto batch = repository.readEntries(from, kVerifyBatch);
        if (!batch.ok())
            return batch.error().prefixed(QStringLiteral("reading the audit log"));
        for (const AuditEntry& entry : std::as_const(*batch)) {
            if (toSeq >= 0 && entry.seq > toSeq)
                return {};
            if (!verifier.addEntry(entry))
                return {};
        }
        if (batch->size() < kVerifyBatch)
            return {};
        from = batch->constLast().seq + 1;
    }
}

} // namespace

AuditLog::AuditLog(vault::Vault& vault, const Clock& clock, AuditLogOptions options)
    : m_repository(vault), m_clock(clock), m_options(options)
{
}

QString AuditLog::timestamp() const
{
    return m_clock.now().toUTC().toString(Qt::ISODateWithMs);
}

Result<QByteArray> AuditLog::genesis()
{
    auto vaultId = m_repository.vault().meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();
    if (vaultId->isEmpty())
        return Error(ErrorCode::Corrupt, QStringLiteral("the vault has no vault_id, so its audit chain has no genesis; "
                                                        "the vault's metadata is damaged (restore from a backup)"));
    return genesisHash(*vaultId);
}

// Runs body atomically: in a new transaction, or in a savepoint inside the caller's.
template <typename T, typename Body>
Result<T> AuditLog::atomically(Body&& body)
{
    if (m_repository.inTransaction()) {
        LANTERN_TRY(m_repository.beginSavepoint());
        Result<T> result = body();
        if (!result.ok()) {
            const Status undone = m_repository.rollbackSavepoint();
            if (!undone.ok())
                qCWarning(lcAudit) << "undoing a failed audit write failed:" << undone.error().message;
            return result;
        }
        LANTERN_TRY(m_repository.releaseSavepoint());
        return result;
    }
    // An unlock or a reading must be audited on a full disk too: the whole
    // transaction once more on the disk reserve's room (DiskReserve).
    vault::Database& db = m_repository.vault().db();
    return vault::retryOnceWhenDiskFull(db.path(), [&]() -> Result<T> {
        auto tx = vault::Transaction::begin(db);
        if (!tx.ok())
            return tx.error();
        Result<T> result = body();
        if (!result.ok())
            return result; // the transaction rolls back
        LANTERN_TRY((*tx)->commit());
        return result;
    });
}

Result<AuditEntry> AuditLog::append(const AuditEvent& event)
{
    return atomically<AuditEntry>([&] { return appendLocked(event); });
}

Result<AuditEntry> AuditLog::appendInTransaction(const AuditEvent& event)
{
    if (!m_repository.inTransaction())
        return Error(ErrorCode::Internal,
                     QStringLiteral("appendInTransaction called without an open vault transaction"));
    return append(event);
}

Result<AuditEntry> AuditLog::appendLocked(const AuditEvent& event)
{
    LANTERN_TRY(validate(event));
    auto last = m_repository.lastEntry();
    if (!last.ok())
        return last.error();

    AuditEntry entry;
    if (last->has_value()) {
        entry.seq = (*last)->seq + 1;
        entry.prevHash = (*last)->hash;
    } else {
        auto first = genesis();
        if (!first.ok())
            return first.error();
        entry.seq = 1;
        entry.prevHash = *first;
    }
    entry.time = timestamp();
    entry.actor = event.actor;
    entry.action = actionName(event.action);
    entry.patientId = event.patientId;
    entry.outcome = outcomeName(event.outcome);
    entry.detail = event.detail;
    entry.hash = computeEntryHash(entry);
    LANTERN_TRY(m_repository.insertEntry(entry));
    return entry;
}

Result<QList<qint64>> AuditLog::dueCheckpoints()
{
    QList<qint64> due;
    if (m_options.checkpointInterval <= 0)
        return due;
    auto last = m_repository.lastEntry();
    if (!last.ok())
        return last.error();
    if (!last->has_value())
        return due;
    auto existing = m_repository.readCheckpoints();
    if (!existing.ok())
        return existing.error();
    QSet<qint64> signedSeqs;
    for (const AuditCheckpoint& c : std::as_const(*existing))
        signedSeqs.insert(c.seq);
    const qint64 interval = m_options.checkpointInterval;
    for (qint64 seq = interval; seq <= (*last)->seq; seq += interval) {
        if (!signedSeqs.contains(seq))
            due.append(seq);
    }
    return due;
}

Result<QList<AuditCheckpoint>> AuditLog::signDueCheckpoints(const AuditSigningKey& key)
{
    return atomically<QList<AuditCheckpoint>>([&] { return signDueLocked(key); });
}

Result<QList<AuditCheckpoint>> AuditLog::signDueLocked(const AuditSigningKey& key)
{
    auto due = dueCheckpoints();
    if (!due.ok())
        return due.error();
    QList<AuditCheckpoint> made;
    if (due->isEmpty())
        return made;
    LANTERN_TRY(checkBeforeSigning(due->constLast(), key));
    for (const qint64 seq : std::as_const(*due)) {
        auto entry = m_repository.entry(seq);
        if (!entry.ok())
            return entry.error();
        if (!entry->has_value())
            return Error(ErrorCode::Corrupt, QStringLiteral("audit entry %1 is missing; not signing").arg(seq));
        auto signedEntry = signEntry(**entry, key);
        if (!signedEntry.ok())
            return signedEntry.error();
        made.append(*signedEntry);
    }
    qCInfo(lcAudit) << "signed" << made.size() << "due audit checkpoint(s), the last at entry" << made.constLast().seq;
    return made;
}

// The chain from the last signed checkpoint (or the start) up to `upToSeq` must be
// intact, and that checkpoint genuine, before anything after it is signed.
Status AuditLog::checkBeforeSigning(qint64 upToSeq, const AuditSigningKey& key)
{
    auto existing = m_repository.readCheckpoints();
    if (!existing.ok())
        return existing.error();
    std::optional<AuditCheckpoint> base;
    for (const AuditCheckpoint& c : std::as_const(*existing)) {
        if (c.seq <= upToSeq && (!base || c.seq > base->seq))
            base = c;
    }
    qint64 fromSeq = 1;
    QByteArray prevHash;
    QList<AuditCheckpoint> checked;
    if (base) {
        auto entry = m_repository.entry(base->seq);
        if (!entry.ok())
            return entry.error();
        fromSeq = base->seq;
        prevHash = entry->has_value() ? (*entry)->prevHash : QByteArray();
        checked.append(*base);
    } else {
        auto first = genesis();
        if (!first.ok())
            return first.error();
        prevHash = *first;
    }
    ChainVerifier verifier(fromSeq, prevHash, key.publicKey(), checked);
    LANTERN_TRY(walk(m_repository, verifier, fromSeq, upToSeq));
    const VerificationReport report = verifier.finish();
    if (!report.ok)
        return Error(ErrorCode::Corrupt, QStringLiteral("not signing audit checkpoints: %1; run `lanternctl verify` "
                                                        "and investigate")
                                             .arg(report.message));
    if (report.lastSeq < upToSeq)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("not signing audit checkpoints: the log ends at entry %1").arg(report.lastSeq));
    return {};
}

Result<AuditCheckpoint> AuditLog::signEntry(const AuditEntry& entry, const AuditSigningKey& key)
{
    AuditCheckpoint checkpoint;
    checkpoint.seq = entry.seq;
    checkpoint.hash = entry.hash;
    checkpoint.time = timestamp();
    checkpoint.publicKey = key.publicKey();
    checkpoint.signature = key.sign(checkpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.time));
    LANTERN_TRY(m_repository.insertCheckpoint(checkpoint));
    qCDebug(lcAudit) << "audit checkpoint signed at entry" << checkpoint.seq;
    return checkpoint;
}

Result<AuditCheckpoint> AuditLog::checkpoint(const AuditSigningKey& key)
{
    return atomically<AuditCheckpoint>([&]() -> Result<AuditCheckpoint> {
        auto due = signDueLocked(key);
        if (!due.ok())
            return due.error();
        auto last = m_repository.lastEntry();
        if (!last.ok())
            return last.error();
        if (!last->has_value())
            return Error(ErrorCode::NotFound, QStringLiteral("the audit log is empty; there is nothing to sign yet"));
        const AuditEntry& head = **last;
        auto existing = m_repository.checkpoint(head.seq);
        if (!existing.ok())
            return existing.error();
        if (existing->has_value())
            return **existing;
        LANTERN_TRY(checkBeforeSigning(head.seq, key));
        return signEntry(head, key);
    });
}

Result<QByteArray> AuditLog::publicKey()
{
    auto recorded = m_repository.vault().meta(publicKeyMetaKey());
    if (!recorded.ok())
        return recorded.error();
    if (recorded->isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("this vault records no audit public key yet"));
    return QByteArray::fromBase64(recorded->toLatin1());
}

Result<std::optional<AuditEntry>> AuditLog::head()
{
    return m_repository.lastEntry();
}

Result<QList<AuditCheckpoint>> AuditLog::checkpoints()
{
    return m_repository.readCheckpoints();
}

Result<VerificationReport> AuditLog::verify(const VerifyOptions& options)
{
    auto first = genesis();
    if (!first.ok())
        return first.error();
    auto trusted = resolveTrustedKey(m_repository, options);
    if (!trusted.ok())
        return trusted.error();
    auto checkpoints = m_repository.readCheckpoints();
    if (!checkpoints.ok())
        return checkpoints.error();
    auto vaultId = m_repository.vault().meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();

    ChainVerifier verifier(1, *first, trusted->publicKey, *checkpoints);
    verifier.requireCheckpointsEvery(options.checkpointInterval < 0 ? m_options.checkpointInterval
                                                                    : options.checkpointInterval);
    if (options.anchor)
        verifier.addAnchor(*options.anchor);
    for (const ExportedCheckpoint& exported : options.exported) {
        if (!exported.vaultId.isEmpty() && exported.vaultId != *vaultId)
            verifier.fail(0, QStringLiteral("exported checkpoint %1 (%2) belongs to another vault; collect each "
                                            "device's export into its own folder")
                                 .arg(exported.checkpoint.seq)
                                 .arg(exported.origin));
        verifier.addAnchor(exported.checkpoint, exported.origin);
    }
    if (!verifier.failed())
        LANTERN_TRY(walk(m_repository, verifier, 1, -1));
    if (!trusted->problem.isEmpty())
        verifier.fail(0, trusted->problem);

    VerificationReport report = verifier.finish();
    if (report.ok)
        qCInfo(lcAudit).noquote() << report.message;
    else
        qCWarning(lcAudit).noquote() << "audit chain verification failed:" << report.message;
    return report;
}

} // namespace lantern::audit
