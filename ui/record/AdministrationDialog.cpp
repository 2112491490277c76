#include "ui/record/AdministrationDialog.h"

#include "ui/chart/OrderText.h"
#include "ui/common/PlainText.h"
#include "core/record/DoseParser.h"
#include "core/record/DrugClasses.h"
#include "core/record/RecordContext.h"
#include "ui/record/SafetyWarningPanel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace lantern::ui {
namespace {

model::Quantity orderDose(const model::MedicationOrder& order)
{
    return order.dosages.isEmpty() ? model::Quantity{} : order.dosages.first().dose;
}

QString number(double v)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return locale.toString(v, 'g', 6);
}

} // namespace

bool AdministrationDialog::isHighAlert(const model::MedicationOrder& order)
{
    return record::needsWitness(order.medication); // core decides, from the drug-class table
}

QString AdministrationDialog::doseProblemText(const record::ParsedDose& parsed)
{
    switch (parsed.problem) {
    case record::DoseProblem::None:
    case record::DoseProblem::Empty: return QString();
    case record::DoseProblem::Ambiguous:
        return tr("The dose is ambiguous: write %1 or %2.").arg(parsed.suggestionA, parsed.suggestionB);
    case record::DoseProblem::Grouping:
        return tr("Write the dose without thousands separators or spaces, e.g. 2500.");
    case record::DoseProblem::Negative: return tr("A dose cannot be negative.");
    case record::DoseProblem::NotANumber: return tr("The dose is not a number. Enter digits, e.g. 500.");
    }
    return QString();
}

