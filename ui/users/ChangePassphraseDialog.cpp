#include "ui/users/ChangePassphraseDialog.h"

#include "core/access/VaultAccess.h"
#include "core/common/SecureBuffer.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace lantern::ui {
namespace {

QLineEdit* passwordField(const QString& objectName, QWidget* parent)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    return field;
}

} // namespace

ChangePassphraseDialog::ChangePassphraseDialog(access::VaultAccess& access, QString directory, QString username,
                                               QWidget* parent)
    : QDialog(parent), m_access(access), m_directory(std::move(directory)), m_username(std::move(username)),
      m_current(passwordField(QStringLiteral("currentPassphrase"), this)),
      m_new(passwordField(QStringLiteral("newPassphrase"), this)),
      m_repeat(passwordField(QStringLiteral("repeatPassphrase"), this)), m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("changePassphraseDialog"));
    setWindowTitle(tr("Change passphrase"));
    m_problem->setObjectName(QStringLiteral("passphraseProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Current passphrase:"), m_current);
    form->addRow(tr("New passphrase:"), m_new);
    form->addRow(tr("Repeat the new passphrase:"), m_repeat);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChangePassphraseDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Account: %1").arg(m_username), this));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
}

QString ChangePassphraseDialog::problem() const
{
    return m_problem->text();
}

void ChangePassphraseDialog::accept()
{
    if (m_new->text() != m_repeat->text()) {
        m_problem->setText(tr("The two new passphrases differ; type them again."));
        return;
    }
    QString current = m_current->text();
    QString next = m_new->text();
    const Status changed = m_access.changePassphrase(m_directory, m_username, current, next);
    wipe(current);
    wipe(next);
    if (!changed.ok()) {
        m_problem->setText(changed.error().message);
        return;
    }
    for (QLineEdit* field : {m_current, m_new, m_repeat})
        field->clear();
    QDialog::accept();
}

} // namespace lantern::ui
