#include "ui/app/MainWindow.h"

#include "ui/access/ClipboardGuard.h"
#include "ui/access/IdleLock.h"
#include "ui/access/SessionLockWatcher.h"
#include "core/access/SessionPolicy.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/WardDesktop.h"
#include "core/audit/AuditLog.h"
#include "ui/mirror/ServiceFollower.h"
#include "ui/drill/DrillMenu.h"
#include "ui/users/AccountMenu.h"
#include "ui/users/ChangePassphraseDialog.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

namespace lantern::ui {

MainWindow::MainWindow(access::VaultAccess& access, QString vaultDirectory, const Clock& clock, QWidget* parent)
    : QMainWindow(parent), m_access(access), m_directory(std::move(vaultDirectory)), m_clock(clock),
      m_idle(new IdleLock(access::SessionPolicy::DefaultIdleLockSecs * 1000, this)),
      m_clipboard(new ClipboardGuard(this)), m_followMs(ServiceFollower::DefaultPollMs),
      m_staleSeconds(service::ServiceMailbox::DefaultStaleSeconds)
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1280, 800);
    auto* lockAction = new QAction(tr("Lock"), this);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    lockAction->setShortcutContext(Qt::ApplicationShortcut);
    addAction(lockAction);
    connect(lockAction, &QAction::triggered, this, [this] { lock(QStringLiteral("manual")); });
    auto* reconcileAction = new QAction(tr("Reconciliation"), this);
    reconcileAction->setObjectName(QStringLiteral("reconciliationAction"));
    reconcileAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    reconcileAction->setShortcutContext(Qt::ApplicationShortcut);
    addAction(reconcileAction);
    connect(reconcileAction, &QAction::triggered, this, [this] {
        if (!m_desktop)
            return;
        const Status shown = m_desktop->showReconciliation();
        if (!shown.ok())
            statusBar()->showMessage(shown.error().message, 15000);
    });
    connect(m_idle, &IdleLock::idle, this, [this] { lock(QStringLiteral("idle")); });
    auto* osLock = new SessionLockWatcher(this);
    connect(osLock, &SessionLockWatcher::lockRequested, this, [this](const QString& why) { lock(why); });
    m_account = new AccountMenu(menuBar(), m_access, m_directory,
                                [this]() -> access::Session* { return m_desktop ? &m_desktop->session() : nullptr; }, this);
    m_drill = new DrillMenu(
        menuBar(), m_clock, [this]() -> access::Session* { return m_desktop ? &m_desktop->session() : nullptr; },
        [this] { return m_status; }, this);
    // Started or ended: the banner shows it now, not at the next poll.
    connect(m_drill, &DrillMenu::drillChanged, this, [this] {
        if (m_follower)
            m_follower->poll();
        m_drill->update();
    });
    showUnlockScreen(QString());
}

void MainWindow::setFollowInterval(int msecs, int staleSeconds)
{
    m_followMs = msecs;
    m_staleSeconds = staleSeconds;
}

void MainWindow::followService()
{
    // The person's own vault connection: the desktop holds no device key.
    WardDesktop* desktop = m_desktop;
    m_follower = new ServiceFollower(desktop->session().vault(), m_clock, m_followMs, desktop);
    m_follower->setStaleSeconds(m_staleSeconds);
    connect(m_follower, &ServiceFollower::statusChanged, this, &MainWindow::setStatus);
    connect(m_follower, &ServiceFollower::dataChanged, this, &MainWindow::onMirrorDataChanged, Qt::QueuedConnection);
    connect(m_follower, &ServiceFollower::reconcileProgress, desktop, &WardDesktop::setReconcileProgress);
    m_follower->start();
}

void MainWindow::onMirrorDataChanged()
{
    if (!m_desktop)
        return; // locked: the next unlock reads the vault anew
    const Status refreshed = m_desktop->refreshData();
    if (!refreshed.ok())
        statusBar()->showMessage(refreshed.error().message, 15000);
}

MainWindow::~MainWindow() = default;

void MainWindow::setIdleTimeoutOverride(int msecs)
{
    m_idleOverride = msecs;
    if (msecs > 0)
        m_idle->setTimeoutMSecs(msecs);
}

void MainWindow::setStatus(const sync::MirrorStatus& status)
{
    const bool drillChanged = m_status.drill.has_value() != status.drill.has_value();
    m_status = status;
    if (m_desktop)
        m_desktop->setStatus(status);
    if (drillChanged)
        m_drill->update();
}

