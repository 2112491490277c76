#pragma once
// The tamper-evident audit log: an append-only hash chain in the vault with
// Ed25519-signed checkpoints.
//
// Each entry's hash is BLAKE2b-256 over a canonical serialisation of (seq, time,
// actor, action, patient id, outcome, detail, prev_hash) (see AuditHash.h); entry 1
// links to a genesis hash derived from the vault id. Every `checkpointInterval`
// entries, and on demand, the device's signing key signs (seq, hash, time) of the
// head. verify() recomputes everything and names the first thing that is wrong.
//
// What the chain detects: any change to a stored field, a removed or inserted entry
// in the middle, reordered entries, a forged or re-keyed checkpoint, a checkpoint
// whose entry is gone (the tail was cut back past it).
//
// What it cannot detect, and why checkpoints are exported:
//  - Truncation of the tail after the last checkpoint: removing the newest entries
//    (and no checkpoint) leaves a shorter chain that is still consistent. Only an
//    external anchor (a checkpoint or head hash copied off the device, passed to
//    verify() as VerifyOptions::anchor) shows that the log once reached further.
//  - A consistent rewrite of the entries after the last checkpoint by someone who
//    holds the unlocked vault: hashes are unkeyed, so they can be recomputed; the
//    next automatic checkpoint would then sign the rewritten tail.
//  - Anyone holding the unlocked vault AND the signing key (it lives in the vault's
//    device_secret table) can rewrite the whole chain and re-sign every checkpoint.
//    Only checkpoints (or the public key) kept elsewhere — exported to the EHR, a
//    printed drill report, another device — expose that.
// The vault's own encryption keeps all of this out of reach of anyone without a
// user passphrase or the device's mirror key.

#include "audit/AuditEvent.h"
#include "audit/ChainVerifier.h"
#include "common/Clock.h"
#include "common/Result.h"
#include "vault/AuditRepository.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

using AuditEntry = vault::AuditEntryRecord;
using AuditCheckpoint = vault::AuditCheckpointRecord;

struct AuditLogOptions
{
    int checkpointInterval = 100; // sign every N entries (seq % N == 0); 0: only on demand
};

struct VerifyOptions
{
    // A public key kept off-device. Empty: the anchor's key if an anchor is given,
    // otherwise the key derived from this vault's own signing key.
    QByteArray trustedPublicKey;
    // A checkpoint exported earlier and kept off-device: the chain must still
    // contain its entry with the same hash (detects a truncated tail).
    std::optional<AuditCheckpoint> anchor;
};

class AuditLog
{
public:
    AuditLog(vault::Vault& vault, const Clock& clock, AuditLogOptions options = {});

    // Appends one entry (and a checkpoint when one is due) atomically: in its own
    // transaction, or inside the caller's if one is open on the vault, so that an
    // action and its audit entry commit or roll back together.
    Result<AuditEntry> append(const AuditEvent& event);
    // The same, for a caller that holds a vault::Transaction; fails (Internal) if none is open.
    Result<AuditEntry> appendInTransaction(const AuditEvent& event);

    // Signs the current head now (e.g. before an export or at the end of a downtime).
    // Returns the existing checkpoint if the head is already signed; NotFound when the log is empty.
    Result<AuditCheckpoint> checkpoint();

    // The device's audit public key (32 bytes), creating the signing key on first use.
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
    Result<AuditCheckpoint> checkpointLocked();
    Result<QByteArray> genesis();
    QString timestamp() const;

    vault::AuditRepository m_repository;
    const Clock& m_clock;
    AuditLogOptions m_options;
};

} // namespace lantern::audit
