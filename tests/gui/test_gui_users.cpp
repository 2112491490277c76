// The desktop's user life cycle in a real window (offscreen): an IT
// administrator's Account menu has "Users…", whose dialog disables (the
// nurse's passphrase opens nothing), enables with a one-time passphrase,
// refuses the administrator's own account with core's message, and removes
// with re-keying; a nurse has no "Users…", and her one-time passphrase at
// the unlock screen opens "Change passphrase", after which her own works.

#include "GuiFixture.h"
#include "GuiUnlock.h"

#include "core/access/VaultAccess.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"
#include "ui/users/AccountMenu.h"
#include "ui/users/ChangePassphraseDialog.h"
#include "ui/users/UsersDialog.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

const QString kAdmin = QStringLiteral("it-admin");
const QString kAdminPass = QStringLiteral("Lantern-ward-3B-night-shift"); // as GuiFixture makes it
const QString kOneTime = QStringLiteral("Copper-lantern-77-east-gate");
const QString kNewNursePass = QStringLiteral("Amber-kettle-9-under-bridges");

template <typename T>
T* openDialog()
{
    for (QWidget* w : QApplication::topLevelWidgets()) {
        if (auto* d = qobject_cast<T*>(w); d != nullptr && d->isVisible())
            return d;
    }
    return nullptr;
}

bool unlock(ui::MainWindow& w, const QString& user, const QString& pass)
{
    return test::unlockWindow(w, user, pass);
}

QString stateOf(QTableWidget* table, const QString& user)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == user)
            return table->item(row, 2)->text();
    }
    return {};
}

} // namespace

class TestGuiUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void administratorManagesUsers();
    void nurseReplacesOneTimePassphrase();
};

void TestGuiUsers::administratorManagesUsers()
{
    GuiFixture fixture;
    QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
    ui::MainWindow window(fixture.access(), fixture.directory(), fixture.clock());
    window.show();
    QVERIFY(!window.accountMenu()->changePassphraseAction()->isEnabled()); // locked
    QVERIFY(unlock(window, kAdmin, kAdminPass));
    QVERIFY(window.accountMenu()->usersAction()->isVisible());
    window.accountMenu()->usersAction()->trigger();
    auto* users = openDialog<ui::UsersDialog>();
    QVERIFY(users);

    users->selectUser(kAdmin);
    users->disableButton()->click();
    QVERIFY2(users->message().contains(QStringLiteral("own account")), qPrintable(users->message()));

    users->selectUser(GuiFixture::kNurse);
    users->disableButton()->click();
    QCOMPARE(stateOf(users->table(), GuiFixture::kNurse), QStringLiteral("disabled"));
    QCOMPARE(fixture.access().unlock(fixture.directory(), GuiFixture::kNurse, GuiFixture::kNursePass).error().code,
             ErrorCode::WrongKey);

    users->selectUser(GuiFixture::kNurse);
    users->oneTimeField()->setText(kOneTime);
    users->enableButton()->click();
    QCOMPARE(stateOf(users->table(), GuiFixture::kNurse), QStringLiteral("enabled"));
    QVERIFY(users->oneTimeField()->text().isEmpty());
    QVERIFY(fixture.access().mustChangePassphrase(fixture.directory(), GuiFixture::kNurse));

    users->setConfirm([](const QString& question) { return question.contains(QStringLiteral("re-keyed")); });
    users->selectUser(GuiFixture::kPhysician);
    users->removeButton()->click();
    QVERIFY2(users->message().contains(QStringLiteral("re-keyed")), qPrintable(users->message()));
    QCOMPARE(fixture.access().unlock(fixture.directory(), GuiFixture::kPhysician, GuiFixture::kPhysicianPass).error().code,
             ErrorCode::WrongKey);
    QVERIFY(fixture.access().unlockAsDevice(fixture.directory()).ok());

    window.lock(QStringLiteral("manual"));
    QTRY_VERIFY(openDialog<ui::UsersDialog>() == nullptr);
}

void TestGuiUsers::nurseReplacesOneTimePassphrase()
{
    GuiFixture fixture;
    QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
    {
        auto admin = fixture.access().unlock(fixture.directory(), kAdmin, kAdminPass);
        QVERIFY(admin.ok());
        QVERIFY(fixture.access().resetPassphrase(*admin, GuiFixture::kNurse, kOneTime).ok());
    }
    ui::MainWindow window(fixture.access(), fixture.directory(), fixture.clock());
    window.show();
    window.unlockScreen()->usernameField()->setText(GuiFixture::kNurse);
    window.unlockScreen()->passphraseField()->setText(kOneTime);
    window.unlockScreen()->attemptUnlock();
    ui::ChangePassphraseDialog* change = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((change = openDialog<ui::ChangePassphraseDialog>()) != nullptr, 20000);
    QVERIFY(window.isLocked());
    change->currentField()->setText(kOneTime);
    change->newField()->setText(kNewNursePass);
    change->repeatField()->setText(QStringLiteral("something else"));
    change->accept();
    QVERIFY(change->isVisible());
    QVERIFY(change->problem().contains(QStringLiteral("differ")));
    change->repeatField()->setText(kNewNursePass);
    change->accept();
    QTRY_VERIFY(openDialog<ui::ChangePassphraseDialog>() == nullptr);

    QVERIFY(unlock(window, GuiFixture::kNurse, kNewNursePass));
    QVERIFY(!window.accountMenu()->usersAction()->isVisible());
    QVERIFY(window.accountMenu()->changePassphraseAction()->isEnabled());
}

QTEST_MAIN(TestGuiUsers)
#include "test_gui_users.moc"
