#pragma once
// The audit trail's key holder duties, for the other commands:
// the mirror service signs due checkpoints after each cycle (one call), and
// verify unlocks with a passphrase it keeps for opening the audit key slot.
#include "CliContext.h"

#include "core/audit/AuditSigningKey.h"

#include <optional>

namespace lantern::cli {

// With device.key: signs the audit checkpoints that came due and exports them.
// Prints only when something was signed or went wrong; never fails the caller.
void signAuditCheckpointsAsService(CliContext& ctx);

// A person's unlock (audited like CliContext::unlock) that also opens the audit
// signing key when this person holds it. `keyNote` says why not, when not.
std::optional<access::Session> unlockWithAuditKey(CliContext& ctx, access::VaultAccess& access,
                                                  std::optional<audit::AuditSigningKey>& key, QString& keyNote);

// lanternctl audit public-key | audit export-dir [DIR]
int runAudit(CliContext& ctx, const QStringList& args);

} // namespace lantern::cli
