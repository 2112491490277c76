#pragma once
// The Lantern window: the unlock screen while locked, the ward desktop while
// unlocked. lock() is the one way back to locked — manual (Ctrl+L), idle, or
// on request — and hides all patient data at once: the desktop (which owns
// the Session) is taken out and destroyed, open dialogs close, the title
// loses the patient's name, and text Lantern put on the clipboard is cleared.

#include "ui/access/UnlockScreen.h"
#include "core/access/VaultAccess.h"
#include "ui/app/WardDesktop.h"
#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"
#include "ui/mirror/ServiceFollower.h"

#include <QMainWindow>
#include <QPointer>

class QTimer;

namespace lantern::ui {

class AccountMenu;
class DrillMenu;
class ClipboardGuard;
class IdleLock;
class ServiceFollower;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(access::VaultAccess& access, QString vaultDirectory, const Clock& clock, QWidget* parent = nullptr);
    ~MainWindow() override;

    bool isLocked() const { return m_desktop.isNull(); }
    WardDesktop* desktop() const { return m_desktop; }
    UnlockScreen* unlockScreen() const { return m_unlock; }
    IdleLock* idleLock() const { return m_idle; }
    AccountMenu* accountMenu() const { return m_account; }
    DrillMenu* drillMenu() const { return m_drill; }
    // Tests and drills: a fixed idle timeout instead of the vault's session policy.
    void setIdleTimeoutOverride(int msecs);
    // While unlocked, the mirror service's stored status (read through the
    // person's session, never with device.key) goes to the banner and its new
    // data refreshes census and chart. Tests: poll faster, judge staleness sooner.
    void setFollowInterval(int msecs, int staleSeconds);
    ServiceFollower* follower() const { return m_follower; }

public Q_SLOTS:
    void lock(const QString& reason = QStringLiteral("manual"));
    void setStatus(const lantern::sync::MirrorStatus& status);

Q_SIGNALS:
    void lockedChanged(bool locked);

private:
    void showUnlockScreen(const QString& notice);
    void onUnlocked();
    void closeDialogs();
    void setPatientTitle(const QString& title);
    void onMirrorDataChanged();
    void followService();

    access::VaultAccess& m_access;
    QString m_directory;
    const Clock& m_clock;
    sync::MirrorStatus m_status;
    IdleLock* m_idle;
    ClipboardGuard* m_clipboard;
    QPointer<UnlockScreen> m_unlock;
    QPointer<WardDesktop> m_desktop;
    QPointer<ServiceFollower> m_follower;
    int m_followMs;
    int m_staleSeconds;
    AccountMenu* m_account = nullptr;
    DrillMenu* m_drill = nullptr;
    int m_idleOverride = -1;
    QString m_lastUser;
    QString m_resumePatient;
    int m_resumeTab = 0;
    QList<QPair<QString, ErrorCode>> m_failedUnlocks; // audited once a vault is open again
};

} // namespace lantern::ui
