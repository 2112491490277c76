#pragma once
// The tamper-evident audit log: an append-only hash chain in the vault with
// Ed25519-signed checkpoints.
//
// Each entry's hash is BLAKE2b-256 over a canonical serialisation of (seq, time,
// actor, action, patient id, outcome, detail, prev_hash) (see AuditHash.h); entry 1
// links to a genesis hash derived from the vault id. A checkpoint signs (seq, hash,
// time) of an entry; one is due at every multiple of `checkpointInterval`.
//
// Who signs: appending needs no key (nurses and physicians hold only the data
// key). The signing key lives outside the vault (AuditKeyCustody); its holders -
// the mirror service each cycle, an IT administrator's verify - sign the
// checkpoints that have come due since (signDueCheckpoints). A late signature is
// fine: it covers the entry's hash, which the chain fixes at append time. Before
// signing, the chain from the last signed checkpoint on is checked, so a broken
// stretch is never signed.
//
// What verify() detects: any change to a stored field, a removed or inserted entry
// in the middle, reordered entries, a forged or re-keyed checkpoint, a checkpoint
// whose entry is gone (the tail was cut back past it), a due checkpoint removed
// while a later one exists (VerifyOptions::checkpointInterval), and - given the
// checkpoints exported to the audit export folder (VerifyOptions::exported) - any
// exported checkpoint whose entry is no longer in the vault with the same hash.
//
// What it cannot detect, and why checkpoints are exported and the key kept apart:
//  - Someone holding the data key can delete the tail of the log together with its
//    checkpoints. Only checkpoints copied off the device (the export folder, once
//    IT has collected it) show that the log once reached further; entries after
//    the last exported checkpoint are protected by nothing but the chain.
//  - A consistent rewrite of entries not yet covered by a checkpoint (hashes are
//    unkeyed) is signed by the next checkpoint like the genuine entries would be.
//  - Verification against the public key recorded in the vault (the default) only
//    shows the vault is consistent with itself: someone holding the data key can
//    replace that record. Only VerifyOptions::trustedPublicKey from IT's copy
//    (audit-public-key.pem kept off the device) is a trustworthy reference.
//  - A vault made before the key moved out stored the key in device_secret; until
//    its first unlock by the service or IT anyone with the data key could read it,
//    so checkpoints signed before that prove nothing against such a person.

#include "core/audit/AuditEvent.h"
#include "core/audit/ChainVerifier.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/vault/AuditRepository.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

class AuditSigningKey;

using AuditEntry = vault::AuditEntryRecord;
using AuditCheckpoint = vault::AuditCheckpointRecord;

inline constexpr int kDefaultCheckpointInterval = 100;

struct AuditLogOptions
{
    int checkpointInterval = kDefaultCheckpointInterval; // a checkpoint is due at every multiple; 0: none
};

struct VerifyOptions
{
    // A public key kept off-device: every checkpoint must carry it. Empty: the
    // anchor's key if an anchor is given, otherwise the key recorded in the vault
    // (a self-check only, see above).
    QByteArray trustedPublicKey;
    // A checkpoint exported earlier and kept off-device: the chain must still
    // contain its entry with the same hash (detects a truncated tail).
    std::optional<AuditCheckpoint> anchor;
    // The same for every checkpoint read back from the export folder.
    QList<ExportedCheckpoint> exported;
    // Every multiple of this up to the last signed checkpoint must be signed.
    // -1: the log's own interval; 0: no such requirement.
    qint64 checkpointInterval = -1;
};

class AuditLog
{
public:
    AuditLog(vault::Vault& vault, const Clock& clock, AuditLogOptions options = {});

    // Appends one entry atomically: in its own transaction, or inside the caller's
    // if one is open on the vault, so that an action and its audit entry commit or
    // roll back together. Needs no signing key: due checkpoints wait for a key holder.
    Result<AuditEntry> append(const AuditEvent& event);
    // The same, for a caller that holds a vault::Transaction; fails (Internal) if none is open.
    Result<AuditEntry> appendInTransaction(const AuditEvent& event);

    // Seqs at which a checkpoint is due but not yet signed, in order.
    Result<QList<qint64>> dueCheckpoints();
    // Signs every due checkpoint with `key` (after checking the chain up to them);
    // returns the new ones (empty when none was due).
    Result<QList<AuditCheckpoint>> signDueCheckpoints(const AuditSigningKey& key);
    // Signs due checkpoints and the current head (e.g. after a verification).
    // Returns the existing checkpoint if the head is already signed; NotFound when the log is empty.
    Result<AuditCheckpoint> checkpoint(const AuditSigningKey& key);

    // The audit public key recorded in the vault (NotFound when none is).
    Result<QByteArray> publicKey();

    Result<std::optional<AuditEntry>> head();
    Result<QList<AuditCheckpoint>> checkpoints();

    // Walks the whole chain. An Error means the vault could not be read; a report
    // with ok == false means the chain is broken and says where.
    Result<VerificationReport> verify(const VerifyOptions& options = {});

private:
    template <typename T, typename Body>
    Result<T> atomically(Body&& body);
    Result<AuditEntry> appendLocked(const AuditEvent& event);
    Result<QList<AuditCheckpoint>> signDueLocked(const AuditSigningKey& key);
    Status checkBeforeSigning(qint64 upToSeq, const AuditSigningKey& key);
    Result<AuditCheckpoint> signEntry(const AuditEntry& entry, const AuditSigningKey& key);
    Result<QByteArray> genesis();
    QString timestamp() const;

    vault::AuditRepository m_repository;
    const Clock& m_clock;
    AuditLogOptions m_options;
};

} // namespace lantern::audit
