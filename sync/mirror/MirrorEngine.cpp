#include "sync/mirror/MirrorEngine.h"

#include "core/audit/AuditLog.h"
#include "sync/health/DeclaredDowntime.h"
#include "sync/health/EhrHealthMonitor.h"
#include "sync/health/EhrHeartbeat.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/mirror/MirrorCounters.h"
#include "sync/mirror/MirrorCycle.h"
#include "sync/mirror/MirrorLock.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "core/vault/DiskReserve.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>

#include <atomic>
#include <mutex>
#include <thread>

namespace lantern::sync {

class MirrorEngine::Private
{
public:
    Private(MirrorConfig c, VaultOpener opener, const Clock& clk) : config(std::move(c)), openVault(std::move(opener)), clock(clk) {}

    MirrorConfig config;
    VaultOpener openVault;
    const Clock& clock;

    std::unique_ptr<vault::Vault> vault;
    std::unique_ptr<MirrorLock> lock;
    std::unique_ptr<vault::MirrorRepository> mirror;
    std::unique_ptr<MirrorWriter> writer;
    MirrorClient client;
    std::shared_ptr<MirrorCounters> counters = std::make_shared<MirrorCounters>();
    ServerSupport support; // the CapabilityStatement, read once per run

    EhrHealthMonitor* health = nullptr;
    EhrHeartbeat* heartbeat = nullptr;
    QTimer* cycleTimer = nullptr;

    std::atomic<bool> stopRequested{false};
    bool inCycle = false;
    qint64 failuresNoted = 0; // the transport's failure count when a failure was last recorded in this cycle
    bool stoppedEmitted = false;

    mutable std::mutex statusMutex;
    MirrorStatus status;
};

MirrorEngine::MirrorEngine(MirrorConfig config, VaultOpener openVault, const Clock& clock, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>(std::move(config), std::move(openVault), clock))
{
    qRegisterMetaType<lantern::sync::EhrState>();
    qRegisterMetaType<lantern::sync::MirrorStatus>();
    d->health = new EhrHealthMonitor(clock, HealthPolicy{}, this);
    connect(d->health, &EhrHealthMonitor::stateChanged, this, [this](EhrState state, EhrState previous) {
        qCInfo(lcMirror) << "EHR state" << ehrStateName(previous) << "->" << ehrStateName(state);
        if (d->mirror)
            (void)MirrorStatusStore(*d->mirror).saveHealth(*d->health);
        refreshStatus();
        Q_EMIT stateChanged(state, previous);
    });
}

MirrorEngine::~MirrorEngine()
{
    d->stopRequested = true;
}

MirrorStatus MirrorEngine::status() const
{
    std::lock_guard lock(d->statusMutex);
    return d->status;
}

void MirrorEngine::setCounters(std::shared_ptr<MirrorCounters> counters)
{
    if (counters)
        d->counters = std::move(counters);
}

std::shared_ptr<MirrorCounters> MirrorEngine::counters() const
{
    return d->counters;
}

EhrHealthMonitor& MirrorEngine::health()
{
    return *d->health;
}

void MirrorEngine::requestStop()
{
    d->stopRequested = true;
}

Status MirrorEngine::ensureOpen()
{
    if (d->client.client)
        return {};
    if (!d->vault) {
        auto vault = d->openVault();
        if (!vault.ok())
            return vault.error().prefixed(QStringLiteral("opening the vault for the mirror"));
        auto lock = acquireMirrorLock(QFileInfo((*vault)->path()).absolutePath());
        if (!lock.ok())
            return lock.error();
        d->lock = std::move(*lock);
        d->vault = std::move(*vault);
        d->mirror = std::make_unique<vault::MirrorRepository>(d->vault->db());
        d->writer = std::make_unique<MirrorWriter>(*d->vault, *d->mirror);
    }
    // Waits between retries end early when the engine is asked to stop.
    Sleeper sleeper = [this](std::chrono::milliseconds delay) {
        // A wait in a cycle after a failed exchange is a retry: status says why
        // now, not only when the cycle gives up minutes later.
        if (d->inCycle)
            noteRetry();
        const auto end = std::chrono::steady_clock::now() + delay;
        while (std::chrono::steady_clock::now() < end) {
            if (d->stopRequested)
                return false;
            std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50),
                std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()) +
                    std::chrono::milliseconds(1)));
        }
        return !d->stopRequested;
    };
    auto client = makeMirrorClient(d->config, d->clock, sleeper, EhrAccess::Read, d->counters->traffic);
    if (!client.ok())
        return client.error();
    d->client = std::move(*client);
    return {};
}

