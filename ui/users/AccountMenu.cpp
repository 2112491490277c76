#include "ui/users/AccountMenu.h"

#include "core/access/VaultAccess.h"
#include "core/vault/UserRepository.h"
#include "ui/users/ChangePassphraseDialog.h"
#include "ui/users/UsersDialog.h"

#include <QMenu>
#include <QMenuBar>

namespace lantern::ui {

AccountMenu::AccountMenu(QMenuBar* bar, access::VaultAccess& access, QString directory,
                         std::function<access::Session*()> session, QWidget* dialogParent)
    : QObject(bar), m_access(access), m_directory(std::move(directory)), m_session(std::move(session)),
      m_parent(dialogParent), m_menu(bar->addMenu(tr("&Account")))
{
    m_menu->setObjectName(QStringLiteral("accountMenu"));
    m_changePassphrase = m_menu->addAction(tr("Change passphrase…"));
    m_changePassphrase->setObjectName(QStringLiteral("changePassphraseAction"));
    m_users = m_menu->addAction(tr("Users…"));
    m_users->setObjectName(QStringLiteral("usersAction"));
    connect(m_changePassphrase, &QAction::triggered, this, [this] {
        access::Session* session = m_session();
        if (session == nullptr)
            return;
        auto* dialog = new ChangePassphraseDialog(m_access, m_directory, session->user().username, m_parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_users, &QAction::triggered, this, [this] {
        access::Session* session = m_session();
        if (session == nullptr)
            return;
        auto* dialog = new UsersDialog(m_access, *session, m_parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    update();
}

void AccountMenu::update()
{
    access::Session* session = m_session();
    m_changePassphrase->setEnabled(session != nullptr);
    // Shown by the user's role as stored now; the dialog's every action is decided again in core.
    bool manages = false;
    if (session != nullptr) {
        auto stored = vault::UserRepository(session->vault()).find(session->user().username);
        manages = stored.ok() && !stored->disabled && stored->hasPermission(access::Permission::ManageUsers);
    }
    m_users->setVisible(manages);
    m_users->setEnabled(manages);
}

} // namespace lantern::ui
