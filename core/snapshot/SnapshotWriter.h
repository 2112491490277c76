#pragma once
// Writes a snapshot file (SnapshotFormat) of a vault: its resources and its
// unreconciled downtime entries, optionally only the patients on some wards
// (and every resource of no patient: wards, medications), signed by this
// device and sealed to the recipients. The file appears complete under its
// name or not at all (AtomicFileWriter, mode 0600): a full disk is an error
// naming the file, never a partial snapshot.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/snapshot/SnapshotFormat.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

struct ExportOptions
{
    QList<QByteArray> recipients; // Ed25519 public keys; at least one
    QStringList wards;            // empty: the whole vault
    QString purpose = QStringLiteral("snapshot");
    int chunkSize = kDefaultChunkSize;
};

struct ExportReport
{
    QString snapshotId;
    qint64 sequence = 0;
    qint64 resources = 0;
    qint64 entries = 0;
    qint64 chunks = 0;
    qint64 bytes = 0;
};

class SnapshotWriter
{
public:
    SnapshotWriter(vault::Vault& vault, const DeviceIdentity& identity, const Clock& clock = SystemClock::instance())
        : m_vault(vault), m_identity(identity), m_clock(clock)
    {
    }

    // The sequence number is taken (and kept in the vault) before the file is
    // written: a failed export uses one up, a later one is still newer.
    Result<ExportReport> write(const QString& path, const ExportOptions& options);

private:
    Result<qint64> nextSequence();

    vault::Vault& m_vault;
    const DeviceIdentity& m_identity;
    const Clock& m_clock;
};

} // namespace lantern::snapshot