bool MirrorEngine::bulkOffered()
{
    if (d->config.scope.groupId.isEmpty() || !d->config.preferBulkExport)
        return false;
    d->support.readCapabilities(*d->client.client); // unread: asked again next cycle
    return d->support.groupExport;
}

Result<MirrorCycleReport> MirrorEngine::runCycle()
{
    if (d->inCycle)
        return Error(ErrorCode::Conflict, QStringLiteral("a mirror cycle is already running"));
    Status opened = ensureOpen();
    if (!opened.ok()) {
        recordFailure(opened.error(), 0);
        return opened.error();
    }
    // The disk reserve is made again once there is room (DiskReserve).
    if (Status kept = vault::DiskReserve::besideFile(d->vault->path()).ensure(); !kept.ok())
        qCWarning(lcMirror).noquote() << "disk reserve:" << kept.error().message;
    if (std::optional<Error> full = diskTooFull()) {
        // Nothing written: the room left belongs to unlocking, audit and downtime entries.
        const Result<MirrorCycleReport> refused(*full);
        countCycle(refused, 0, QStringLiteral("disk"));
        recordFailure(*full, 0);
        refreshStatus();
        return refused;
    }
    // A downtime a person declared in another process (stored in the vault) holds from this cycle on.
    if (Status followed = followDeclaredDowntime(*d->vault, *d->health, d->clock); !followed.ok())
        qCWarning(lcMirror).noquote() << "mirror: declared downtime:" << followed.error().message;
    d->inCycle = true;
    refreshStatus();
    MirrorContext ctx{*d->client.client, *d->vault, *d->mirror, *d->writer, d->config, d->clock,
                      [this] { return d->stopRequested.load(); },
                      [this](const QString& phase, qint64 done, qint64 total) { Q_EMIT progress(phase, done, total); }};
    const EhrCondition condition{d->health->state(), d->health->currentDowntime().has_value()};
    const HttpTrafficCounters& traffic = *d->counters->traffic;
    const qint64 httpErrorsBefore = traffic.httpErrors;
    d->failuresNoted = traffic.failures();
    QElapsedTimer took;
    took.start();
    auto result = MirrorCycle(ctx, bulkOffered(), d->support, condition).run();
    d->inCycle = false;
    // The status of the answer that failed the cycle, when an HTTP answer did.
    int httpStatus = 0;
    if (!result.ok() && (result.error().code == ErrorCode::Server || result.error().code == ErrorCode::Denied) &&
        traffic.httpErrors > httpErrorsBefore)
        httpStatus = traffic.lastErrorStatus;
    countCycle(result, took.elapsed(), result.ok() ? QString() : classifyFailure(result.error(), httpStatus));
    MirrorStatusStore store(*d->mirror);
    if (result.ok()) {
        d->health->recordSuccess();
        d->health->recordFullSyncCompleted();
        (void)store.saveCycle(d->clock.now(), result->changed());
        // A good cycle ends the run of failures; skipped resources or a held
        // drop are what is wrong now, and their `since` goes on while the
        // same kind of trouble lasts.
        const QString lastKind = status().lastFailure.kind;
        if (!result->problems.isEmpty()) {
            if (lastKind != classifyFailure(result->problems.last(), 0))
                clearFailure();
            for (const Error& problem : std::as_const(result->problems))
                recordFailure(problem, 0);
        } else if (!result->dropsHeld.isEmpty()) {
            if (lastKind != QLatin1String("purge_guard"))
                clearFailure();
            MirrorFailure held;
            held.kind = QStringLiteral("purge_guard");
            held.message = QStringLiteral("the purge guard holds the EHR's answer for %1 ward(s) until IT confirms it "
                                          "(lanternctl --device mirror confirm-drop)").arg(result->dropsHeld.size());
            held.at = d->clock.now();
            recordFailure(held);
        } else {
            clearFailure();
        }
        refreshStatus();
        Q_EMIT cycleFinished(status().dataAsOf, result->changed());
        return result;
    }
    const bool stopped = d->stopRequested && result.error().message == MirrorContext::stoppedError().message;
    if (!stopped) {
        const ErrorCode code = result.error().code;
        // Local trouble (disk, vault) says nothing about the EHR.
        if (code != ErrorCode::Database && code != ErrorCode::Io && code != ErrorCode::Internal)
            d->health->recordFailure(result.error().message);
        recordFailure(result.error(), httpStatus);
    }
    refreshStatus();
    return result;
}

