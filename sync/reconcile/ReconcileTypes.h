#pragma once
// Values shared by the parts of reconciliation: what a check found, how a
// failed request is to be treated, and what one run did.

#include "core/common/Result.h"
#include "core/record/RecordEntry.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace lantern::sync {

// A check or the server says a person must look at this entry.
struct ConflictFinding
{
    record::ConflictReason reason = record::ConflictReason::ServerRejected;
    QString detail; // no patient data: versions, statuses, ids, the server's OperationOutcome text
};

// What a failed FHIR request means for reconciliation.
enum class FailureKind
{
    Rejected,  // 400, 404, 405, 409, 410, 412, 422: the server will not take this entry -> conflict
    Transient, // no answer, 5xx, 429, an unreadable answer: stop the run, try again later
    Auth,      // 401, 403: the credentials are wrong; stop, a person must fix the configuration
    Local      // the vault could not be read or written (not the EHR's fault)
};
FailureKind classifyFailure(int httpStatus, const Error& error);

// Why a run ended.
enum class RunEnd
{
    Done,             // nothing pending is left (conflicts may wait)
    Stopped,          // asked to stop (SIGTERM, cancel) between entries
    NetworkFailure,   // the EHR did not answer properly; resume later
    AuthFailure,      // the EHR refused the credentials
    ServerFailure,    // the EHR refused a check's search (unsupported parameter?); a person must look
    LocalFailure      // the vault could not be read or written
};
QString runEndName(RunEnd end); // "done", "stopped", "network-failure", "auth-failure", "server-failure", "local-failure"

struct ReconcileReport
{
    RunEnd end = RunEnd::Done;
    QString message;          // why it stopped (no patient data); empty when done
    int processed = 0;        // entries looked at in this run
    int uploaded = 0;         // created, or found already in the EHR by identifier
    int alreadyPresent = 0;   // of those, found by identifier (an earlier attempt got through)
    int conflicts = 0;        // new conflicts in this run
    int waiting = 0;          // left pending: their downtime-admitted patient is not in the EHR yet
    int notesPosted = 0;      // downtime notes posted in this run
    int transactions = 0;     // transaction Bundles that filed entries (0 where the EHR offers none)
    int conflictsOpen = 0;    // entries in Conflict after the run (this run's and earlier ones)
    int pendingLeft = 0;      // entries still Pending after the run
};

} // namespace lantern::sync

Q_DECLARE_METATYPE(lantern::sync::ReconcileReport)
