#pragma once
// What a holder of the audit signing key does on each run (the mirror service
// every cycle, an IT administrator's verify): sign the checkpoints that came due
// since, and write every not yet exported checkpoint to the export folder.

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

class AuditSigningKey;

struct CheckpointDutyReport
{
    int signedCount = 0;
    int exportedCount = 0;
    QString exportDir;
};

// `signHead`: also sign the current head (after a successful verification).
// A checkpoint signed but not exported (export folder not writable) is exported
// on the next run; the Error then says why.
Result<CheckpointDutyReport> signAndExportCheckpoints(vault::Vault& vault, const AuditSigningKey& key, const Clock& clock,
                                                      const QString& vaultDir, bool signHead = false);

} // namespace lantern::audit
