#pragma once
// "Users…" for IT administrators: the users of this vault with their role and
// state, and disable, enable, reset passphrase and remove for the one
// selected. Every decision (who may, which account, re-keying on removal) and
// every audit entry is core's (access::UserLifecycle); this only asks and shows.
// Enable and reset take the one-time passphrase typed into the dialog, which
// IT hands to the person; removal asks for confirmation first.

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lantern::access {
class Session;
class VaultAccess;
} // namespace lantern::access

namespace lantern::ui {

class UsersDialog : public QDialog
{
    Q_OBJECT

public:
    UsersDialog(access::VaultAccess& access, access::Session& session, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    QLineEdit* oneTimeField() const { return m_oneTime; }
    QPushButton* disableButton() const { return m_disable; }
    QPushButton* enableButton() const { return m_enable; }
    QPushButton* resetButton() const { return m_reset; }
    QPushButton* removeButton() const { return m_remove; }
    QString message() const;
    void selectUser(const QString& username);
    // Tests: answers the removal question instead of a message box.
    void setConfirm(std::function<bool(const QString& question)> confirm) { m_confirm = std::move(confirm); }

private:
    void reload();
    QString selectedUser() const;
    void act(const QString& verb);

    access::VaultAccess& m_access;
    access::Session& m_session;
    QTableWidget* m_table;
    QLineEdit* m_oneTime;
    QPushButton* m_disable;
    QPushButton* m_enable;
    QPushButton* m_reset;
    QPushButton* m_remove;
    QLabel* m_message;
    std::function<bool(const QString&)> m_confirm;
};

} // namespace lantern::ui
