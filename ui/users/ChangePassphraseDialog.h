#pragma once
// "Change passphrase…": a person replaces their own passphrase (also the
// one-time passphrase IT issued, which the unlock screen sends here). The
// decision and the audit entry are core's (VaultAccess::changePassphrase).

#include <QDialog>

class QLabel;
class QLineEdit;

namespace lantern::access {
class VaultAccess;
}

namespace lantern::ui {

class ChangePassphraseDialog : public QDialog
{
    Q_OBJECT

public:
    ChangePassphraseDialog(access::VaultAccess& access, QString directory, QString username, QWidget* parent = nullptr);

    QLineEdit* currentField() const { return m_current; }
    QLineEdit* newField() const { return m_new; }
    QLineEdit* repeatField() const { return m_repeat; }
    QString problem() const;

    void accept() override; // changes, or shows why not and stays open

private:
    access::VaultAccess& m_access;
    QString m_directory;
    QString m_username;
    QLineEdit* m_current;
    QLineEdit* m_new;
    QLineEdit* m_repeat;
    QLabel* m_problem;
};

} // namespace lantern::ui
