#pragma once
// The mirror engine as the rest of Lantern sees it: a QObject with start, stop
// and sync-now, and signals for progress, EHR state, errors and finished
// cycles. It lives in a worker thread (moveToThread); the UI and the headless
// service only connect to it with queued connections. No widgets, no Poco in
// this header.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/vault/DiskStatus.h"
#include "core/drill/Drill.h"
#include "sync/health/EhrHealth.h"
#include "sync/mirror/DropAlarm.h"
#include "sync/mirror/MirrorFailure.h"
#include "sync/mirror/MirrorReport.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

class EhrHealthMonitor;
struct MirrorCounters;

// Which patients the device mirrors.
struct MirrorScope
{
    QStringList wardLocationIds; // FHIR Location ids: in-progress Encounters there → patients
    QString groupId;             // or a FHIR Group
    QStringList patientIds;      // or an explicit list
};

struct MirrorConfig
{
    QUrl baseUrl;
    MirrorScope scope;
    int intervalSeconds = 10;             // between incremental cycles
    int heartbeatSeconds = 15;
    int administrationHistoryDays = 30;
    int overlapSeconds = 2;               // cursors step back this much (commit lag); why 2 s: IncrementalPlan.h
    int purgeGraceHours = 24;             // patients out of scope are removed after this
    int maxDropPercent = 20;              // a larger share of the scope leaving at once waits for IT (PurgeGuard)
    int deletionSweepMinutes = 15;        // servers without _history: how often to look for deletions (0: every cycle)
    bool preferBulkExport = true;         // initial load via Group/$export when offered
    // Free space (MB) the vault's disk keeps: below it the mirror writes no EHR
    // data and says so (error kind disk), well before the disk is full, so
    // unlocking and downtime entries keep their room.
    int minFreeMb = 512;
    QString authMode = QStringLiteral("none"); // none | bearer | smart
    QString bearerToken;
    QString smartClientId;
    QString smartKeyFile;
    QString caBundleFile;
    QString proxyUrl;
    // Transport and retries (tests shorten them; production keeps the defaults).
    int connectTimeoutMs = 10'000;
    int readTimeoutMs = 30'000;
    int responseTimeoutMs = 120'000; // a whole page must arrive within this (HttpOptions::responseTimeout)
    int retryAttempts = 5;          // per request, including the first
    int retryMaxDelayMs = 60'000;   // longest back-off or Retry-After honoured
    // Not the engine's: the mirror service serves GET /metrics on 127.0.0.1 at
    // this port (service.metrics_port; 0: off). Kept here so one load gives
    // the service everything the vault configures.
    int metricsPort = 9464;
};

// A snapshot for screens and `lanternctl status`.
struct MirrorStatus
{
    EhrState state = EhrState::Online;
    QDateTime stateSince;
    std::optional<DowntimeRecord> downtime;
    QHash<QString, QDateTime> dataAsOfByWard; // server time of the last complete cycle, per ward
    QDateTime dataAsOf;                       // the oldest of those: what the whole device can promise
    QString lastError;                        // the message alone (lastFailure has kind, status, since)
    MirrorFailure lastFailure;                // none after a successful cycle
    vault::DiskStatus disk;                   // the vault's disk: ok, almost full, full (core decides)
    qint64 patientsInScope = 0;
    qint64 resourcesInVault = 0;
    bool cycleRunning = false;
    ScopeDropAlarms dropAlarms;               // drops the purge guard holds until IT confirms them
    // Counts cycles that wrote something: census and chart re-read when it moves.
    // Data-as-of alone is not enough: it stands still for a ward whose drop the
    // purge guard holds while new doses and orders of its kept patients arrive.
    qint64 dataGeneration = 0;
    bool serviceDown = false;                 // the mirror service's heartbeat is stale (core/service decides)
    QDateTime serviceDownSince;               // when it was last seen alive; null when never seen running
    // A downtime drill runs on this device (core/drill/Drill.h): the ward sees
    // downtime mode marked DRILL, unless a real downtime is open, which wins.
    std::optional<lantern::drill::ActiveDrill> drill;

    bool realDowntimeOpen() const { return state == EhrState::Downtime || (downtime && downtime->isOpen()); }
    bool drillInForce() const { return lantern::drill::drillInForce(drill.has_value(), realDowntimeOpen()); }
};

class MirrorEngine : public QObject
{
    Q_OBJECT

public:
    // `openVault` gives the engine its own connection to the vault (in its thread).
    using VaultOpener = std::function<Result<std::unique_ptr<vault::Vault>>()>;

    MirrorEngine(MirrorConfig config, VaultOpener openVault, const Clock& clock = SystemClock::instance(),
                 QObject* parent = nullptr);
    ~MirrorEngine() override;

    MirrorStatus status() const; // thread-safe
    // Counters for the service's metrics. Set before start() to keep one set
    // across engines (a follower that takes over goes on counting).
    void setCounters(std::shared_ptr<MirrorCounters> counters);
    std::shared_ptr<MirrorCounters> counters() const;

    // One complete cycle now, in the calling thread (lanternctl sync --once,
    // tests). Opens the vault and takes the lock on first use.
    Result<MirrorCycleReport> runCycle();
    // Thread-safe: the running cycle stops after its current transaction.
    void requestStop();
    // The engine's health state machine (lives in the engine's thread).
    EhrHealthMonitor& health();

public Q_SLOTS:
    void start();   // first cycle now, then every intervalSeconds; heartbeats in between
    void stop();    // finishes the current page's transaction, then emits stopped()
    void syncNow(); // one cycle as soon as possible
    void declareDowntime(const QString& username, const QString& reason);
    void endDowntime(const QString& username, const QString& reason);

Q_SIGNALS:
    void progress(const QString& phase, qint64 done, qint64 total);
    void stateChanged(lantern::sync::EhrState state, lantern::sync::EhrState previous);
    void statusChanged(const lantern::sync::MirrorStatus& status);
    void errorOccurred(const QString& message); // never patient data
    void cycleFinished(const QDateTime& dataAsOf, qint64 resourcesChanged);
    void stopped();

private:
    Status ensureOpen();
    bool bulkOffered();
    void runScheduledCycle();
    void finishStop();
    void setLastError(const QString& message);
    // Records a failed cycle, heartbeat or retry: kind, message, HTTP status, since when.
    void recordFailure(const Error& error, int httpStatus);
    void recordFailure(const MirrorFailure& failure);
    void clearFailure();
    // Null when the vault's disk has room for the mirror; the disk error otherwise.
    std::optional<Error> diskTooFull();
    void countCycle(const Result<MirrorCycleReport>& result, qint64 elapsedMs, const QString& failureKind);
    void noteRetry();
    void refreshStatus();
    void auditDowntime(const QString& username, bool declared);

    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lantern::sync

Q_DECLARE_METATYPE(lantern::sync::MirrorStatus)
