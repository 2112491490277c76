#pragma once
// Reads a snapshot file (SnapshotFormat) into this device's vault.
//
// Nothing is written until the whole file has checked out: the signer is a
// device IT trusts here, the header signature holds, the sequence is newer than
// the last one imported from that signer (no replay), this device is a
// recipient, every chunk decrypts in order, the stream ends with its FINAL tag,
// the signed chunk hashes match and nothing follows. Then the file is read a
// second time inside one vault transaction, checked the same way again (the
// file may have changed in between), and the transaction commits only if that
// second pass verifies too. A refusal names what failed and changes nothing.
//
// Merging: a resource replaces the vault's copy only when it is newer
// (import/VersionOrder, the importer's rule); an outbox entry is added when its
// uuid is unknown here and never replaces one (entries are immutable).

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/snapshot/SnapshotFormat.h"

#include <QString>

#include <functional>

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

struct ImportReport
{
    SnapshotHeader header;
    QString signerName; // IT's label of the trusted signer
    qint64 resources = 0;        // in the file
    qint64 stored = 0;           // new or newer here
    qint64 unchanged = 0;        // the same version was here
    qint64 olderNotApplied = 0;  // the vault holds a newer one: kept
    qint64 entries = 0;          // unreconciled entries in the file
    qint64 entriesAdded = 0;
    qint64 entriesKnown = 0;     // this vault holds them already: never overwritten
};

// Which signers are trusted, for restores on a device that cannot have trusted
// the lost one (backups): a name for a trusted key, nullopt otherwise.
using TrustLookup = std::function<Result<std::optional<QString>>(const QByteArray& signer)>;

// The header of a snapshot file, its signature checked against the signer it
// names (listing backups; says nothing about trust or the chunks).
Result<SnapshotHeader> readSignedHeader(const QString& path);

class SnapshotReader
{
public:
    SnapshotReader(vault::Vault& vault, const DeviceIdentity& identity, const Clock& clock = SystemClock::instance())
        : m_vault(vault), m_identity(identity), m_clock(clock)
    {
    }
    // Default: the vault's trusted_device table.
    void setTrustLookup(TrustLookup lookup) { m_trust = std::move(lookup); }
    // Backups restored onto a fresh vault: the replay check is skipped (the vault has no history).
    void setReplayCheck(bool on) { m_replayCheck = on; }

    // Verifies everything, changes nothing.
    Result<ImportReport> verify(const QString& path);
    // Verifies, then merges in one transaction; nothing changes on any refusal.
    Result<ImportReport> import(const QString& path);

private:
    Result<ImportReport> readFile(const QString& path, bool apply);

    vault::Vault& m_vault;
    const DeviceIdentity& m_identity;
    const Clock& m_clock;
    TrustLookup m_trust;
    bool m_replayCheck = true;
};

} // namespace lantern::snapshot
