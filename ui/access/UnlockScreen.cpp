#include "ui/access/UnlockScreen.h"

#include "core/common/SecureBuffer.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

namespace lantern::ui {

UnlockScreen::UnlockScreen(access::VaultAccess& access, QString vaultDirectory, QWidget* parent)
    : QWidget(parent), m_access(access), m_directory(std::move(vaultDirectory)), m_notice(new QLabel(this)),
      m_username(new QLineEdit(this)), m_passphrase(new QLineEdit(this)), m_button(new QPushButton(this)),
      m_message(new QLabel(this)), m_countdown(new QTimer(this))
{
    setObjectName(QStringLiteral("unlockScreen"));
    auto* card = new QWidget(this);
    card->setObjectName(QStringLiteral("unlockCard"));
    card->setFixedWidth(420);
    card->setStyleSheet(QStringLiteral("#unlockCard { background: white; border: 1px solid #C5D0DA; border-radius: 8px; }"));

    auto* title = new QLabel(tr("Lantern"), card);
    title->setStyleSheet(QStringLiteral("font-size: 24pt; font-weight: bold; color: #17324D;"));
    auto* subtitle = new QLabel(tr("Ward downtime workstation — sign in to see patient data"), card);
    subtitle->setWordWrap(true);
    subtitle->setStyleSheet(QStringLiteral("color: #4A5B6C;"));
    m_notice->setObjectName(QStringLiteral("unlockNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("background: #FFF4E5; color: #5D3B00; padding: 6px; border-radius: 4px;"));
    m_notice->hide();

    m_username->setObjectName(QStringLiteral("unlockUsername"));
    m_username->setPlaceholderText(tr("e.g. anna.meyer"));
    m_passphrase->setObjectName(QStringLiteral("unlockPassphrase"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_button->setObjectName(QStringLiteral("unlockButton"));
    m_button->setText(tr("Unlock"));
    m_button->setDefault(true);
    m_button->setMinimumHeight(34);
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #B71C1C; font-weight: bold;"));

    auto* form = new QFormLayout;
    form->addRow(tr("Username"), m_username);
    form->addRow(tr("Passphrase"), m_passphrase);

    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(28, 24, 28, 24);
    cardLayout->setSpacing(12);
    cardLayout->addWidget(title);
    cardLayout->addWidget(subtitle);
    cardLayout->addWidget(m_notice);
    cardLayout->addLayout(form);
    cardLayout->addWidget(m_button);
    cardLayout->addWidget(m_message);

    auto* outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addWidget(card, 0, Qt::AlignHCenter);
    outer->addStretch(1);
    setAttribute(Qt::WA_StyledBackground, true);
    card->setAttribute(Qt::WA_StyledBackground, true);
    m_username->setMinimumHeight(32);
    m_passphrase->setMinimumHeight(32);
    setStyleSheet(QStringLiteral("#unlockScreen { background: #EEF2F6; }"));

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &UnlockScreen::updateCountdown);
    connect(m_button, &QPushButton::clicked, this, &UnlockScreen::attemptUnlock);
    connect(m_passphrase, &QLineEdit::returnPressed, this, &UnlockScreen::attemptUnlock);
    connect(m_username, &QLineEdit::returnPressed, m_passphrase, qOverload<>(&QWidget::setFocus));
}

UnlockScreen::~UnlockScreen() = default;

void UnlockScreen::setLockedNotice(const QString& notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void UnlockScreen::setUsername(const QString& username)
{
    m_username->setText(username);
    if (!username.isEmpty())
        m_passphrase->setFocus();
}

QString UnlockScreen::message() const
{
    return m_message->text();
}

void UnlockScreen::attemptUnlock()
{
    if (m_busy)
        return;
    const QString username = m_username->text().trimmed();
    if (username.isEmpty() || m_passphrase->text().isEmpty()) {
        showError(tr("Enter your username and passphrase."));
        return;
    }
    const qint64 wait = m_access.secondsToWait(m_directory, username);
    if (wait > 0) {
        m_throttledUser = username;
        updateCountdown();
        m_countdown->start();
        return;
    }
    QString passphrase = m_passphrase->text();
    m_passphrase->clear();
    setBusy(true);
    m_message->clear();

    // The derivation runs off the GUI thread; the result comes back queued.
    auto result = std::make_shared<std::optional<Result<access::Session>>>();
    // Captures no `this`: the screen may be gone (window closed) before the derivation ends.
    QThread* worker = QThread::create([&access = m_access, directory = m_directory, result, username, passphrase]() mutable {
        result->emplace(access.unlock(directory, username, passphrase));
        wipe(passphrase);
    });
    wipe(passphrase);
    QPointer<UnlockScreen> self(this);
    connect(worker, &QThread::finished, this, [self, worker, result, username] {
        worker->deleteLater();
        if (self && result->has_value())
            self->finish(std::move(**result), username);
    });
    worker->start();
}

void UnlockScreen::finish(Result<access::Session> result, const QString& username)
{
    setBusy(false);
    if (result.ok()) {
        m_session = std::make_unique<access::Session>(std::move(*result));
        m_message->clear();
        m_countdown->stop();
        Q_EMIT unlocked();
        return;
    }
    const ErrorCode code = result.error().code;
    Q_EMIT unlockFailed(username, code);
    switch (code) {
    case ErrorCode::WrongKey:
        showError(tr("Username or passphrase is not correct. Check Caps Lock and try again."));
        break;
    case ErrorCode::Throttled:
        m_throttledUser = username;
        updateCountdown();
        m_countdown->start();
        break;
    case ErrorCode::Denied:
        showError(tr("This account may not unlock Lantern. Ask IT to check it."));
        break;
    default:
        showError(tr("The vault could not be opened (%1). Call IT.").arg(errorCodeName(code)));
        break;
    }
    m_passphrase->setFocus();
}

void UnlockScreen::updateCountdown()
{
    const qint64 wait = m_access.secondsToWait(m_directory, m_throttledUser);
    if (wait <= 0) {
        m_countdown->stop();
        m_message->clear();
        m_button->setEnabled(!m_busy);
        return;
    }
    m_button->setEnabled(false);
    showError(tr("Too many attempts — try again in %n s.", nullptr, static_cast<int>(wait)));
}

void UnlockScreen::setBusy(bool busy)
{
    m_busy = busy;
    m_button->setEnabled(!busy);
    m_username->setEnabled(!busy);
    m_passphrase->setEnabled(!busy);
    m_button->setText(busy ? tr("Unlocking …") : tr("Unlock"));
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void UnlockScreen::showError(const QString& text)
{
    m_message->setText(text);
}

} // namespace lantern::ui
