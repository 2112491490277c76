#include "sync/reconcile/ReconcileEngine.h"

#include "sync/mirror/MirrorClient.h"
#include "sync/reconcile/Reconciler.h"
#include "sync/reconcile/UploadLock.h"
#include "core/vault/Vault.h"

#include <QFileInfo>

#include <thread>

namespace lantern::sync {

ReconcileEngine::ReconcileEngine(ReconcileEngineConfig config, MirrorEngine::VaultOpener openVault, const Clock& clock,
                                 QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_openVault(std::move(openVault)), m_clock(clock)
{
    qRegisterMetaType<lantern::sync::ReconcileReport>();
}

ReconcileEngine::~ReconcileEngine()
{
    m_cancel = true;
}

void ReconcileEngine::cancel()
{
    m_cancel = true;
}

ReconcileReport ReconcileEngine::runOnce()
{
    ReconcileReport report;
    auto fail = [&report](RunEnd end, const Error& error) {
        report.end = end;
        report.message = error.message;
        return report;
    };
    if (m_running.exchange(true))
        return fail(RunEnd::LocalFailure, Error(ErrorCode::Conflict, QStringLiteral("a reconciliation is already running")));
    struct Running
    {
        std::atomic<bool>& flag;
        ~Running() { flag = false; }
    } running{m_running};
    m_cancel = false;

    auto vault = m_openVault();
    if (!vault.ok())
        return fail(RunEnd::LocalFailure, vault.error().prefixed(QStringLiteral("opening the vault for reconciliation")));
    auto lock = acquireUploadLock(QFileInfo((*vault)->path()).absolutePath());
    if (!lock.ok())
        return fail(RunEnd::LocalFailure, lock.error());
    // Waits between retries end early on cancel().
    Sleeper sleeper = [this](std::chrono::milliseconds delay) {
        const auto end = std::chrono::steady_clock::now() + delay;
        while (std::chrono::steady_clock::now() < end) {
            if (m_cancel)
                return false;
            std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50),
                std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()) +
                    std::chrono::milliseconds(1)));
        }
        return !m_cancel;
    };
    auto client = makeMirrorClient(m_config.ehr, m_clock, sleeper, EhrAccess::Reconcile);
    if (!client.ok())
        return fail(RunEnd::LocalFailure, client.error());

    Reconciler reconciler(*client->client, **vault, m_clock, ReconcileOptions{m_config.actor, m_config.duplicateWindowMinutes});
    reconciler.setStopCheck([this] { return m_cancel.load(); });
    reconciler.setProgress([this](int done, int total) { Q_EMIT progress(done, total); });
    report = reconciler.run();
    // A cancel that cut a retry short is a stop, not a network failure.
    if (m_cancel && report.end == RunEnd::NetworkFailure)
        report.end = RunEnd::Stopped;
    return report;
}

void ReconcileEngine::start()
{
    const ReconcileReport report = runOnce();
    Q_EMIT finished(report);
}

} // namespace lantern::sync
