// lanternctl mirror (alias of service run) | mirror confirm-drop [WARD] | sync --once | status [--json]
// One mirror cycle, the purge guard's held drops, and the stored status. Output
// names wards, counts and resource types only, never patient data.
#include "AuditCommands.h"
#include "CliContext.h"

#include "core/service/ServiceMailbox.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/mirror/PurgeGuard.h"
#include "sync/service/DeviceContext.h"
#include "sync/service/MetricsSnapshot.h"

#include <QJsonDocument>

namespace lantern::cli {
namespace {

// The vault opened either with device.key (--device) or by a person with a
// passphrase; `requireAdmin`: that person must be allowed to manage the device.
struct OpenedVault
{
    std::optional<access::Session> session;
    std::unique_ptr<vault::Vault> deviceVault;
    vault::Vault& vault() { return session ? session->vault() : *deviceVault; }
};

std::optional<OpenedVault> openVault(CliContext& ctx, bool requireAdmin)
{
    access::VaultAccess access;
    OpenedVault opened;
    if (ctx.device) {
        auto vault = access.unlockAsDevice(ctx.vaultDir);
        if (!vault.ok()) {
            ctx.failUnlock(vault.error());
            return std::nullopt;
        }
        opened.deviceVault = std::move(*vault);
        return opened;
    }
    opened.session = ctx.unlock(access);
    if (!opened.session)
        return std::nullopt;
    if (requireAdmin && !opened.session->user().hasPermission(access::Permission::ManageDevice)) {
        ctx.fail(QStringLiteral("only IT administrators (or the device key, --device) may do this; %1 is a %2")
                     .arg(opened.session->user().username, access::roleName(opened.session->user().role)),
                 AuthFailed);
        return std::nullopt;
    }
    return opened;
}

// "EHR answer would remove 40 of 40 patients of ward-3b: kept, waiting for IT since ..."
QString describeHeldDrop(const sync::ScopeDropAlarm& a)
{
    return QStringLiteral("EHR answer would remove %1 of %2 patients of %3 (it names %4): kept, waiting for IT since %5")
        .arg(a.removed)
        .arg(a.before)
        .arg(a.ward)
        .arg(a.after)
        .arg(a.since.isValid() ? a.since.toString(Qt::ISODate) : QStringLiteral("unknown"));
}

// IT agrees that the next cycle may apply a held drop; audited under the person's name.
int runConfirmDrop(CliContext& ctx, const QStringList& args)
{
    if (args.size() > 1)
        return ctx.fail(QStringLiteral("usage: lanternctl [--device] --vault DIR mirror confirm-drop [WARD]"), Usage);
    auto opened = openVault(ctx, true);
    if (!opened)
        return ctx.unlockFailure();
    const QString actor = opened->session ? opened->session->user().username : QStringLiteral("device:") + ctx.user;
    auto confirmed = sync::confirmHeldDrops(opened->vault(), args.value(0), actor, SystemClock::instance());
    if (!confirmed.ok())
        return ctx.fail(confirmed.error());
    for (const sync::ScopeDropAlarm& a : std::as_const(*confirmed))
        ctx.out << "confirmed: " << a.ward << ": " << a.removed << " of " << a.before
                << " patients leave the scope with the next cycle (purged after mirror.purge_grace_hours)" << Qt::endl;
    return Ok;
}

} // namespace

int runMirror(CliContext& ctx, const QStringList& args)
{
    if (!args.isEmpty() && args.first() == QLatin1String("confirm-drop"))
        return runConfirmDrop(ctx, args.mid(1));
    if (!args.isEmpty())
        return ctx.fail(QStringLiteral("usage: lanternctl [--device] --vault DIR mirror | mirror confirm-drop [WARD]"), Usage);
    return runMirrorService(ctx);
}

int runSync(CliContext& ctx, const QStringList& args)
{
    const bool showProgress = args == QStringList{QStringLiteral("--once"), QStringLiteral("--progress")};
    if (args != QStringList{QStringLiteral("--once")} && !showProgress)
        return ctx.fail(QStringLiteral("usage: lanternctl [--device] --vault DIR sync --once [--progress]"), Usage);
    auto device = sync::DeviceContext::open(ctx.vaultDir);
    if (!device.ok())
        return ctx.fail(device.error());
    sync::MirrorEngine engine(device->mirror, device->openVault);
    if (showProgress)
        QObject::connect(&engine, &sync::MirrorEngine::progress, [&ctx](const QString& phase, qint64 done, qint64 total) {
            ctx.out << "progress " << phase << " " << done << "/" << total << Qt::endl;
        });
    auto report = engine.runCycle();
    if (!report.ok())
        return ctx.fail(QStringLiteral("mirror cycle failed: ") + report.error().message);
    ctx.out << "cycle complete: " << report->written << " written, " << report->removed << " removed, "
            << report->unchanged << " unchanged, " << report->skipped << " skipped; " << report->patientsLoaded
            << " patients loaded, " << report->patientsPurged << " purged; data as of "
            // What the device can promise (a ward whose drop is held keeps its older time), not the cycle's server time.
            << engine.status().dataAsOf.toString(Qt::ISODate) << Qt::endl;
    for (const Error& problem : std::as_const(report->problems))
        ctx.err << "  skipped: " << problem.message << Qt::endl;
    signAuditCheckpointsAsService(ctx);
    if (!report->purgeHeld.isEmpty())
        ctx.out << "no purge: " << report->purgeHeld << Qt::endl;
    if (report->patientsKept > 0)
        ctx.out << report->patientsKept << " patients past the grace period kept: their downtime entries await reconciliation"
                << Qt::endl;
    if (report->dropsHeld.isEmpty())
        return Ok;
    for (const sync::ScopeDropAlarm& a : std::as_const(report->dropsHeld))
        ctx.err << "lanternctl: " << describeHeldDrop(a) << Qt::endl;
    ctx.err << "check the EHR; if the drop is right: lanternctl --device mirror confirm-drop [WARD]" << Qt::endl;
    return DropHeld;
}

int runStatus(CliContext& ctx, const QStringList& args)
{
    const bool json = args == QStringList{QStringLiteral("--json")};
    if (!args.isEmpty() && !json)
        return ctx.fail(QStringLiteral("usage: lanternctl [--device] --vault DIR status [--json]"), Usage);
    auto opened = openVault(ctx, false);
    if (!opened)
        return ctx.unlockFailure();
    if (json) {
        // The figures GET /metrics shows, from the same snapshot; the engine's
        // counters live in the service's process and are not part of it here.
        auto snapshot = sync::collectMetrics(opened->vault(), SystemClock::instance().now());
        if (!snapshot.ok())
            return ctx.fail(snapshot.error());
        ctx.out << QString::fromUtf8(QJsonDocument(sync::metricsToJson(*snapshot)).toJson(QJsonDocument::Indented));
        ctx.out.flush();
        return Ok;
    }
    auto status = sync::loadMirrorStatus(opened->vault());
    if (!status.ok())
        return ctx.fail(status.error());
    const QDateTime now = SystemClock::instance().now();
    auto ago = [&](const QDateTime& t) {
        return t.isValid() ? QStringLiteral("%1 (%2 minutes ago)").arg(t.toString(Qt::ISODate)).arg(t.secsTo(now) / 60)
                           : QStringLiteral("never");
    };
    ctx.out << "EHR state:          " << sync::ehrStateName(status->state);
    if (status->stateSince.isValid())
        ctx.out << " since " << status->stateSince.toString(Qt::ISODate);
    ctx.out << Qt::endl;
    // A drill shows on every desktop as downtime marked DRILL; a real downtime wins (core/drill).
    if (status->drill)
        ctx.out << "drill:              " << status->drill->id << " since " << status->drill->startedAt.toString(Qt::ISODate)
                << (status->drillInForce() ? QStringLiteral(" (the ward sees downtime mode marked DRILL)")
                                           : QStringLiteral(" (not in force: a real downtime is open)"))
                << Qt::endl;
    // What the desktops show too: whether the mirror service is alive (core/service decides).
    auto alive = service::ServiceMailbox(opened->vault()).liveness();
    if (alive.ok())
        ctx.out << "mirror service:     "
                << (alive->running     ? QStringLiteral("running")
                    : alive->everRan   ? QStringLiteral("not running since ") + alive->downSince.toString(Qt::ISODate)
                                       : QStringLiteral("never ran on this vault"))
                << Qt::endl;
    ctx.out << "data as of:         " << ago(status->dataAsOf) << Qt::endl;
    QStringList wards = status->dataAsOfByWard.keys();
    wards.sort();
    for (const QString& ward : std::as_const(wards))
        ctx.out << "  " << ward << ": " << ago(status->dataAsOfByWard.value(ward)) << Qt::endl;
    ctx.out << "patients in scope:  " << status->patientsInScope << Qt::endl;
    ctx.out << "resources in vault: " << status->resourcesInVault << Qt::endl;
    // Kind, message and since when (sync/mirror/MirrorFailure decides the wording).
    ctx.out << "last error:         " << sync::describeFailure(status->lastFailure) << Qt::endl;
    const vault::DiskStatus& disk = status->disk;
    ctx.out << "disk:               " << vault::diskLevelName(disk.level);
    if (disk.known())
        ctx.out << " (" << disk.freeBytes / vault::kMebibyte << " MB free, mirror stops below "
                << disk.watermarkBytes / vault::kMebibyte << " MB)";
    ctx.out << Qt::endl;
    if (disk.level != vault::DiskLevel::Ok)
        ctx.out << "  " << vault::diskAdvice(disk) << Qt::endl;
    ctx.out << "held drops:         " << (status->dropAlarms.isEmpty() ? QStringLiteral("none") : QString::number(status->dropAlarms.size()))
            << Qt::endl;
    for (const sync::ScopeDropAlarm& a : std::as_const(status->dropAlarms))
        ctx.out << "  " << describeHeldDrop(a) << "; confirm with: lanternctl --device mirror confirm-drop " << a.ward
                << Qt::endl;
    return Ok;
}

} // namespace lantern::cli
