// Lantern locks when the desktop session locks. A private session bus
// (dbus-daemon started by the test) carries the screen saver's
// ActiveChanged(true), as KDE, Xfce or GNOME would send it.

#include "GuiFixture.h"
#include "ui/access/SessionLockWatcher.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiSessionLock : public QObject
{
    Q_OBJECT

private:
    QProcess m_bus;
    QString m_address;

    void emitActiveChanged(const QString& interface, const QString& path, bool active)
    {
        QDBusConnection emitter = QDBusConnection::connectToBus(m_address, QStringLiteral("emitter"));
        QVERIFY(emitter.isConnected());
        QDBusMessage signal = QDBusMessage::createSignal(path, interface, QStringLiteral("ActiveChanged"));
        signal << active;
        QVERIFY(emitter.send(signal));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (daemon.isEmpty())
            QFAIL("dbus-daemon is not installed (Debian package dbus-daemon; scripts/install-deps.sh installs it)");
        m_bus.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address")});
        QVERIFY(m_bus.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return m_bus.canReadLine(); }, 10000));
        m_address = QString::fromUtf8(m_bus.readLine()).trimmed();
        QVERIFY(!m_address.isEmpty());
        // Before anything touches QDBusConnection::sessionBus(), which reads it once.
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    }

    void cleanupTestCase()
    {
        m_bus.terminate();
        m_bus.waitForFinished(5000);
    }

    void screenSaverLocksTheWindow()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::MainWindow w(f.access(), f.directory(), f.clock());
        w.show();
        auto* watcher = w.findChild<ui::SessionLockWatcher*>();
        QVERIFY(watcher);
        QVERIFY(watcher->watchingSessionBus());
        w.unlockScreen()->usernameField()->setText(GuiFixture::kNurse);
        w.unlockScreen()->passphraseField()->setText(GuiFixture::kNursePass);
        w.unlockScreen()->attemptUnlock();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLocked(), 20000);

        QSignalSpy locked(&w, &ui::MainWindow::lockedChanged);
        // The screen saver going away again is no reason to lock.
        emitActiveChanged(QStringLiteral("org.freedesktop.ScreenSaver"), QStringLiteral("/org/freedesktop/ScreenSaver"), false);
        QTest::qWait(300);
        QVERIFY(!w.isLocked());
        emitActiveChanged(QStringLiteral("org.freedesktop.ScreenSaver"), QStringLiteral("/org/freedesktop/ScreenSaver"), true);
        QTRY_VERIFY_WITH_TIMEOUT(w.isLocked(), 10000);
        QCOMPARE(locked.size(), 1);
        QVERIFY(w.unlockScreen()->findChild<QObject*>() != nullptr);
    }

    void gnomeScreenSaverToo()
    {
        ui::SessionLockWatcher watcher;
        QSignalSpy requested(&watcher, &ui::SessionLockWatcher::lockRequested);
        emitActiveChanged(QStringLiteral("org.gnome.ScreenSaver"), QStringLiteral("/org/gnome/ScreenSaver"), true);
        QTRY_COMPARE_WITH_TIMEOUT(requested.size(), 1, 10000);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("screen-saver"));
    }
};

QTEST_MAIN(TestGuiSessionLock)
#include "test_gui_session_lock.moc"
