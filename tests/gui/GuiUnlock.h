#pragma once
// Signs a person in through the desktop's own unlock screen, as they would type it.

#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"

#include <QLineEdit>
#include <QTest>

namespace lantern::test {

inline bool unlockWindow(ui::MainWindow& w, const QString& user, const QString& pass)
{
    if (!w.unlockScreen())
        return false;
    w.unlockScreen()->usernameField()->setText(user);
    w.unlockScreen()->passphraseField()->setText(pass);
    w.unlockScreen()->attemptUnlock();
    return QTest::qWaitFor([&] { return !w.isLocked(); }, 20000);
}

} // namespace lantern::test
