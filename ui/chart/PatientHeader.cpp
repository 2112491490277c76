#include "ui/chart/PatientHeader.h"

#include "ui/common/Format.h"
#include "ui/common/PlainText.h"
#include "core/records/PatientMarks.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace lantern::ui {

QString PatientHeader::patientName(const model::PatientChart& chart)
{
    if (!chart.patient)
        return tr("(patient record missing)");
    const model::HumanName n = chart.patient->name();
    if (n.family.isEmpty())
        return n.formatted();
    QStringList given = n.given;
    return n.family.toUpper() + (given.isEmpty() ? QString() : QStringLiteral(", ") + given.join(QLatin1Char(' ')));
}

QString PatientHeader::markText(const model::PatientChart& chart)
{
    if (!chart.patient)
        return {};
    const records::PatientMark mark = records::markOf(*chart.patient);
    switch (mark.kind) {
    case records::PatientMark::Kind::MergedAway:
        return tr("MERGED into %1 - do not use").arg(mark.mergedInto);
    case records::PatientMark::Kind::Inactive:
        return tr("INACTIVE record");
    case records::PatientMark::Kind::None:
        break;
    }
    return {};
}

PatientHeader::PatientHeader(const model::PatientChart& chart, const QString& ward, const QString& bed,
                             const Clock& clock, QWidget* parent)
    : QFrame(parent), m_name(new QLabel(this)), m_badge(new QLabel(this))
{
    setObjectName(QStringLiteral("patientHeader"));
    setStyleSheet(QStringLiteral("#patientHeader { background: #17324D; } #patientHeader QLabel#headerDetail,"
                                 " #patientHeader QLabel#headerName { color: white; }"));
    m_name->setObjectName(QStringLiteral("headerName"));
    PlainText::show(m_name, patientName(chart)); // names, MRN, allergy substances: EHR data, never markup
    m_name->setStyleSheet(QStringLiteral("font-size: 17pt; font-weight: bold;"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QStringList details;
    if (chart.patient) {
        const model::Patient& p = *chart.patient;
        const QString age = Format::age(p.birthDate.date, clock.now().toLocalTime().date());
        details << tr("born %1").arg(p.birthDate.isNull() ? tr("unknown") : Format::fhirDate(p.birthDate.text))
                       + (age.isEmpty() ? QString() : QStringLiteral(" (") + age + QLatin1Char(')'));
        details << Format::sexShort(p.sex);
        details << tr("MRN %1").arg(p.mrn().isEmpty() ? tr("none") : p.mrn());
    }
    details << tr("%1 · Bed %2").arg(ward.isEmpty() ? tr("ward ?") : ward, bed.isEmpty() ? tr("?") : bed);
    auto* detail = new QLabel(this);
    PlainText::show(detail, details.join(QStringLiteral("   ·   ")));
    detail->setObjectName(QStringLiteral("headerDetail"));
    detail->setStyleSheet(QStringLiteral("font-size: 11pt;"));

    m_badge->setObjectName(QStringLiteral("headerAllergyBadge"));
    QString badge = Format::allergyBadgeText(chart.allergyStatus);
    if (chart.allergyStatus == model::AllergyStatus::HasAllergies) {
        QStringList names;
        for (const model::Allergy& a : chart.recordedAllergies())
            names << a.substance.displayText();
        badge += QStringLiteral(": ") + names.join(QStringLiteral(", "));
    }
    PlainText::show(m_badge, badge);
    m_badge->setToolTip(Format::allergyLongText(chart.allergyStatus));
    m_badge->setStyleSheet(Format::allergyBadgeStyle(chart.allergyStatus) + QStringLiteral(" QLabel { font-size: 12pt; }"));
    m_badge->setWordWrap(true);
    m_badge->setMaximumWidth(520);

    auto* left = new QVBoxLayout;
    if (const QString mark = markText(chart); !mark.isEmpty()) {
        // A record the EHR no longer uses: said first, where nobody can miss it.
        m_mark = new QLabel(this);
        PlainText::show(m_mark, mark); // names the record it was merged into
        m_mark->setObjectName(QStringLiteral("headerRecordMark"));
        m_mark->setStyleSheet(QStringLiteral("QLabel { background: #B00020; color: white; font-size: 13pt;"
                                             " font-weight: bold; padding: 2px 8px; }"));
        left->addWidget(m_mark);
    }
    left->addWidget(m_name);
    left->addWidget(detail);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->addLayout(left, 1);
    layout->addWidget(m_badge, 0, Qt::AlignVCenter);
}

QString PatientHeader::nameText() const
{
    return m_name->text();
}

QString PatientHeader::recordMarkText() const
{
    return m_mark ? m_mark->text() : QString();
}

QString PatientHeader::allergyBadgeText() const
{
    return m_badge->text();
}

} // namespace lantern::ui