AdministrationDialog::AdministrationDialog(const RecordEnv& env, const model::PatientChart& chart,
                                           const model::MedicationOrder& order, QWidget* parent)
    : RecordDialog(parent), m_env(env), m_patientId(chart.patientId), m_orderId(order.meta.id),
      m_orderDose(orderDose(order)), m_highAlert(isHighAlert(order)), m_warnings(new SafetyWarningPanel(this)),
      m_outcome(new QComboBox(this)), m_reason(new QLineEdit(this)), m_dose(new QLineEdit(this)),
      m_route(new QLineEdit(this)), m_site(new QLineEdit(this)), m_time(new QDateTimeEdit(this)),
      m_witness(new QLineEdit(this)), m_witnessName(new QLabel(this)), m_note(new QLineEdit(this)),
      m_checkProblem(new QLabel(this)), m_recheck(new QTimer(this))
{
    setObjectName(QStringLiteral("administrationDialog"));
    setWindowTitle(tr("Record administration"));
    setMinimumWidth(560);

    // Users of this vault: who may witness. Without the list, core still checks the witness.
    if (auto users = UserDirectory::load(env.session.vault()); users.ok())
        m_users = std::move(*users);

    auto* drug = new QLabel(QStringLiteral("<b>%1</b><br>%2")
                                .arg(OrderText::drug(order).toHtmlEscaped(), OrderText::instructions(order).toHtmlEscaped()),
                            this);
    drug->setObjectName(QStringLiteral("administrationOrder"));
    drug->setWordWrap(true);
    top()->addWidget(drug);
    top()->addWidget(m_warnings);
    m_checkProblem->setWordWrap(true);
    m_checkProblem->setStyleSheet(QStringLiteral("color: #B71C1C;"));
    m_checkProblem->hide();
    top()->addWidget(m_checkProblem);

    m_outcome->setObjectName(QStringLiteral("administrationOutcome"));
    m_outcome->addItem(tr("Given"), int(record::AdministrationOutcome::Given));
    m_outcome->addItem(tr("Not given"), int(record::AdministrationOutcome::NotGiven));
    m_outcome->addItem(tr("Held"), int(record::AdministrationOutcome::Held));
    m_reason->setObjectName(QStringLiteral("administrationReason"));
    m_reason->setPlaceholderText(tr("Required when not given or held, e.g. patient refused, nil by mouth"));
    m_dose->setObjectName(QStringLiteral("administrationDose"));
    if (m_orderDose.value)
        m_dose->setText(number(*m_orderDose.value));
    m_dose->setPlaceholderText(tr("as ordered"));
    auto* unit = new QLabel(this);
    PlainText::show(unit, m_orderDose.unit.isEmpty() ? m_orderDose.code : m_orderDose.unit); // the EHR's unit text
    auto* doseRow = new QHBoxLayout;
    doseRow->addWidget(m_dose, 1);
    doseRow->addWidget(unit);
    m_route->setObjectName(QStringLiteral("administrationRoute"));
    m_route->setText(OrderText::route(order));
    m_site->setObjectName(QStringLiteral("administrationSite"));
    m_site->setPlaceholderText(tr("optional, e.g. left upper arm"));
    const QDateTime now = env.clock.now();
    m_time->setObjectName(QStringLiteral("administrationTime"));
    m_time->setTimeSpec(Qt::LocalTime);
    m_time->setDisplayFormat(QStringLiteral("dd.MM.yyyy HH:mm"));
    m_time->setDateTimeRange(now.addSecs(-record::kMaxPastSecs).toLocalTime(),
                             now.addSecs(record::kMaxFutureSecs).toLocalTime());
    m_time->setDateTime(now.toLocalTime());
    m_witness->setObjectName(QStringLiteral("administrationWitness"));
    m_witness->setPlaceholderText(m_highAlert ? tr("High-alert drug: username of the second person who checked")
                                              : tr("optional: username of a second person"));
    m_witnessName->setObjectName(QStringLiteral("administrationWitnessName"));
    m_witnessName->setStyleSheet(QStringLiteral("color: #4A5B6C;"));
    auto* witnessRow = new QHBoxLayout;
    witnessRow->addWidget(m_witness, 1);
    witnessRow->addWidget(m_witnessName);
    m_note->setObjectName(QStringLiteral("administrationNote"));

    form()->addRow(tr("&Outcome"), m_outcome);
    form()->addRow(tr("&Reason"), m_reason);
    auto* doseLabel = new QLabel(tr("&Dose"), this);
    doseLabel->setBuddy(m_dose);
    form()->addRow(doseLabel, doseRow);
    form()->addRow(tr("R&oute"), m_route);
    form()->addRow(tr("&Site"), m_site);
    form()->addRow(tr("&Time"), m_time);
    auto* witnessLabel = new QLabel(m_highAlert ? tr("&Witness (high-alert)") : tr("&Witness"), this);
    witnessLabel->setBuddy(m_witness);
    if (m_highAlert)
        witnessLabel->setStyleSheet(QStringLiteral("font-weight: bold; color: #8A4B00;"));
    form()->addRow(witnessLabel, witnessRow);
    form()->addRow(tr("&Note"), m_note);

    setTabOrder(m_outcome, m_reason);
    setTabOrder(m_reason, m_dose);
    setTabOrder(m_dose, m_route);
    setTabOrder(m_route, m_site);
    setTabOrder(m_site, m_time);
    setTabOrder(m_time, m_witness);
    setTabOrder(m_witness, m_note);
    setTabOrder(m_note, recordButton());

    // The checks depend on the time and the outcome; run them once the typing pauses.
    m_recheck->setSingleShot(true);
    m_recheck->setInterval(250);
    connect(m_recheck, &QTimer::timeout, this, &AdministrationDialog::runChecks);
    connect(m_time, &QDateTimeEdit::dateTimeChanged, m_recheck, qOverload<>(&QTimer::start));
    connect(m_dose, &QLineEdit::textChanged, m_recheck, qOverload<>(&QTimer::start));
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        updateState();
        m_recheck->start();
    });
    connect(m_warnings, &SafetyWarningPanel::confirmationChanged, this, &AdministrationDialog::updateState);
    connect(m_witness, &QLineEdit::textChanged, this, &AdministrationDialog::updateWitnessName);
    runChecks();
    updateState();
    m_outcome->setFocus();
}

void AdministrationDialog::prefill(const record::AdministrationInput& in)
{
    m_amends = in.amends;
    const int i = m_outcome->findData(int(in.outcome));
    if (i >= 0)
        m_outcome->setCurrentIndex(i);
    m_reason->setText(in.reason);
    if (in.dose.value)
        m_dose->setText(number(*in.dose.value));
    if (!in.route.isEmpty())
        m_route->setText(in.route);
    m_site->setText(in.site);
    if (in.givenAt.isValid()) {
        // An amendment may keep the original time even if it lies further back.
        m_time->setMinimumDateTime(in.givenAt.addSecs(-record::kMaxPastSecs).toLocalTime());
        m_time->setDateTime(in.givenAt.toLocalTime());
    }
    m_witness->setText(in.witness);
    m_note->setText(in.note);
    if (!m_amends.isEmpty())
        setWindowTitle(tr("Amend administration"));
    runChecks();
}

