#pragma once
// The reconciliation dry run of a downtime drill: each entry of the drill
// outbox is put through the reconciler's own checks (sync/reconcile: patient
// merged away, order stopped or changed, possible duplicate), in the
// reconciler's order, against the EHR as it is now, and nothing is written:
// the client holds read scopes only, no outbox state changes, nothing is
// uploaded. An entry that passes every check "would be filed".
//
// When the EHR does not answer, the dry run stops there and says why (the
// report lists it as a problem); what was judged before stays in the result.

#include "core/common/Clock.h"
#include "core/drill/DrillReport.h"
#include "sync/fhir/FhirClient.h"
#include "sync/mirror/MirrorEngine.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

drill::DryRun drillDryRun(const FhirClient& client, vault::Vault& vault, int duplicateWindowMinutes = 60);

// With a read-only client built from the device's mirror configuration.
drill::DryRun drillDryRun(const MirrorConfig& config, vault::Vault& vault, const Clock& clock = SystemClock::instance());

} // namespace lantern::sync
