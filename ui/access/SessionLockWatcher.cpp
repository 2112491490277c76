#include "ui/access/SessionLockWatcher.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

#include <unistd.h>

namespace lantern::ui {

Q_LOGGING_CATEGORY(lcSessionLock, "lantern.ui.sessionlock")

SessionLockWatcher::SessionLockWatcher(QObject* parent) : QObject(parent)
{
    watchSessionBus();
    watchSystemBus();
}

void SessionLockWatcher::watchSessionBus()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCInfo(lcSessionLock) << "no D-Bus session bus: the screen saver cannot lock Lantern (idle lock and Ctrl+L still do)";
        return;
    }
    // Any sender, any object path: KDE sends on /ScreenSaver and
    // /org/freedesktop/ScreenSaver, GNOME its own interface on /org/gnome/ScreenSaver.
    const char* slot = SLOT(onScreenSaverActiveChanged(bool));
    const bool freedesktop = bus.connect(QString(), QString(), QStringLiteral("org.freedesktop.ScreenSaver"),
                                         QStringLiteral("ActiveChanged"), this, slot);
    const bool gnome = bus.connect(QString(), QString(), QStringLiteral("org.gnome.ScreenSaver"),
                                   QStringLiteral("ActiveChanged"), this, slot);
    m_session = freedesktop || gnome;
}

void SessionLockWatcher::watchSystemBus()
{
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        qCInfo(lcSessionLock) << "no D-Bus system bus: logind session locks cannot lock Lantern";
        return;
    }
    // Which logind session this process belongs to; asked without blocking.
    QDBusMessage ask = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.login1"), QStringLiteral("/org/freedesktop/login1"),
        QStringLiteral("org.freedesktop.login1.Manager"), QStringLiteral("GetSessionByPID"));
    ask << quint32(::getpid());
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(ask, 5000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher* call) {
        call->deleteLater();
        QDBusPendingReply<QDBusObjectPath> reply = *call;
        if (reply.isError()) {
            qCInfo(lcSessionLock) << "not in a logind session (" << reply.error().name()
                                  << "): logind session locks cannot lock Lantern";
            return;
        }
        m_system = QDBusConnection::systemBus().connect(
            QStringLiteral("org.freedesktop.login1"), reply.value().path(), QStringLiteral("org.freedesktop.login1.Session"),
            QStringLiteral("Lock"), this, SLOT(onSessionLock()));
    });
}

void SessionLockWatcher::onScreenSaverActiveChanged(bool active)
{
    if (active)
        Q_EMIT lockRequested(QStringLiteral("screen-saver"));
}

void SessionLockWatcher::onSessionLock()
{
    Q_EMIT lockRequested(QStringLiteral("session-lock"));
}

} // namespace lantern::ui
