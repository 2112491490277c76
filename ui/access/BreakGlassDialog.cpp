#include "ui/access/BreakGlassDialog.h"

#include "core/access/BreakGlassReason.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace lantern::ui {

QStringList BreakGlassDialog::reasonCodes()
{
    return access::BreakGlassReason::codes(); // the same codes as lanternctl's --break-glass
}

QString BreakGlassDialog::reasonText(const QString& code)
{
    if (code == QLatin1String("emergency"))
        return tr("Emergency: the patient needs care now");
    if (code == QLatin1String("transfer"))
        return tr("Transfer: the patient is being moved to my ward");
    if (code == QLatin1String("covering"))
        return tr("Covering: I am looking after that ward this shift");
    if (code == QLatin1String("consult"))
        return tr("Consultation: I was asked to see the patient");
    return code;
}

BreakGlassDialog::BreakGlassDialog(QWidget* parent)
    : QDialog(parent), m_mrn(new QLineEdit(this)), m_reasons(new QButtonGroup(this)), m_problem(new QLabel(this)),
      m_open(nullptr)
{
    setObjectName(QStringLiteral("breakGlassDialog"));
    setWindowTitle(tr("Patient on another ward"));
    setModal(true);
    auto* warning = new QLabel(tr("<b>This patient is not on your wards.</b><br>Opening the chart is recorded in the "
                                  "audit log with your name, the time and the reason you choose."),
                               this);
    warning->setWordWrap(true);
    warning->setStyleSheet(QStringLiteral("background: #FFF3CD; border: 1px solid #C79100; padding: 8px; color: #3E2A00;"));
    m_mrn->setObjectName(QStringLiteral("breakGlassMrn"));
    m_mrn->setPlaceholderText(tr("MRN from the wristband or transfer sheet"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addWidget(new QLabel(tr("Medical record number (MRN):"), this));
    layout->addWidget(m_mrn);
    layout->addWidget(new QLabel(tr("Reason:"), this));
    int id = 0;
    for (const QString& code : reasonCodes()) {
        auto* choice = new QRadioButton(reasonText(code), this);
        choice->setObjectName(QStringLiteral("reason-") + code);
        choice->setProperty("code", code);
        m_reasons->addButton(choice, id++);
        layout->addWidget(choice);
    }
    m_problem->setObjectName(QStringLiteral("breakGlassProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #B71C1C; font-weight: bold;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(tr("Open chart (audited)"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("breakGlassOpen"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_mrn, &QLineEdit::textChanged, this, &BreakGlassDialog::updateButton);
    connect(m_reasons, &QButtonGroup::idClicked, this, &BreakGlassDialog::updateButton);
    updateButton();
    resize(480, sizeHint().height());
}

QString BreakGlassDialog::mrn() const
{
    return m_mrn->text().trimmed();
}

QString BreakGlassDialog::reasonCode() const
{
    QAbstractButton* chosen = m_reasons->checkedButton();
    return chosen ? chosen->property("code").toString() : QString();
}

void BreakGlassDialog::setMrn(const QString& mrn)
{
    m_mrn->setText(mrn);
}

void BreakGlassDialog::setReason(const QString& code)
{
    const QList<QAbstractButton*> buttons = m_reasons->buttons();
    for (QAbstractButton* b : buttons) {
        if (b->property("code").toString() == code)
            b->setChecked(true);
    }
    updateButton();
}

void BreakGlassDialog::showProblem(const QString& text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void BreakGlassDialog::updateButton()
{
    m_open->setEnabled(!mrn().isEmpty() && !reasonCode().isEmpty());
}

} // namespace lantern::ui
