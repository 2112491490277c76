#include "ui/record/RecordDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace lantern::ui {

RecordDialog::RecordDialog(QWidget* parent)
    : QDialog(parent), m_top(new QVBoxLayout), m_form(new QFormLayout), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setModal(true);
    m_problem->setObjectName(QStringLiteral("recordProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #B71C1C; font-weight: bold;"));
    m_problem->hide();
    m_record = m_buttons->addButton(tr("Record"), QDialogButtonBox::AcceptRole);
    m_record->setObjectName(QStringLiteral("recordButton"));
    m_record->setDefault(true);
    m_record->setAutoDefault(true);
    auto* cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAutoDefault(false);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_top);
    layout->addLayout(m_form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RecordDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RecordDialog::reject);
}

QString RecordDialog::problem() const
{
    return m_problem->isVisible() || !m_problem->isHidden() ? m_problem->text() : QString();
}

void RecordDialog::showProblem(const QString& message)
{
    m_problem->setText(message);
    m_problem->show();
}

void RecordDialog::clearProblem()
{
    m_problem->clear();
    m_problem->hide();
}

void RecordDialog::accept()
{
    auto stored = submit();
    if (!stored.ok()) {
        showProblem(stored.error().message);
        return;
    }
    m_entry = *stored;
    QDialog::accept();
}

} // namespace lantern::ui
