// lanternctl service run (alias: mirror) | downtime declare|end
// The device's mirror service until SIGTERM/SIGINT, and a person's declared
// downtime, which the service picks up with its next cycle. Output names
// wards, counts and states only, never patient data.
#include "AuditCommands.h"
#include "CliContext.h"
#include "OpenedVault.h"
#include "ServiceDevice.h"

#include "core/access/ServiceRequests.h"
#include "sync/service/MirrorService.h"

#include <QCoreApplication>

namespace lantern::cli {
namespace {

QString scopeText(const sync::MirrorConfig& c)
{
    QStringList parts = c.scope.wardLocationIds;
    if (!c.scope.groupId.isEmpty())
        parts << QStringLiteral("group:") + c.scope.groupId;
    if (!c.scope.patientIds.isEmpty())
        parts << QStringLiteral("%1 listed patients").arg(c.scope.patientIds.size());
    return parts.join(QStringLiteral(", "));
}

} // namespace

int openServiceDevice(CliContext& ctx, std::optional<sync::DeviceContext>& device, sync::TerminationSignals& termination)
{
    auto opened = sync::DeviceContext::open(ctx.vaultDir);
    if (!opened.ok())
        return ctx.fail(opened.error()); // a refused device.key: exit code 3
    if (Status ehr = opened->requireEhr(); !ehr.ok())
        return ctx.fail(ehr.error().message, Usage);
    if (Status installed = termination.install(); !installed.ok())
        return ctx.fail(installed.error());
    device = std::move(*opened);
    return Ok;
}

int runMirrorService(CliContext& ctx)
{
    std::optional<sync::DeviceContext> device;
    sync::TerminationSignals termination;
    if (const int code = openServiceDevice(ctx, device, termination); code != Ok)
        return code;
    ctx.out << "lantern mirror service: " << device->mirror.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
            << " scope " << scopeText(device->mirror) << ", every " << device->mirror.intervalSeconds << " s" << Qt::endl;

    sync::MirrorService service(*device);
    int cycles = 0;
    bool failed = false;
    QObject::connect(&service, &sync::MirrorService::cycleFinished, qApp, [&](const QDateTime& asOf, qint64 changed) {
        ++cycles;
        ctx.out << "cycle " << cycles << ": " << changed << " resources changed, data as of "
                << asOf.toString(Qt::ISODate) << Qt::endl;
        signAuditCheckpointsAsService(ctx);
    });
    QObject::connect(&service, &sync::MirrorService::errorOccurred, qApp,
                     [&](const QString& message) { ctx.err << "lanternctl service: " << message << Qt::endl; });
    QObject::connect(&service, &sync::MirrorService::stateChanged, qApp,
                     [&](sync::EhrState state, sync::EhrState previous) {
                         ctx.out << "EHR " << sync::ehrStateName(previous) << " -> " << sync::ehrStateName(state) << Qt::endl;
                     });
    QObject::connect(&service, &sync::MirrorService::modeChanged, qApp, [&](sync::MirrorService::Mode mode) {
        if (mode == sync::MirrorService::Mode::Follower)
            ctx.out << "another mirror holds the lock: following, taking over when it stops" << Qt::endl;
        else if (mode == sync::MirrorService::Mode::Leader)
            ctx.out << "mirroring (heartbeat for the desktops every few seconds)" << Qt::endl;
    });
    QObject::connect(&service, &sync::MirrorService::reconcileStarted, qApp,
                     [&](const QString& by) { ctx.out << "reconciliation asked for by " << by << Qt::endl; });
    QObject::connect(&service, &sync::MirrorService::reconcileFinished, qApp, [&](const sync::ReconcileReport& r) {
        ctx.out << "reconcile " << sync::runEndName(r.end) << ": " << r.uploaded << " filed, " << r.conflicts
                << " new conflicts, " << r.pendingLeft << " pending" << Qt::endl;
    });
    QObject::connect(&service, &sync::MirrorService::finished, qApp, [&](bool engineFailed) {
        failed = engineFailed;
        QCoreApplication::quit();
    });
    QObject::connect(&termination, &sync::TerminationSignals::received, qApp, [&] {
        if (termination.count() == 1)
            ctx.out << "stopping after the current transaction" << Qt::endl;
        service.stop();
    });
    QMetaObject::invokeMethod(&service, &sync::MirrorService::start, Qt::QueuedConnection);
    QCoreApplication::exec();
    ctx.out << "lantern mirror service stopped after " << cycles << " complete cycles" << Qt::endl;
    return failed ? Failed : Ok;
}

int runService(CliContext& ctx, const QStringList& args)
{
    if (args != QStringList{QStringLiteral("run")})
        return ctx.fail(QStringLiteral("usage: lanternctl --device --vault DIR service run"), Usage);
    return runMirrorService(ctx);
}

// A person (or the device key) declares or ends a downtime: access-checked and
// audited in core (access::ServiceRequests), carried out by the service.
int runDowntime(CliContext& ctx, const QStringList& args)
{
    const bool declare = args.value(0) == QLatin1String("declare");
    if (args.size() != 1 || (!declare && args.value(0) != QLatin1String("end")))
        return ctx.fail(QStringLiteral("usage: lanternctl --vault DIR downtime declare|end"), Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    access::ServiceRequests requests(opened.gate(), opened.vault());
    const Status done = declare ? requests.declareDowntime() : requests.endDowntime();
    if (!done.ok())
        return ctx.fail(done.error());
    ctx.out << (declare ? "downtime declared: the mirror service holds the EHR state at downtime from its next cycle"
                        : "downtime ended: the mirror service moves on to recovery with its next cycle")
            << Qt::endl;
    return Ok;
}

} // namespace lantern::cli
