#pragma once
// What the mirror service and the desktops on one device say to each other,
// kept in the vault's mirror_state rows (no schema of its own), so neither
// needs a socket and the desktop needs no key but its user's slot:
//  - service/*    the service's heartbeat and its clean stop: a desktop shows
//                 "Mirror service not running since …" when the heartbeat is stale;
//  - reconcile/*  a person's request to reconcile now, the service's progress
//                 and result, and a request to stop;
//  - downtime/declared  a downtime declared by a person; the mirror engine reads
//                 it each cycle and holds the EHR state at Downtime until it ends.
// Values hold times, counts, usernames and coded words only: never patient
// data, never the free-text reason of a downtime (that stays with the person).
// Who may post what is decided in core/access/ServiceRequests, not here.

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::service {

struct Heartbeat
{
    QDateTime startedAt; // this run of the service
    QDateTime lastBeat;
    QDateTime stoppedAt; // set by a clean stop; null while running (or after a crash)
};

// What a stored heartbeat means now. Decided here, once, for every interface.
struct Liveness
{
    bool running = false;
    QDateTime downSince; // when it was last seen alive (or stopped); null if it never ran
    bool everRan = false;
};

struct ReconcileRequest
{
    QString id; // a fresh uuid per request; the service reports progress under it
    QString by; // username
    QDateTime at;
};

// The service's report on a reconciliation it runs for a request.
struct ReconcileProgress
{
    QString requestId;
    QString by;
    bool finished = false;
    QString end; // coded: "done", "stopped", "ehr-unavailable", "failed"
    int done = 0;
    int total = 0;
    int uploaded = 0;
    int conflicts = 0;     // new in this run
    int pendingLeft = 0;
    int conflictsOpen = 0;
    QString message;       // why it stopped (no patient data)
    QDateTime at;
};

struct DeclaredDowntime
{
    QString by;
    QDateTime since;
};

class ServiceMailbox
{
public:
    static constexpr int DefaultBeatSeconds = 5;
    // Three missed beats: the service is gone (killed, crashed, host asleep).
    static constexpr int DefaultStaleSeconds = 3 * DefaultBeatSeconds;

    ServiceMailbox(vault::Vault& vault, const Clock& clock = SystemClock::instance());

    // The service's side.
    Status markStarted();
    Status beat();
    Status markStopped();
    Result<Heartbeat> heartbeat();
    static Liveness liveness(const Heartbeat& beat, const QDateTime& now, int staleSeconds = DefaultStaleSeconds);
    Result<Liveness> liveness(int staleSeconds = DefaultStaleSeconds);

    // Reconciliation: one open request at a time; a second one while the first
    // is open is the same request.
    Result<ReconcileRequest> postReconcileRequest(const QString& by);
    Result<std::optional<ReconcileRequest>> reconcileRequest();
    // The service took the request: it is no longer open, progress follows.
    Status takeReconcileRequest(const ReconcileRequest& request);
    Status saveReconcileProgress(const ReconcileProgress& progress);
    Result<std::optional<ReconcileProgress>> reconcileProgress();
    Status requestReconcileCancel(const QString& by);
    Result<bool> reconcileCancelRequested();
    Status clearReconcileCancel();

    // A declared downtime, until a person ends it.
    Status declareDowntime(const QString& by);
    Status endDowntime();
    Result<std::optional<DeclaredDowntime>> declaredDowntime();

private:
    vault::Vault& m_vault;
    const Clock& m_clock;
};

} // namespace lantern::service

Q_DECLARE_METATYPE(lantern::service::ReconcileProgress)
