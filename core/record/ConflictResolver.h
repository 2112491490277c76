#pragma once
// A person's decision on an entry that waits in the reconciliation queue:
// upload anyway, mark as duplicate, or amend (then record the amending entry
// with Recorder and `amends` = this uuid). Only a user whose role may resolve
// conflicts (a physician) decides; every decision, and every refused attempt,
// is audited (resolve-conflict, detail "<decision> <conflict reason>").

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/record/RecordEntry.h"

#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::record {

class ConflictResolver
{
public:
    ConflictResolver(vault::Vault& vault, QString username, const Clock& clock = SystemClock::instance());

    // Denied: unknown user, disabled, or a role without ResolveConflicts.
    // Conflict: the entry is not (or no longer) in conflict. NotFound: no such entry.
    Status decide(const QString& uuid, Decision decision, const QString& note = {});

    // Whether `username` may decide conflicts on this vault.
    static Status mayResolve(vault::Vault& vault, const QString& username);

private:
    vault::Vault& m_vault;
    QString m_username;
    const Clock& m_clock;
};

// The audit event of a decision, for the resolver and for an amend recorded directly.
Status auditDecision(vault::Vault& vault, const Clock& clock, const QString& actor, const QString& patientId,
                     Decision decision, std::optional<ConflictReason> reason, bool denied = false);

} // namespace lantern::record