record::AdministrationInput AdministrationDialog::input() const
{
    record::AdministrationInput in;
    in.patientId = m_patientId;
    in.orderId = m_orderId;
    in.outcome = static_cast<record::AdministrationOutcome>(m_outcome->currentData().toInt());
    in.reason = m_reason->text().trimmed();
    const QString doseText = m_dose->text().trimmed();
    if (!doseText.isEmpty()) {
        const record::ParsedDose parsed = record::parseDose(doseText, QLocale());
        in.dose = m_orderDose;
        in.dose.value = parsed.ok() ? parsed.value : std::optional<double>(-1); // -1: refused by the Recorder
        if (parsed.ok() && !parsed.unit.isEmpty()) {
            // A unit typed with the number is what the person means; core compares it with the order's.
            in.dose.unit = parsed.unit;
            in.dose.code = parsed.unitCode;
        }
    }
    in.route = m_route->text().trimmed();
    in.site = m_site->text().trimmed();
    in.givenAt = m_time->dateTime().toUTC();
    in.witness = m_witness->text().trimmed().toLower(); // usernames are lower-case
    in.note = m_note->text().trimmed();
    in.amends = m_amends;
    return in;
}

void AdministrationDialog::runChecks()
{
    record::AdministrationInput in = input();
    in.witness.clear(); // the checks do not depend on it; a half-typed name must not stop them (checked on Record)
    const QString doseProblem = doseProblemText(record::parseDose(m_dose->text(), QLocale()));
    if (!doseProblem.isEmpty()) {
        m_checkProblem->setText(doseProblem);
        m_checkProblem->show();
        m_warnings->setWarnings({});
        updateState();
        return;
    }
    auto recorder = m_env.recorder();
    auto found = recorder.checkAdministration(in);
    if (!found.ok()) {
        m_checkProblem->setText(tr("The safety checks could not run: %1").arg(found.error().message));
        m_checkProblem->show();
        m_warnings->setWarnings({});
    } else {
        m_checkProblem->hide();
        m_warnings->setWarnings(*found);
    }
    updateState();
}

bool AdministrationDialog::needsWitness() const
{
    return m_highAlert && m_outcome->currentData().toInt() == int(record::AdministrationOutcome::Given);
}

QString AdministrationDialog::witnessProblem(const QString& witness) const
{
    if (witness.isEmpty())
        return needsWitness() ? tr("This is a high-alert drug: a second person must check the dose before it is "
                                   "given. Enter their username as witness. Nothing was recorded.")
                              : QString();
    if (witness == m_env.session.user().username)
        return tr("The witness must be a second person, not you. Nothing was recorded.");
    const access::User* user = m_users.find(witness);
    if (!user && !m_users.isEmpty())
        return tr("\"%1\" is not a user of this device. Enter the witness's username. Nothing was recorded.")
            .arg(witness);
    if (user && user->disabled)
        return tr("The account of %1 is disabled; another person must witness. Nothing was recorded.")
            .arg(user->displayName);
    return QString();
}

void AdministrationDialog::updateWitnessName()
{
    const access::User* user = m_users.find(m_witness->text().trimmed().toLower());
    PlainText::show(m_witnessName, user && !user->disabled ? user->displayName : QString());
}

void AdministrationDialog::updateState()
{
    const bool needsReason = m_outcome->currentData().toInt() != int(record::AdministrationOutcome::Given);
    m_reason->setEnabled(needsReason);
    recordButton()->setEnabled(m_warnings->allConfirmed());
    recordButton()->setToolTip(m_warnings->allConfirmed() ? QString()
                                                          : tr("Confirm every warning above before recording"));
}

Result<record::RecordEntry> AdministrationDialog::submit()
{
    if (!m_env.mayRecord())
        return Error(ErrorCode::Denied, tr("Your role may not record administrations."));
    if (const QString doseProblem = doseProblemText(record::parseDose(m_dose->text(), QLocale()));
        !doseProblem.isEmpty()) {
        m_dose->setFocus();
        return Error(ErrorCode::InvalidInput, doseProblem + QLatin1Char(' ') + tr("Nothing was recorded."));
    }
    const record::AdministrationInput in = input();
    if (in.outcome != record::AdministrationOutcome::Given && in.reason.isEmpty()) {
        m_reason->setFocus();
        return Error(ErrorCode::InvalidInput, tr("Give the reason why the dose was not given or held."));
    }
    if (const QString problem = witnessProblem(in.witness); !problem.isEmpty()) {
        m_witness->setFocus();
        return Error(ErrorCode::InvalidInput, problem);
    }
    // The checks again, with what is in the form now: a new warning must be seen first.
    runChecks();
    if (!m_warnings->allConfirmed())
        return Error(ErrorCode::InvalidInput,
                     tr("Confirm each safety warning above (tick the box) or cancel. Nothing was recorded."));
    return m_env.recorder().recordAdministration(in, m_warnings->confirmed());
}

} // namespace lantern::ui
