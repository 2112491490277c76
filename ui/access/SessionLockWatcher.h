#pragma once
// Locks Lantern when the desktop session locks, where Qt can tell: the
// screen saver's ActiveChanged(true) on the session bus (freedesktop, as KDE,
// Xfce and others send it, and GNOME's own), and logind's Lock signal for
// this process's session on the system bus (`loginctl lock-session`, lid
// closed, locking from the greeter). A missing bus is normal (kiosk, X
// without D-Bus, tests): said once in the log, never an error.

#include <QObject>
#include <QString>

namespace lantern::ui {

class SessionLockWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SessionLockWatcher(QObject* parent = nullptr);

    // Connects to the buses; false for each that is absent.
    bool watchingSessionBus() const { return m_session; }
    bool watchingSystemBus() const { return m_system; }

Q_SIGNALS:
    // "screen-saver" or "session-lock": what the OS said.
    void lockRequested(const QString& reason);

private Q_SLOTS:
    // Called by QtDBus by name (QDBusConnection::connect has no
    // pointer-to-member form), hence slots.
    void onScreenSaverActiveChanged(bool active);
    void onSessionLock();

private:
    void watchSessionBus();
    void watchSystemBus();

    bool m_session = false;
    bool m_system = false;
};

} // namespace lantern::ui
