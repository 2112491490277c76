#pragma once
// Runs the mirror for the ward desktop on a worker QThread (MirrorWorker)
// and talks to it only through queued signals, so the window never waits
// for the EHR. Owned by the application, not by the unlocked desktop:
// mirroring goes on while the screen is locked.
//
//     MirrorController mirror(vaultDir, SystemClock::instance());
//     connect(&mirror, &MirrorController::statusChanged, &window, &MainWindow::setStatus);
//     mirror.start();

#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"
#include "ui/mirror/MirrorWorker.h"

#include <QObject>
#include <QThread>

namespace lantern::ui {

class MirrorController : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultFollowIntervalMs = 3000;

    MirrorController(QString vaultDirectory, const Clock& clock, QObject* parent = nullptr);
    ~MirrorController() override; // stops the engine after its current transaction

    // Before start(): how often the status of another process's mirror is read.
    void setFollowIntervalMs(int msecs) { m_followIntervalMs = msecs; }
    // Before start(): tests and drills shorten timeouts and intervals.
    void setConfigAdjuster(MirrorWorker::ConfigAdjuster adjust) { m_adjust = std::move(adjust); }

    void start();
    void stop();
    MirrorMode mode() const { return m_mode; }
    const sync::MirrorStatus& lastStatus() const { return m_status; }

public Q_SLOTS:
    void syncNow();

Q_SIGNALS:
    void statusChanged(const lantern::sync::MirrorStatus& status);
    // A cycle brought changes (or the service's data-as-of moved): re-read the vault.
    void dataChanged();
    void modeChanged(lantern::ui::MirrorMode mode);
    void errorOccurred(const QString& message);

private:
    QString m_directory;
    const Clock& m_clock;
    int m_followIntervalMs = DefaultFollowIntervalMs;
    MirrorWorker::ConfigAdjuster m_adjust;
    QThread m_thread;
    MirrorWorker* m_worker = nullptr;
    MirrorMode m_mode = MirrorMode::Off;
    sync::MirrorStatus m_status;
};

} // namespace lantern::ui

Q_DECLARE_METATYPE(lantern::ui::MirrorMode)
