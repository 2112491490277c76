#pragma once
// The "Account" menu of the main window: "Change passphrase…" for everyone
// unlocked, "Users…" for those core lets manage users (IT administrators).
// Kept out of MainWindow so the window only hands it the session of the moment.

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QMenuBar;
class QWidget;

namespace lantern::access {
class Session;
class VaultAccess;
} // namespace lantern::access

namespace lantern::ui {

class AccountMenu : public QObject
{
    Q_OBJECT

public:
    // `session`: the unlocked session, or null while locked.
    AccountMenu(QMenuBar* bar, access::VaultAccess& access, QString directory,
                std::function<access::Session*()> session, QWidget* dialogParent);

    QAction* changePassphraseAction() const { return m_changePassphrase; }
    QAction* usersAction() const { return m_users; }
    // Enables and shows the actions for who is unlocked now (call on unlock and lock).
    void update();

private:
    access::VaultAccess& m_access;
    QString m_directory;
    std::function<access::Session*()> m_session;
    QWidget* m_parent;
    QMenu* m_menu;
    QAction* m_changePassphrase;
    QAction* m_users;
};

} // namespace lantern::ui