std::optional<Error> MirrorEngine::diskTooFull()
{
    const vault::DiskStatus disk = assessVaultDisk(*d->vault, d->config.minFreeMb);
    if (disk.level == vault::DiskLevel::Ok)
        return std::nullopt;
    return Error(ErrorCode::Io,
                 QStringLiteral("the vault's disk has %1 MB free, below mirror.min_free_mb (%2 MB): the mirror writes "
                                "no EHR data until there is room; free space on that disk")
                     .arg(disk.freeBytes / vault::kMebibyte)
                     .arg(d->config.minFreeMb));
}

void MirrorEngine::noteRetry()
{
    const HttpTrafficCounters& traffic = *d->counters->traffic;
    const qint64 failures = traffic.failures();
    if (failures == d->failuresNoted)
        return; // a wait that follows no failure (a bulk export's polling)
    d->failuresNoted = failures;
    MirrorFailure f;
    f.at = d->clock.now();
    switch (traffic.lastFailure.load()) {
    case HttpTrafficCounters::HttpFailure:
        f.httpStatus = traffic.lastErrorStatus;
        f.kind = f.httpStatus == 401 || f.httpStatus == 403 ? QStringLiteral("auth") : QStringLiteral("http");
        f.message = QStringLiteral("the EHR answered HTTP %1; retrying").arg(f.httpStatus);
        break;
    case HttpTrafficCounters::TimeoutFailure:
        f.kind = QStringLiteral("timeout");
        f.message = QStringLiteral("a request to the EHR timed out; retrying");
        break;
    case HttpTrafficCounters::TlsFailure:
        f.kind = QStringLiteral("tls");
        f.message = QStringLiteral("the TLS connection to the EHR failed; retrying");
        break;
    default:
        f.kind = QStringLiteral("connection");
        f.message = QStringLiteral("the EHR could not be reached; retrying");
        break;
    }
    recordFailure(f);
}

void MirrorEngine::countCycle(const Result<MirrorCycleReport>& result, qint64 elapsedMs, const QString& failureKind)
{
    MirrorCounters& c = *d->counters;
    if (!result.ok() && d->stopRequested && result.error().message == MirrorContext::stoppedError().message)
        return; // asked to stop: neither a cycle nor a failure
    ++c.cycles;
    c.lastCycleMs = elapsedMs;
    if (!result.ok()) {
        ++c.failedCycles;
        c.countCycleError(result.error());
        c.countFailedCycle(failureKind);
        return;
    }
    c.resourcesWritten += result->written;
    if (!result->dropsHeld.isEmpty())
        ++c.purgeGuardHolds;
}

void MirrorEngine::setLastError(const QString& message)
{
    recordFailure(Error(ErrorCode::Internal, message), 0);
}

void MirrorEngine::recordFailure(const Error& error, int httpStatus)
{
    MirrorFailure f;
    f.kind = classifyFailure(error, httpStatus);
    f.message = error.message;
    f.httpStatus = httpStatus;
    f.at = d->clock.now();
    recordFailure(f);
}

void MirrorEngine::recordFailure(const MirrorFailure& failure)
{
    qCWarning(lcMirror).noquote() << "mirror:" << failure.kind << failure.message;
    MirrorFailure f = failure;
    {
        std::lock_guard lock(d->statusMutex);
        if (!d->status.lastFailure.isNone() && d->status.lastFailure.since.isValid())
            f.since = d->status.lastFailure.since; // the run of failures goes on
    }
    if (!f.since.isValid())
        f.since = f.at;
    if (d->mirror) {
        MirrorStatusStore store(*d->mirror);
        (void)store.saveFailure(f);
        if (auto stored = store.failure(); stored.ok() && stored->since.isValid())
            f.since = stored->since; // a run that began before this process
    }
    {
        std::lock_guard lock(d->statusMutex);
        d->status.lastFailure = f;
        d->status.lastError = f.message;
    }
    Q_EMIT errorOccurred(f.message);
}

void MirrorEngine::clearFailure()
{
    if (d->mirror)
        (void)MirrorStatusStore(*d->mirror).clearFailure();
    std::lock_guard lock(d->statusMutex);
    d->status.lastFailure = {};
    d->status.lastError.clear();
}

