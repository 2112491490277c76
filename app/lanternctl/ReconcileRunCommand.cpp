// lanternctl reconcile run [--progress]: uploads the outbox to the EHR with the device key
// and the mirror's settings (base URL, authentication, TLS). SIGTERM/SIGINT stop
// it between entries; a rerun resumes where it stopped. Exit codes: 0 every
// entry filed, 4 conflicts wait for a decision, 5 the EHR was unavailable,
// 6 interrupted, 1 a local failure.
#include "CliContext.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/vault/Vault.h"

#include <atomic>
#include <csignal>

namespace lantern::cli {
namespace {

std::atomic<sync::ReconcileEngine*> g_engine{nullptr};

void onTerminationSignal(int)
{
    // cancel() is a lock-free atomic store: safe in a signal handler.
    if (sync::ReconcileEngine* engine = g_engine.load())
        engine->cancel();
}

bool installTerminationHandlers()
{
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

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
    const QString directory = ctx.vaultDir;
    sync::ReconcileEngineConfig config;
    {
        auto vault = access::VaultAccess().unlockAsDevice(directory);
        if (!vault.ok())
            return ctx.fail(vault.error().prefixed(QStringLiteral("reconciliation runs with the device key")));
        auto mirror = sync::loadMirrorConfig(**vault);
        if (!mirror.ok())
            return ctx.fail(mirror.error());
        if (mirror->baseUrl.isEmpty())
            return ctx.fail(QStringLiteral("no EHR configured: lanternctl --device config set mirror.base_url URL"), Usage);
        config.ehr = *mirror;
    }
    sync::ReconcileEngine engine(config, [directory] { return access::VaultAccess().unlockAsDevice(directory); });
    if (showProgress)
        QObject::connect(&engine, &sync::ReconcileEngine::progress, [&ctx](int done, int total) {
            ctx.out << "progress " << done << "/" << total << Qt::endl;
        });
    g_engine = &engine;
    if (!installTerminationHandlers())
        return ctx.fail(QStringLiteral("cannot install the SIGTERM/SIGINT handlers"));
    const sync::ReconcileReport report = engine.runOnce();
    g_engine = nullptr;

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
