// The unlock screen: right and wrong passphrase, throttling message.

#include "GuiFixture.h"
#include "GuiWalk.h"
#include "ui/access/UnlockScreen.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiUnlock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rightPassphraseUnlocks()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::UnlockScreen screen(f.access(), f.directory());
        screen.show();
        QSignalSpy unlocked(&screen, &ui::UnlockScreen::unlocked);
        screen.usernameField()->setText(GuiFixture::kNurse);
        screen.passphraseField()->setText(GuiFixture::kNursePass);
        screen.attemptUnlock();
        QVERIFY(screen.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(unlocked.count(), 1, 20000);
        QVERIFY(!screen.isBusy());
        QVERIFY(screen.passphraseField()->text().isEmpty());
        auto session = screen.takeSession();
        QVERIFY(session);
        QCOMPARE(session->user().username, GuiFixture::kNurse);
    }

    void wrongPassphraseSaysSoAndShowsNoData()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::UnlockScreen screen(f.access(), f.directory());
        screen.show();
        QSignalSpy failed(&screen, &ui::UnlockScreen::unlockFailed);
        screen.usernameField()->setText(GuiFixture::kNurse);
        screen.passphraseField()->setText(QStringLiteral("not-the-passphrase"));
        screen.attemptUnlock();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY(screen.message().contains(QStringLiteral("not correct")));
        QVERIFY(!screen.takeSession());
        for (const QString& text : lantern::test::visibleTexts())
            QVERIFY(!text.contains(GuiFixture::kErikaFamily));
    }

    void throttledAfterRepeatedFailures()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        ui::UnlockScreen screen(f.access(), f.directory());
        QSignalSpy failed(&screen, &ui::UnlockScreen::unlockFailed);
        for (int i = 0; i < 6; ++i) {
            screen.usernameField()->setText(GuiFixture::kNurse);
            screen.passphraseField()->setText(QStringLiteral("wrong-%1").arg(i));
            screen.attemptUnlock();
            QTRY_VERIFY_WITH_TIMEOUT(!screen.isBusy(), 20000);
        }
        QVERIFY(failed.count() >= 5);
        QVERIFY2(screen.message().contains(QStringLiteral("Too many attempts")), qPrintable(screen.message()));
        QVERIFY(screen.message().contains(QStringLiteral(" s")));
        // Waiting out the delay (on the injected clock) allows the right passphrase again.
        f.clock().advanceSecs(16 * 60);
        QSignalSpy unlocked(&screen, &ui::UnlockScreen::unlocked);
        screen.usernameField()->setText(GuiFixture::kNurse);
        screen.passphraseField()->setText(GuiFixture::kNursePass);
        screen.attemptUnlock();
        QTRY_COMPARE_WITH_TIMEOUT(unlocked.count(), 1, 20000);
    }
};

QTEST_MAIN(TestGuiUnlock)
#include "test_gui_unlock.moc"