void MirrorEngine::refreshStatus()
{
    MirrorStatus s;
    s.state = d->health->state();
    s.stateSince = d->health->stateSince();
    s.downtime = d->health->currentDowntime();
    s.cycleRunning = d->inCycle;
    {
        std::lock_guard lock(d->statusMutex);
        s.lastError = d->status.lastError;
        s.lastFailure = d->status.lastFailure;
    }
    if (d->vault)
        s.disk = assessVaultDisk(*d->vault, d->config.minFreeMb);
    if (d->mirror && !d->inCycle) {
        (void)MirrorStatusStore(*d->mirror).fill(s);
        auto count = vault::ResourceRepository(d->vault->db()).count();
        s.resourcesInVault = count.ok() ? *count : 0;
    } else {
        std::lock_guard lock(d->statusMutex);
        s.dataAsOfByWard = d->status.dataAsOfByWard;
        s.dataAsOf = d->status.dataAsOf;
        s.patientsInScope = d->status.patientsInScope;
        s.resourcesInVault = d->status.resourcesInVault;
        s.dropAlarms = d->status.dropAlarms;
    }
    {
        std::lock_guard lock(d->statusMutex);
        d->status = s;
    }
    Q_EMIT statusChanged(s);
}

void MirrorEngine::start()
{
    d->stopRequested = false;
    d->stoppedEmitted = false;
    Status opened = ensureOpen();
    if (!opened.ok()) {
        setLastError(opened.error().message);
        d->stoppedEmitted = true;
        Q_EMIT stopped(); // nothing runs: say so, the service exits with the error above
        return;
    }
    if (!d->heartbeat) {
        // Each failed heartbeat is recorded like a failed cycle: during 503s,
        // 429s and timeouts status never says "last error: none".
        EhrHeartbeat::Probe probe = [this]() -> Status {
            auto pinged = d->client.client->ping();
            if (!pinged.ok())
                recordFailure(pinged.error().prefixed(QStringLiteral("heartbeat")), pinged.httpStatus());
            return pinged.toStatus();
        };
        d->heartbeat = new EhrHeartbeat(probe,
                                         std::chrono::seconds(std::max(1, d->config.heartbeatSeconds)), this);
        d->heartbeat->connectToMonitor(*d->health);
        d->cycleTimer = new QTimer(this);
        d->cycleTimer->setInterval(std::chrono::seconds(std::max(1, d->config.intervalSeconds)));
        connect(d->cycleTimer, &QTimer::timeout, this, &MirrorEngine::runScheduledCycle);
    }
    d->cycleTimer->start();
    QTimer::singleShot(0, this, &MirrorEngine::runScheduledCycle);
    // The first heartbeat after the first cycle, so a slow EHR is not asked twice at once.
    QTimer::singleShot(0, this, [this] {
        if (!d->stopRequested && d->heartbeat)
            d->heartbeat->start();
    });
}

void MirrorEngine::runScheduledCycle()
{
    if (d->stopRequested) {
        finishStop();
        return;
    }
    if (d->inCycle)
        return;
    (void)runCycle();
    if (d->stopRequested)
        finishStop();
}

void MirrorEngine::finishStop()
{
    if (d->cycleTimer)
        d->cycleTimer->stop();
    if (d->heartbeat)
        d->heartbeat->stop();
    if (d->inCycle || d->stoppedEmitted)
        return;
    d->stoppedEmitted = true;
    qCInfo(lcMirror) << "mirror stopped";
    Q_EMIT stopped();
}

void MirrorEngine::stop()
{
    d->stopRequested = true;
    finishStop();
}

void MirrorEngine::syncNow()
{
    if (d->inCycle)
        return;
    const bool wasStopped = d->stopRequested;
    d->stopRequested = false;
    (void)runCycle();
    if (wasStopped)
        d->stopRequested = true;
}

void MirrorEngine::declareDowntime(const QString& username, const QString& reason)
{
    auto record = d->health->declareDowntime(username, reason);
    if (!record.ok()) {
        setLastError(record.error().message);
        return;
    }
    auditDowntime(username, true);
    refreshStatus();
}

void MirrorEngine::endDowntime(const QString& username, const QString& reason)
{
    auto record = d->health->endDowntime(username, reason);
    if (!record.ok()) {
        setLastError(record.error().message);
        return;
    }
    auditDowntime(username, false);
    refreshStatus();
}

void MirrorEngine::auditDowntime(const QString& username, bool declared)
{
    if (!d->vault) {
        if (Status opened = ensureOpen(); !opened.ok()) {
            setLastError(opened.error().prefixed(QStringLiteral("downtime not audited")).message);
            return;
        }
    }
    audit::AuditLog log(*d->vault, d->clock);
    // The reason is free text: it stays in the downtime record, not in the audit chain.
    auto entry = log.append({username, declared ? audit::AuditAction::DowntimeDeclare : audit::AuditAction::DowntimeEnd,
                             {}, audit::AuditOutcome::Success, declared ? QStringLiteral("declared") : QStringLiteral("ended")});
    if (!entry.ok())
        setLastError(entry.error().message);
}

} // namespace lantern::sync
