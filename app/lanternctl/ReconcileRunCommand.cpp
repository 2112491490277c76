// lanternctl reconcile run [--progress]: uploads the outbox to the EHR with the device key
// and the mirror's settings (base URL, authentication, TLS). SIGTERM/SIGINT stop
// it between entries; a rerun resumes where it stopped. Exit codes: 0 every
// entry filed, 4 conflicts wait for a decision, 5 the EHR was unavailable,
// 6 interrupted, 1 a local failure.
#include "CliContext.h"
#include "ServiceDevice.h"

#include "sync/service/ReconcileService.h"

namespace lantern::cli {
namespace {

int exitCodeFor(const sync::ReconcileReport& report)
{
    switch (report.end) {
    case sync::RunEnd::Done:
        return report.conflictsOpen > 0 || report.pendingLeft > 0 ? ConflictsWaiting : Ok;
    case sync::RunEnd::Stopped:
        return Interrupted;
    case sync::RunEnd::NetworkFailure:
    case sync::RunEnd::AuthFailure:
    case sync::RunEnd::ServerFailure:
        return EhrUnavailable;
    case sync::RunEnd::LocalFailure:
        break;
    }
    return Failed;
}

} // namespace

int runReconcileUpload(CliContext& ctx, const QStringList& args)
{
    if (!args.isEmpty() && args != QStringList{QStringLiteral("--progress")})
        return ctx.fail(QStringLiteral("usage: lanternctl --vault DIR reconcile run [--progress]"), Usage);
    const bool showProgress = !args.isEmpty();
    std::optional<sync::DeviceContext> device;
    sync::TerminationSignals termination;
    if (const int code = openServiceDevice(ctx, device, termination); code != Ok)
        return code;
    sync::ReconcileService service(*device);
    // SIGTERM/SIGINT: the pass stops before its next entry; a rerun resumes.
    QObject::connect(&termination, &sync::TerminationSignals::received, &service, &sync::ReconcileService::cancel);
    if (showProgress)
        QObject::connect(&service, &sync::ReconcileService::progress, [&ctx](int done, int total) {
            ctx.out << "progress " << done << "/" << total << Qt::endl;
        });
    const sync::ReconcileReport report = service.run(QStringLiteral("system"));

    ctx.out << "reconcile " << sync::runEndName(report.end) << ": " << report.uploaded << " filed ("
            << report.alreadyPresent << " were already in the EHR), " << report.conflicts << " new conflicts, "
            << report.waiting << " waiting for their patient, " << report.notesPosted << " downtime notes, "
            << report.transactions << " transaction Bundles; "
            << report.pendingLeft << " pending, " << report.conflictsOpen << " conflicts open" << Qt::endl;
    if (!report.message.isEmpty() && report.end != sync::RunEnd::Done)
        ctx.err << "lanternctl reconcile: " << report.message << Qt::endl;
    return exitCodeFor(report);
}

} // namespace lantern::cli
