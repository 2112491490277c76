#include "ui/record/SimpleRecordDialogs.h"

#include "ui/record/WardNames.h"
#include "core/vault/OutboxRepository.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHash>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace lantern::ui {
namespace {

QPlainTextEdit* textEdit(QWidget* parent, const QString& name)
{
    auto* e = new QPlainTextEdit(parent);
    e->setObjectName(name);
    e->setTabChangesFocus(true); // Tab moves on; Enter in the box is a new line, Ctrl+Enter records
    e->setMinimumHeight(110);
    return e;
}

void recordOnCtrlEnter(RecordDialog* dialog)
{
    dialog->recordButton()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
}

} // namespace

NoteDialog::NoteDialog(const RecordEnv& env, QString patientId, QWidget* parent)
    : RecordDialog(parent), m_env(env), m_patientId(std::move(patientId)), m_category(new QComboBox(this)),
      m_text(textEdit(this, QStringLiteral("noteText")))
{
    setObjectName(QStringLiteral("noteDialog"));
    setWindowTitle(tr("Add note"));
    setMinimumWidth(480);
    m_category->setObjectName(QStringLiteral("noteCategory"));
    m_category->addItem(tr("Nursing note"), int(record::NoteCategory::Nursing));
    m_category->addItem(tr("Physician note"), int(record::NoteCategory::Physician));
    if (env.session.user().role == access::Role::Physician)
        m_category->setCurrentIndex(1);
    form()->addRow(tr("&Category"), m_category);
    form()->addRow(tr("&Text"), m_text);
    recordOnCtrlEnter(this);
    m_text->setFocus();
}

void NoteDialog::prefill(const record::NoteInput& in)
{
    m_amends = in.amends;
    m_category->setCurrentIndex(m_category->findData(int(in.category)));
    m_text->setPlainText(in.text);
    if (!m_amends.isEmpty())
        setWindowTitle(tr("Amend note"));
}

