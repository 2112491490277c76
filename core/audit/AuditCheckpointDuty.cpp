#include "core/audit/AuditCheckpointDuty.h"

#include "core/audit/AuditCheckpointExport.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditSigningKey.h"

#include <QFileInfo>
#include <QSysInfo>

namespace lantern::audit {
namespace {

// Never sign over a log that was shortened or rewritten: the whole chain must
// verify against the key about to sign, and every checkpoint still in this
// device's export folder must still be in the vault with the same hash.
Status checkBeforeSigning(AuditLog& log, const AuditSigningKey& key, const QString& exportDir)
{
    VerifyOptions options;
    options.trustedPublicKey = key.publicKey();
    if (QFileInfo(exportDir).isDir()) {
        auto exported = readExportedCheckpoints(exportDir, key.publicKey());
        if (!exported.ok())
            return exported.error().prefixed(QStringLiteral("not signing audit checkpoints"));
        options.exported = *exported;
    }
    auto report = log.verify(options);
    if (!report.ok())
        return report.error();
    if (!report->ok)
        return Error(ErrorCode::Corrupt, QStringLiteral("not signing audit checkpoints: %1; ask IT to investigate "
                                                        "(lanternctl verify --trusted-key FILE --checkpoints DIR)")
                                             .arg(report->message));
    return {};
}

} // namespace

Result<CheckpointDutyReport> signAndExportCheckpoints(vault::Vault& vault, const AuditSigningKey& key, const Clock& clock,
                                                      const QString& vaultDir, bool signHead)
{
    CheckpointDutyReport report;
    auto dir = auditExportDir(vault, vaultDir);
    if (!dir.ok())
        return dir.error();
    report.exportDir = *dir;

    AuditLog log(vault, clock);
    auto due = log.dueCheckpoints();
    if (!due.ok())
        return due.error();
    if (!due->isEmpty() || signHead) {
        LANTERN_TRY(checkBeforeSigning(log, key, *dir));
        auto made = log.signDueCheckpoints(key);
        if (!made.ok())
            return made.error();
        report.signedCount = static_cast<int>(made->size());
    }
    if (signHead) {
        auto before = log.checkpoints();
        if (!before.ok())
            return before.error();
        auto head = log.checkpoint(key);
        if (!head.ok() && head.error().code != ErrorCode::NotFound)
            return head.error();
        if (head.ok() && (before->isEmpty() || before->constLast().seq != head->seq))
            ++report.signedCount;
    }
    auto exported = AuditCheckpointExporter(vault, *dir, QSysInfo::machineHostName()).exportPending();
    if (!exported.ok())
        return exported.error();
    report.exportedCount = *exported;
    return report;
}

} // namespace lantern::audit
