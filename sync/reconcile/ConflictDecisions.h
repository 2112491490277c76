#pragma once
// A person's decision on an entry waiting in the reconciliation queue: upload
// anyway, mark as duplicate (kept, never uploaded) or amend. Only a user with
// access::Permission::ResolveConflicts (physicians) may decide; the role is
// re-read from the vault, so a change takes effect at once. Every decision is
// audited, and so is every refusal.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/record/RecordEntry.h"

#include <QString>

namespace lantern::access {
class Session;
}

namespace lantern::sync {

// Denied when the user may not decide; NotFound for an unknown uuid; Conflict
// when the entry is not waiting in the queue.
Status decideConflict(access::Session& session, const QString& uuid, record::Decision decision, const QString& note,
                      const Clock& clock = SystemClock::instance());

} // namespace lantern::sync
