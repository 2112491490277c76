// Locking hides every patient datum at once: idle timeout, Ctrl+L; unlocking
// returns to the same chart.

#include "GuiFixture.h"
#include "GuiWalk.h"
#include "ui/access/IdleLock.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/census/CensusView.h"
#include "ui/chart/ChartView.h"

#include <QClipboard>
#include <QDialog>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QLabel>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiLock : public QObject
{
    Q_OBJECT

private:
    static bool unlock(ui::MainWindow& w)
    {
        if (!w.unlockScreen())
            return false;
        w.unlockScreen()->usernameField()->setText(GuiFixture::kNurse);
        w.unlockScreen()->passphraseField()->setText(GuiFixture::kNursePass);
        w.unlockScreen()->attemptUnlock();
        return QTest::qWaitFor([&] { return !w.isLocked(); }, 20000);
    }

    static void verifyNoPatientDataVisible(ui::MainWindow& w)
    {
        const QStringList names{GuiFixture::kErikaFamily, QStringLiteral("MUSTERMANN"), QStringLiteral("Weber"),
                                QStringLiteral("Vogel"), QStringLiteral("MRN1001"), QStringLiteral("Penicillin")};
        const QStringList texts = lantern::test::visibleTexts();
        for (const QString& t : texts) {
            for (const QString& n : names)
                QVERIFY2(!t.contains(n, Qt::CaseInsensitive), qPrintable(QStringLiteral("still visible: ") + n));
        }
        for (const QString& n : names) {
            QVERIFY(!w.windowTitle().contains(n, Qt::CaseInsensitive));
            QVERIFY(!QGuiApplication::clipboard()->text().contains(n, Qt::CaseInsensitive));
        }
    }

private Q_SLOTS:
    void idleTimeoutHidesEverything()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::MainWindow w(f.access(), f.directory(), f.clock());
        w.setIdleTimeoutOverride(400);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(unlock(w));
        QVERIFY(w.desktop()->openChart(GuiFixture::kErikaId, ui::ChartView::MarTab).ok());
        QVERIFY(w.windowTitle().contains(QStringLiteral("MUSTERMANN")));

        // Lantern copies the patient's name; a dialog of it is open.
        w.activateWindow();
        QTRY_VERIFY(QGuiApplication::focusWindow() != nullptr);
        QGuiApplication::clipboard()->setText(QStringLiteral("MUSTERMANN, Erika"));
        auto* dialog = new QDialog(&w);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        auto* field = new QLineEdit(QStringLiteral("Erika Mustermann"), dialog);
        Q_UNUSED(field);
        QPointer<QDialog> open(dialog);
        dialog->show();
        QPointer<ui::WardDesktop> desktop(w.desktop());

        QSignalSpy locked(&w, &ui::MainWindow::lockedChanged);
        QTRY_VERIFY_WITH_TIMEOUT(w.isLocked(), 5000);
        QCOMPARE(locked.count(), 1);
        QVERIFY(w.unlockScreen());
        QTRY_VERIFY(open.isNull() || !open->isVisible());
        QTRY_VERIFY(desktop.isNull()); // the session and the vault are gone
        verifyNoPatientDataVisible(w);
        QVERIFY(w.unlockScreen()->findChild<QLabel*>(QStringLiteral("unlockNotice"))->text().contains(QStringLiteral("inactivity")));

        // Unlocking returns to the same patient and tab.
        QVERIFY(unlock(w));
        QVERIFY(w.desktop()->chartView());
        QCOMPARE(w.desktop()->currentPatientId(), GuiFixture::kErikaId);
        QCOMPARE(w.desktop()->currentTab(), int(ui::ChartView::MarTab));
    }

    void activityKeepsItOpen()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::MainWindow w(f.access(), f.directory(), f.clock());
        w.setIdleTimeoutOverride(600);
        w.show();
        QVERIFY(unlock(w));
        for (int i = 0; i < 6; ++i) {
            QTest::qWait(200);
            QTest::keyClick(w.desktop()->censusView()->searchField(), Qt::Key_Shift);
        }
        QVERIFY(!w.isLocked());
        QTRY_VERIFY_WITH_TIMEOUT(w.isLocked(), 5000);
    }

    void manualLockWithShortcut()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::MainWindow w(f.access(), f.directory(), f.clock());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(unlock(w));
        QCOMPARE(w.idleLock()->timeoutMSecs(), 120 * 1000); // the session policy's default
        QVERIFY(w.desktop()->openChart(GuiFixture::kMaxId).ok());
        w.activateWindow();
        QTRY_VERIFY(QApplication::activeWindow() == &w);
        QTest::keySequence(&w, QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(w.isLocked());
        QTest::qWait(0);
        verifyNoPatientDataVisible(w);
        QVERIFY(!w.windowTitle().contains(QStringLiteral("WEBER")));
    }
};

QTEST_MAIN(TestGuiLock)
#include "test_gui_lock.moc"
