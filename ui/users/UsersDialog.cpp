#include "ui/users/UsersDialog.h"

#include "core/access/VaultAccess.h"
#include "core/common/SecureBuffer.h"
#include "core/vault/UserRepository.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lantern::ui {

UsersDialog::UsersDialog(access::VaultAccess& access, access::Session& session, QWidget* parent)
    : QDialog(parent), m_access(access), m_session(session), m_table(new QTableWidget(0, 3, this)),
      m_oneTime(new QLineEdit(this)), m_disable(new QPushButton(tr("Disable"), this)),
      m_enable(new QPushButton(tr("Enable…"), this)), m_reset(new QPushButton(tr("Reset passphrase…"), this)),
      m_remove(new QPushButton(tr("Remove…"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("usersDialog"));
    setWindowTitle(tr("Users"));
    resize(640, 420);
    m_table->setObjectName(QStringLiteral("usersTable"));
    m_table->setHorizontalHeaderLabels({tr("User"), tr("Role"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_oneTime->setObjectName(QStringLiteral("oneTimePassphrase"));
    m_oneTime->setEchoMode(QLineEdit::Password);
    m_oneTime->setPlaceholderText(tr("One-time passphrase for enable and reset (the person must change it)"));
    m_message->setObjectName(QStringLiteral("usersMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_confirm = [this](const QString& question) {
        return QMessageBox::question(this, tr("Remove user"), question) == QMessageBox::Yes;
    };

    auto* actions = new QHBoxLayout;
    for (QPushButton* button : {m_disable, m_enable, m_reset, m_remove})
        actions->addWidget(button);
    connect(m_disable, &QPushButton::clicked, this, [this] { act(QStringLiteral("disable")); });
    connect(m_enable, &QPushButton::clicked, this, [this] { act(QStringLiteral("enable")); });
    connect(m_reset, &QPushButton::clicked, this, [this] { act(QStringLiteral("reset")); });
    connect(m_remove, &QPushButton::clicked, this, [this] { act(QStringLiteral("remove")); });
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &UsersDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(m_oneTime);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(close);
    reload();
}

QString UsersDialog::message() const
{
    return m_message->text();
}

void UsersDialog::reload()
{
    const QString selected = selectedUser();
    auto users = vault::UserRepository(m_session.vault()).all();
    m_table->setRowCount(0);
    if (!users.ok()) {
        m_message->setText(users.error().message);
        return;
    }
    for (const access::User& user : std::as_const(*users)) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(user.username));
        m_table->setItem(row, 1, new QTableWidgetItem(access::roleName(user.role)));
        m_table->setItem(row, 2, new QTableWidgetItem(user.disabled ? tr("disabled") : tr("enabled")));
    }
    selectUser(selected);
}

void UsersDialog::selectUser(const QString& username)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->text() == username)
            m_table->selectRow(row);
    }
}

QString UsersDialog::selectedUser() const
{
    const auto rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), 0)->text();
}

void UsersDialog::act(const QString& verb)
{
    const QString username = selectedUser();
    if (username.isEmpty()) {
        m_message->setText(tr("Choose a user in the list first."));
        return;
    }
    Status done;
    if (verb == QLatin1String("disable")) {
        done = m_access.disableUser(m_session, username);
    } else if (verb == QLatin1String("remove")) {
        if (!m_confirm(tr("Remove %1? Their account stays in the audit trail, the vault is re-keyed, and they can "
                          "never unlock again.").arg(username)))
            return;
        done = m_access.removeUser(m_session, username);
    } else {
        QString oneTime = m_oneTime->text();
        done = verb == QLatin1String("enable") ? m_access.enableUser(m_session, username, oneTime)
                                               : m_access.resetPassphrase(m_session, username, oneTime);
        wipe(oneTime);
        if (done.ok())
            m_oneTime->clear();
    }
    if (!done.ok()) {
        m_message->setText(done.error().message);
        return;
    }
    if (verb == QLatin1String("disable"))
        m_message->setText(tr("%1 is disabled; their key slot is deleted.").arg(username));
    else if (verb == QLatin1String("remove"))
        m_message->setText(tr("%1 is removed and the vault re-keyed.").arg(username));
    else
        m_message->setText(tr("Give %1 the one-time passphrase; they must change it at their first unlock.").arg(username));
    reload();
}

} // namespace lantern::ui