void MainWindow::showUnlockScreen(const QString& notice)
{
    auto* screen = new UnlockScreen(m_access, m_directory, this);
    screen->setLockedNotice(notice);
    screen->setUsername(m_lastUser);
    connect(screen, &UnlockScreen::unlocked, this, &MainWindow::onUnlocked);
    connect(screen, &UnlockScreen::unlockFailed, this, [this](const QString& user, ErrorCode code) {
        m_failedUnlocks.append({user, code});
        // A one-time passphrase from IT opens only the change to one of the person's own.
        if (code == ErrorCode::Denied && m_access.mustChangePassphrase(m_directory, user)) {
            auto* change = new ChangePassphraseDialog(m_access, m_directory, user, this);
            change->setAttribute(Qt::WA_DeleteOnClose);
            change->open();
        }
    });
    m_unlock = screen;
    setCentralWidget(screen); // deletes whatever was there
    setWindowTitle(tr("Lantern — locked"));
    if (m_lastUser.isEmpty())
        screen->usernameField()->setFocus();
}

void MainWindow::onUnlocked()
{
    std::unique_ptr<access::Session> session = m_unlock->takeSession();
    if (!session)
        return;
    const QString user = session->user().username;
    audit::AuditLog log(session->vault(), m_clock);
    for (const auto& [who, code] : std::as_const(m_failedUnlocks)) {
        (void)log.append({who.left(audit::kMaxActorLength), audit::AuditAction::UnlockFailed, QString(),
                          audit::AuditOutcome::Failure,
                          code == ErrorCode::Throttled ? QStringLiteral("throttled") : QStringLiteral("wrong passphrase")});
    }
    m_failedUnlocks.clear();
    (void)log.append({user, audit::AuditAction::Unlock, QString(), audit::AuditOutcome::Success, QString()});
    if (m_idleOverride <= 0) {
        auto secs = access::SessionPolicy(session->vault()).idleLockSecs();
        m_idle->setTimeoutMSecs((secs.ok() ? *secs : access::SessionPolicy::DefaultIdleLockSecs) * 1000);
    }

    const QString displayName = session->user().displayName;
    auto* desktop = new WardDesktop(std::move(session), m_clock, m_status, this);
    connect(desktop, &WardDesktop::titleChanged, this, &MainWindow::setPatientTitle);
    connect(desktop, &WardDesktop::errorOccurred, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    connect(desktop, &WardDesktop::noticeShown, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    const Status loaded = desktop->reloadCensus();
    m_desktop = desktop;
    setCentralWidget(desktop); // the unlock screen goes
    m_unlock = nullptr;
    m_lastUser = user;
    if (!loaded.ok())
        statusBar()->showMessage(loaded.error().message, 15000);
    setWindowTitle(tr("Lantern — %1").arg(displayName));
    if (!m_resumePatient.isEmpty() && desktop->openChart(m_resumePatient, m_resumeTab).ok()) {
        // back where the user was before the lock
    } else {
        desktop->showCensus();
    }
    m_resumePatient.clear();
    m_idle->start();
    m_account->update();
    m_drill->update();
    followService();
    Q_EMIT lockedChanged(false);
}

void MainWindow::closeDialogs()
{
    if (QWidget* popup = QApplication::activePopupWidget())
        popup->close();
    const QList<QWidget*> windows = QApplication::topLevelWidgets();
    for (QWidget* w : windows) {
        if (w == this || !w->isVisible())
            continue;
        if (auto* dialog = qobject_cast<QDialog*>(w))
            dialog->reject();
        else
            w->close();
    }
}

void MainWindow::setPatientTitle(const QString& title)
{
    setWindowTitle(QStringLiteral("Lantern — ") + title);
}

void MainWindow::lock(const QString& reason)
{
    m_idle->stop();
    if (!m_desktop)
        return;
    delete m_follower.data(); // reads through the session that is about to close
    WardDesktop* desktop = m_desktop;
    m_resumePatient = desktop->currentPatientId();
    m_resumeTab = desktop->currentTab();
    (void)audit::AuditLog(desktop->session().vault(), m_clock)
        .append({desktop->session().user().username, audit::AuditAction::Lock, QString(), audit::AuditOutcome::Success,
                 reason});
    closeDialogs();
    m_clipboard->clearOwnText();
    statusBar()->clearMessage();
    // Out of the window at once; destroyed (and the vault closed) as soon as
    // control is back in the event loop, even if a dialog of it was running.
    desktop->hide();
    takeCentralWidget();
    m_desktop = nullptr;
    desktop->deleteLater();
    QString notice = tr("Locked. Patient data is hidden until you unlock.");
    if (reason == QLatin1String("idle"))
        notice = tr("Locked after inactivity. Patient data is hidden until you unlock.");
    else if (reason == QLatin1String("screen-saver") || reason == QLatin1String("session-lock"))
        notice = tr("Locked together with the computer's screen. Patient data is hidden until you unlock.");
    showUnlockScreen(notice);
    m_account->update();
    m_drill->update();
    Q_EMIT lockedChanged(true);
}

} // namespace lantern::ui
