#include "audit/AuditLog.h"

#include "audit/AuditHash.h"
#include "audit/AuditSigningKey.h"
#include "common/Logging.h"
#include "vault/Database.h"
#include "vault/Vault.h"

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
    QByteArray deviceKey;
    auto key = AuditSigningKey::load(repository);
    if (key.ok())
        deviceKey = key->publicKey();
    else if (key.error().code != ErrorCode::NotFound)
        return key.error();

    auto recorded = repository.vault().meta(publicKeyMetaKey());
    if (!recorded.ok())
        return recorded.error();
    const QByteArray recordedKey = QByteArray::fromBase64(recorded->toLatin1());
    if (!recorded->isEmpty() && recordedKey != deviceKey)
        trusted.problem = deviceKey.isEmpty()
                              ? QStringLiteral("the vault records an audit public key but its signing key is gone "
                                               "(device secret removed)")
                              : QStringLiteral("the audit public key recorded in the vault does not match the device's "
                                               "signing key (public key replaced)");

    if (!options.trustedPublicKey.isEmpty())
        trusted.publicKey = options.trustedPublicKey;
    else if (options.anchor)
        trusted.publicKey = options.anchor->publicKey;
    else
        trusted.publicKey = deviceKey;
    return trusted;
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
    auto tx = vault::Transaction::begin(m_repository.vault().db());
    if (!tx.ok())
        return tx.error();
    Result<T> result = body();
    if (!result.ok())
        return result; // the transaction rolls back
    LANTERN_TRY((*tx)->commit());
    return result;
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

    if (m_options.checkpointInterval > 0 && entry.seq % m_options.checkpointInterval == 0) {
        auto signedHead = checkpointLocked();
        if (!signedHead.ok())
            return signedHead.error().prefixed(QStringLiteral("signing audit checkpoint %1").arg(entry.seq));
    }
    return entry;
}

Result<AuditCheckpoint> AuditLog::checkpoint()
{
    return atomically<AuditCheckpoint>([&] { return checkpointLocked(); });
}

Result<AuditCheckpoint> AuditLog::checkpointLocked()
{
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

    auto key = AuditSigningKey::loadOrCreate(m_repository);
    if (!key.ok())
        return key.error();
    AuditCheckpoint checkpoint;
    checkpoint.seq = head.seq;
    checkpoint.hash = head.hash;
    checkpoint.time = timestamp();
    checkpoint.publicKey = key->publicKey();
    checkpoint.signature = key->sign(checkpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.time));
    LANTERN_TRY(m_repository.insertCheckpoint(checkpoint));
    qCDebug(lcAudit) << "audit checkpoint signed at entry" << checkpoint.seq;
    return checkpoint;
}

Result<QByteArray> AuditLog::publicKey()
{
    return atomically<QByteArray>([&]() -> Result<QByteArray> {
        auto key = AuditSigningKey::loadOrCreate(m_repository);
        if (!key.ok())
            return key.error();
        return key->publicKey();
    });
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

    ChainVerifier verifier(1, *first, trusted->publicKey, *checkpoints);
    if (options.anchor)
        verifier.setAnchor(*options.anchor);
    qint64 from = 1;
    for (;;) {
        auto batch = m_repository.readEntries(from, kVerifyBatch);
        if (!batch.ok())
            return batch.error().prefixed(QStringLiteral("reading the audit log"));
        for (const AuditEntry& entry : std::as_const(*batch)) {
            if (!verifier.addEntry(entry))
                break;
        }
        if (verifier.failed() || batch->size() < kVerifyBatch)
            break;
        from = batch->constLast().seq + 1;
    }
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
