#pragma once
// The first and the lock screen: username and passphrase, nothing else. The
// Argon2id derivation (about half a second) runs in a worker thread while the
// screen shows that it is busy. Messages say what to do; they never say
// whether the username or the passphrase was wrong.

#include "core/access/Session.h"
#include "core/access/VaultAccess.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace lantern::ui {

class UnlockScreen : public QWidget
{
    Q_OBJECT

public:
    UnlockScreen(access::VaultAccess& access, QString vaultDirectory, QWidget* parent = nullptr);
    ~UnlockScreen() override;

    // Shown above the fields after an automatic or manual lock.
    void setLockedNotice(const QString& notice);
    void setUsername(const QString& username);
    bool isBusy() const { return m_busy; }
    QString message() const;
    QLineEdit* usernameField() const { return m_username; }
    QLineEdit* passphraseField() const { return m_passphrase; }

    // The session of the last successful unlock (once).
    std::unique_ptr<access::Session> takeSession() { return std::move(m_session); }

public Q_SLOTS:
    void attemptUnlock();

Q_SIGNALS:
    void unlocked();
    // For the audit trail, which needs an open vault: the caller records it after the next unlock.
    void unlockFailed(const QString& username, lantern::ErrorCode code);

private:
    void finish(Result<access::Session> result, const QString& username);
    void setBusy(bool busy);
    void showError(const QString& text);
    void updateCountdown();

    access::VaultAccess& m_access;
    QString m_directory;
    QLabel* m_notice;
    QLineEdit* m_username;
    QLineEdit* m_passphrase;
    QPushButton* m_button;
    QLabel* m_message;
    QTimer* m_countdown;
    QString m_throttledUser;
    bool m_busy = false;
    std::unique_ptr<access::Session> m_session;
};

} // namespace lantern::ui
