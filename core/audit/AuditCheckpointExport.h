#pragma once
// Signed checkpoints written out of the vault as FHIR AuditEvent NDJSON, for IT to
// collect. Each line is the checkpointed entry as AuditFhirExport renders it,
// with its signature in the audit-chain extension, so a line can be checked on
// its own: the entry hash is recomputed from the visible fields and the signature
// checked against IT's copy of the public key.
//
// Why: someone holding the data key can delete the tail of the log together with
// its checkpoints, and what remains is consistent. Copies outside the vault
// outlive that - once IT has collected them off the device - and verify with
// --checkpoints requires every exported checkpoint still to be in the vault with
// the same hash.
//
// Layout: <export dir>/audit-checkpoints-YYYY-MM-DD.ndjson (UTC day of signing),
// appended by rewriting the file atomically (AtomicFile) under a lock file, so a
// reader or a crash never sees half a line. The export dir defaults to
// <vault dir>/audit-export and can be changed (vault meta 'audit_export_dir').
// The vault remembers the highest seq exported ('audit_checkpoints_exported_through'),
// so a failed write is retried on the next run and IT may move files away freely.
// Lines carry pseudonymous patient ids (never names), as any AuditEvent export does:
// the folder is created mode 0700, its files 0600.

#include "core/audit/ChainVerifier.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

QString exportDirMetaKey(); // "audit_export_dir"
QString defaultAuditExportDir(const QString& vaultDir);
// The configured folder, or the default.
Result<QString> auditExportDir(vault::Vault& vault, const QString& vaultDir);
// "audit-checkpoints-2026-03-01.ndjson" for a checkpoint signed at that UTC day.
QString checkpointExportFileName(const QString& checkpointTime);

class AuditCheckpointExporter
{
public:
    AuditCheckpointExporter(vault::Vault& vault, QString exportDir, QString deviceName);
    // Writes every checkpoint not exported yet; returns how many were written.
    Result<int> exportPending();

private:
    vault::Vault& m_vault;
    QString m_dir;
    QString m_deviceName;
};

// Reads every *.ndjson in `dir` and checks each line on its own against the
// trusted public key. InvalidInput when `dir` is not a readable folder; Corrupt,
// naming file and line, when a line is malformed, altered or not signed by that key.
Result<QList<ExportedCheckpoint>> readExportedCheckpoints(const QString& dir, const QByteArray& trustedPublicKey);

} // namespace lantern::audit
