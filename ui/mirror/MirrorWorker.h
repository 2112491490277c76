#pragma once
// The GUI's side of the mirror, living in the mirror thread (see
// MirrorController). It opens its own vault connection with the device key,
// so mirroring goes on while the screen is locked and no user session is
// involved. Exactly one of three modes:
//  - Engine: no other process holds mirror.lock, so it runs the real
//    sync::MirrorEngine here (the engine takes the lock itself);
//  - Follower: the headless service (`lanternctl mirror`) holds the lock, so
//    it only reads the status the service stores in the vault, every few
//    seconds, and takes over if the service goes away;
//  - Off: no mirror configured, or the device key is not readable by this
//    account.
// Everything it says leaves through signals; the controller connects them
// with queued connections.

#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <mutex>

class QTimer;

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

enum class MirrorMode { Starting, Off, Engine, Follower };

class MirrorWorker : public QObject
{
    Q_OBJECT

public:
    using ConfigAdjuster = std::function<void(sync::MirrorConfig&)>;

    MirrorWorker(QString vaultDirectory, const Clock& clock, int followIntervalMs, ConfigAdjuster adjust);
    ~MirrorWorker() override;

    // Thread-safe: a running cycle stops after its current transaction.
    void requestStop();

public Q_SLOTS:
    void begin();
    void shutdown();
    void syncNow();

Q_SIGNALS:
    void modeChanged(int mode, const QString& why);
    void statusChanged(const lantern::sync::MirrorStatus& status);
    void dataChanged();
    void errorOccurred(const QString& message);

private:
    void startEngine(const sync::MirrorConfig& config);
    void startFollowing();
    void poll();
    void onEngineStopped();
    void setMode(MirrorMode mode, const QString& why);

    QString m_directory;
    const Clock& m_clock;
    int m_followIntervalMs;
    ConfigAdjuster m_adjust;
    MirrorMode m_mode = MirrorMode::Starting;
    bool m_shuttingDown = false;
    std::unique_ptr<vault::Vault> m_followVault;
    QTimer* m_followTimer = nullptr;
    // Per ward: with a drop held by the purge guard one ward's data-as-of stands
    // still while the others move, so the oldest alone would miss their news.
    QHash<QString, QDateTime> m_lastAsOf;
    std::mutex m_engineMutex; // guards m_engine for requestStop() from the GUI thread
    sync::MirrorEngine* m_engine = nullptr;
};

} // namespace lantern::ui