Result<record::RecordEntry> NoteDialog::submit()
{
    if (!m_env.mayRecord())
        return Error(ErrorCode::Denied, tr("Your role may not record notes."));
    if (m_text->toPlainText().trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Write the note first."));
    record::NoteInput in;
    in.patientId = m_patientId;
    in.category = static_cast<record::NoteCategory>(m_category->currentData().toInt());
    in.text = m_text->toPlainText().trimmed();
    in.amends = m_amends;
    return m_env.recorder().recordNote(in);
}

Status AnnotationDialog::mayOpen(const RecordEnv& env)
{
    if (!env.mayAnnotate())
        return Error(ErrorCode::Denied, tr("Only physicians annotate medication orders."));
    return {};
}

AnnotationDialog::AnnotationDialog(const RecordEnv& env, QString patientId, QString orderId, const QString& orderText,
                                   QWidget* parent)
    : RecordDialog(parent), m_env(env), m_patientId(std::move(patientId)), m_orderId(std::move(orderId)),
      m_kind(new QComboBox(this)), m_text(textEdit(this, QStringLiteral("annotationText")))
{
    setObjectName(QStringLiteral("annotationDialog"));
    setWindowTitle(tr("Annotate order"));
    setMinimumWidth(480);
    auto* order = new QLabel(QStringLiteral("<b>%1</b>").arg(orderText.toHtmlEscaped()), this);
    order->setWordWrap(true);
    top()->addWidget(order);
    auto* hint = new QLabel(tr("Shown on the medication plan and the MAR to everyone until it reaches the EHR."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #4A5B6C;"));
    top()->addWidget(hint);
    m_kind->setObjectName(QStringLiteral("annotationKind"));
    m_kind->addItem(tr("Hold"), int(record::AnnotationKind::Hold));
    m_kind->addItem(tr("Review"), int(record::AnnotationKind::Review));
    m_kind->addItem(tr("Dose concern"), int(record::AnnotationKind::DoseConcern));
    m_kind->setCurrentIndex(1);
    form()->addRow(tr("&Kind"), m_kind);
    form()->addRow(tr("&Text"), m_text);
    recordOnCtrlEnter(this);
    m_kind->setFocus();
}

void AnnotationDialog::prefill(const record::OrderAnnotationInput& in)
{
    m_amends = in.amends;
    m_kind->setCurrentIndex(m_kind->findData(int(in.kind)));
    m_text->setPlainText(in.text);
    if (!m_amends.isEmpty())
        setWindowTitle(tr("Amend order annotation"));
}

Result<record::RecordEntry> AnnotationDialog::submit()
{
    LANTERN_TRY(mayOpen(m_env));
    if (m_text->toPlainText().trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Say what should happen with this order."));
    record::OrderAnnotationInput in;
    in.patientId = m_patientId;
    in.orderId = m_orderId;
    in.kind = static_cast<record::AnnotationKind>(m_kind->currentData().toInt());
    in.text = m_text->toPlainText().trimmed();
    in.amends = m_amends;
    return m_env.recorder().recordOrderAnnotation(in);
}

AllergyDialog::AllergyDialog(const RecordEnv& env, QString patientId, QWidget* parent)
    : RecordDialog(parent), m_env(env), m_patientId(std::move(patientId)), m_substance(new QLineEdit(this)),
      m_reaction(new QLineEdit(this)), m_criticality(new QComboBox(this))
{
    setObjectName(QStringLiteral("allergyDialog"));
    setWindowTitle(tr("Report allergy"));
    setMinimumWidth(460);
    auto* hint = new QLabel(tr("Stored as reported and unconfirmed until a physician in the EHR confirms it."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #4A5B6C;"));
    top()->addWidget(hint);
    m_substance->setObjectName(QStringLiteral("allergySubstance"));
    m_substance->setPlaceholderText(tr("e.g. penicillin, ibuprofen, latex"));
    m_reaction->setObjectName(QStringLiteral("allergyReaction"));
    m_reaction->setPlaceholderText(tr("optional, e.g. rash, anaphylaxis"));
    m_criticality->addItem(tr("not assessed"), QString());
    m_criticality->addItem(tr("low"), QStringLiteral("low"));
    m_criticality->addItem(tr("high"), QStringLiteral("high"));
    m_criticality->addItem(tr("unable to assess"), QStringLiteral("unable-to-assess"));
    form()->addRow(tr("&Substance"), m_substance);
    form()->addRow(tr("&Reaction"), m_reaction);
    form()->addRow(tr("&Criticality"), m_criticality);
    m_substance->setFocus();
}

void AllergyDialog::prefill(const record::ReportedAllergyInput& in)
{
    m_amends = in.amends;
    m_substance->setText(in.substance);
    m_reaction->setText(in.reaction);
    m_criticality->setCurrentIndex(qMax(0, m_criticality->findData(in.criticality)));
    if (!m_amends.isEmpty())
        setWindowTitle(tr("Amend reported allergy"));
}

Result<record::RecordEntry> AllergyDialog::submit()
{
    if (!m_env.mayRecord())
        return Error(ErrorCode::Denied, tr("Your role may not record allergies."));
    if (m_substance->text().trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Name the substance the patient reacts to."));
    record::ReportedAllergyInput in;
    in.patientId = m_patientId;
    in.substance = m_substance->text().trimmed();
    in.reaction = m_reaction->text().trimmed();
    in.criticality = m_criticality->currentData().toString();
    in.amends = m_amends;
    return m_env.recorder().recordReportedAllergy(in);
}

AdmissionDialog::AdmissionDialog(const RecordEnv& env, const QList<QPair<QString, QString>>& wards, QWidget* parent)
    : RecordDialog(parent), m_env(env), m_family(new QLineEdit(this)), m_given(new QLineEdit(this)),
      m_birth(new QDateEdit(this)), m_birthKnown(new QComboBox(this)), m_sex(new QComboBox(this)),
      m_ward(new QComboBox(this)), m_bed(new QLineEdit(this))
{
    setObjectName(QStringLiteral("admissionDialog"));
    setWindowTitle(tr("Downtime admission"));
    setMinimumWidth(460);
    auto* hint = new QLabel(tr("The patient gets a downtime identifier from this device's range. Write it on the "
                               "wristband and the paper chart."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #4A5B6C;"));
    top()->addWidget(hint);
    m_family->setObjectName(QStringLiteral("admissionFamily"));
    m_given->setObjectName(QStringLiteral("admissionGiven"));
    m_birthKnown->addItem(tr("known"), true);
    m_birthKnown->addItem(tr("unknown"), false);
    m_birth->setDisplayFormat(QStringLiteral("dd.MM.yyyy"));
    m_birth->setDate(QDate(1970, 1, 1));
    m_birth->setMaximumDate(env.clock.now().toLocalTime().date());
    auto* birthRow = new QHBoxLayout;
    birthRow->addWidget(m_birth, 1);
    birthRow->addWidget(m_birthKnown);
    m_sex->addItem(tr("female"), QStringLiteral("female"));
    m_sex->addItem(tr("male"), QStringLiteral("male"));
    m_sex->addItem(tr("other"), QStringLiteral("other"));
    m_sex->addItem(tr("unknown"), QStringLiteral("unknown"));
    // Wards are listed by name. A caller that knows only ids (the user's ward
    // scope) passes the id as name; the vault's Location resources name them.
    QHash<QString, QString> names;
    for (const auto& [id, name] : wards) {
        if (name.isEmpty() || name == id) {
            auto known = WardNames::load(env.session.vault());
            if (known.ok())
                names = std::move(*known);
            break;
        }
    }
    m_ward->setObjectName(QStringLiteral("admissionWard"));
    for (const auto& [id, name] : wards) {
        const QString shown = !name.isEmpty() && name != id ? name : names.value(id, id);
        m_ward->addItem(shown, id);
        m_ward->setItemData(m_ward->count() - 1, id, Qt::ToolTipRole);
    }
    m_bed->setObjectName(QStringLiteral("admissionBed"));
    form()->addRow(tr("&Family name"), m_family);
    form()->addRow(tr("&Given name"), m_given);
    auto* birthLabel = new QLabel(tr("&Birth date"), this);
    birthLabel->setBuddy(m_birth);
    form()->addRow(birthLabel, birthRow);
    form()->addRow(tr("&Sex"), m_sex);
    form()->addRow(tr("&Ward"), m_ward);
    form()->addRow(tr("B&ed"), m_bed);
    connect(m_birthKnown, &QComboBox::currentIndexChanged, this,
            [this] { m_birth->setEnabled(m_birthKnown->currentData().toBool()); });
    setTabOrder(m_family, m_given);
    setTabOrder(m_given, m_birth);
    setTabOrder(m_birth, m_birthKnown);
    setTabOrder(m_birthKnown, m_sex);
    setTabOrder(m_sex, m_ward);
    setTabOrder(m_ward, m_bed);
    setTabOrder(m_bed, recordButton());
    m_family->setFocus();
}

QString AdmissionDialog::identifierOf(const record::RecordEntry& entry)
{
    const QJsonArray ids = entry.resource.value(QStringLiteral("identifier")).toArray();
    for (const QJsonValue& v : ids) {
        const QJsonObject id = v.toObject();
        if (id.value(QStringLiteral("system")).toString() != QLatin1String(record::kEntryIdentifierSystem))
            return id.value(QStringLiteral("value")).toString();
    }
    return QString();
}

Result<record::RecordEntry> AdmissionDialog::submit()
{
    if (!m_env.mayRecord())
        return Error(ErrorCode::Denied, tr("Your role may not admit patients."));
    if (m_family->text().trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Enter the family name (or a placeholder such as \"Unknown\")."));
    auto range = vault::DowntimeIdRangeRepository(m_env.session.vault().db()).range();
    if (range.ok() && !range->has_value())
        return Error(ErrorCode::NotFound,
                     tr("No downtime identifier range is configured on this device, so no identifier can be given. "
                        "Admit on paper and ask hospital IT to configure a range (lanternctl)."));
    record::DowntimeAdmissionInput in;
    in.family = m_family->text().trimmed();
    in.given = m_given->text().trimmed();
    if (m_birthKnown->currentData().toBool())
        in.birthDate = m_birth->date();
    in.sex = m_sex->currentData().toString();
    in.ward = m_ward->currentData().toString();
    in.bed = m_bed->text().trimmed();
    return m_env.recorder().recordDowntimeAdmission(in);
}

} // namespace lantern::ui
