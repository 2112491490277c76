#include "ui/chart/EmergencySheetHtml.h"

#include "ui/chart/ChartNotices.h"
#include "ui/chart/OrderText.h"
#include "ui/common/Format.h"

#include <QRegularExpression>

namespace lantern::ui {
namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString list(const QStringList& items)
{
    QString out = QStringLiteral("<ul style='margin-top:0'>");
    for (const QString& i : items)
        out += QStringLiteral("<li>") + i + QStringLiteral("</li>");
    return out + QStringLiteral("</ul>");
}

} // namespace

QString EmergencySheetHtml::section(const QString& title, const QString& body)
{
    return QStringLiteral("<h3 style='margin-bottom:2px; color:#17324D; border-bottom:1px solid #B0C4D8'>") + esc(title)
        + QStringLiteral("</h3>") + body;
}

QString EmergencySheetHtml::noInformation()
{
    return QStringLiteral("<p style='color:#555'><i>") + esc(tr("? No information — not recorded, ask or check the paper chart"))
        + QStringLiteral("</i></p>");
}

QString EmergencySheetHtml::noneKnown()
{
    return QStringLiteral("<p style='color:#1B5E20'><b>") + esc(tr("None known (recorded statement)")) + QStringLiteral("</b></p>");
}

bool EmergencySheetHtml::sectionSaysNoneKnown(const model::PatientChart& chart, const QString& loinc)
{
    for (const model::EmptySection& s : chart.emptySections) {
        if (s.code == loinc && s.reasonCode == QLatin1String("nilknown"))
            return true;
    }
    return false;
}

QString EmergencySheetHtml::allergies(const model::PatientChart& chart)
{
    switch (chart.allergyStatus) {
    case model::AllergyStatus::NoKnownAllergies:
        return QStringLiteral("<p style='color:#1B5E20'><b>") + esc(Format::allergyLongText(chart.allergyStatus))
            + QStringLiteral("</b></p>");
    case model::AllergyStatus::NoInformation:
        return noInformation();
    case model::AllergyStatus::Unknown:
        return QStringLiteral("<p style='color:#424242; border:1px dashed #9E9E9E; padding:2px'><b>")
            + esc(Format::allergyBadgeText(chart.allergyStatus)) + QStringLiteral("</b> — ")
            + esc(Format::allergyLongText(chart.allergyStatus)) + QStringLiteral("</p>");
    case model::AllergyStatus::HasAllergies:
        break;
    }
    QStringList items;
    for (const model::Allergy& a : chart.recordedAllergies()) {
        QString line = QStringLiteral("<b style='color:#B71C1C'>") + esc(a.substance.displayText()) + QStringLiteral("</b>");
        QStringList reactions;
        for (const model::AllergyReaction& r : a.reactions)
            reactions << r.manifestationText();
        if (!reactions.isEmpty())
            line += QStringLiteral(" — ") + esc(reactions.join(QStringLiteral(", ")));
        if (a.criticality == QLatin1String("high"))
            line += QStringLiteral(" <b>") + esc(tr("(high criticality)")) + QStringLiteral("</b>");
        items << line;
    }
    return list(items);
}

QString EmergencySheetHtml::medications(const model::PatientChart& chart)
{
    const QList<model::MedicationOrder> active = chart.activeOrders();
    if (active.isEmpty())
        return sectionSaysNoneKnown(chart, QStringLiteral("10160-0")) ? noneKnown() : noInformation();
    QStringList items;
    for (const model::MedicationOrder& o : active) {
        items << QStringLiteral("<b>") + esc(OrderText::drug(o)) + QStringLiteral("</b> ")
                + esc(QStringList{OrderText::dose(o), OrderText::route(o), OrderText::schedule(o), OrderText::prn(o)}
                          .filter(QRegularExpression(QStringLiteral("\\S")))
                          .join(QStringLiteral(" · ")));
    }
    return list(items);
}

QString EmergencySheetHtml::diagnoses(const model::PatientChart& chart)
{
    QStringList items;
    for (const model::Condition& c : chart.conditions) {
        if (c.isActive())
            items << esc(c.display());
    }
    if (items.isEmpty())
        return sectionSaysNoneKnown(chart, QStringLiteral("11450-4")) ? noneKnown() : noInformation();
    return list(items);
}

QString EmergencySheetHtml::devices(const model::PatientChart& chart)
{
    QStringList items;
    for (const model::Device& d : chart.devices) {
        if (d.isImplant() && d.status != QLatin1String("entered-in-error") && d.status != QLatin1String("inactive"))
            items << QStringLiteral("<b>") + esc(d.display()) + QStringLiteral("</b>")
                    + (d.udi.isEmpty() ? QString() : QStringLiteral(" (UDI ") + esc(d.udi) + QLatin1Char(')'));
    }
    if (items.isEmpty())
        return sectionSaysNoneKnown(chart, QStringLiteral("46264-8")) ? noneKnown() : noInformation();
    return list(items);
}

QString EmergencySheetHtml::codeStatus(const model::PatientChart& chart)
{
    const std::optional<model::CodeStatus> cs = chart.currentCodeStatus();
    if (!cs)
        return noInformation();
    QString text = cs->text.isEmpty() ? cs->code.displayText() : cs->text;
    const bool limited = cs->decision != model::Resuscitation::FullCode && cs->decision != model::Resuscitation::Unknown;
    QString out = QStringLiteral("<p style='font-size:13pt; color:%1'><b>").arg(limited ? QStringLiteral("#B71C1C") : QStringLiteral("#17324D"))
        + esc(text) + QStringLiteral("</b>");
    if (!cs->date.isNull())
        out += QStringLiteral(" (") + esc(Format::fhirDate(cs->date.text)) + QLatin1Char(')');
    out += QStringLiteral("</p><p>") + esc(tr("Advance directive kept at:")) + QLatin1Char(' ')
        + (cs->directiveLocation.isEmpty() ? QStringLiteral("<i>") + esc(tr("no information")) + QStringLiteral("</i>")
                                           : esc(cs->directiveLocation))
        + QStringLiteral("</p>");
    return out;
}

QString EmergencySheetHtml::contacts(const model::PatientChart& chart)
{
    if (!chart.patient || chart.patient->contacts.isEmpty())
        return noInformation();
    QStringList items;
    for (const model::PatientContact& c : chart.patient->contacts) {
        QString line = QStringLiteral("<b>") + esc(c.name) + QStringLiteral("</b>");
        if (!c.relationships.isEmpty())
            line += QStringLiteral(" (") + esc(c.relationships.join(QStringLiteral(", "))) + QLatin1Char(')');
        if (!c.phone.isEmpty())
            line += QStringLiteral(" — ☎ ") + esc(c.phone);
        items << line;
    }
    return list(items);
}

QString EmergencySheetHtml::pregnancy(const model::PatientChart& chart)
{
    const model::PregnancyStatus* latest = nullptr;
    for (const model::PregnancyStatus& p : chart.pregnancyStatus) {
        if (p.isUsable()) {
            latest = &p; // newest first
            break;
        }
    }
    if (!latest) {
        // Never left blank and never guessed from the recorded sex: absent means nobody recorded it.
        QString out = QStringLiteral("<p style='color:#555'><i>")
            + esc(tr("? Not known — no pregnancy status recorded; ask before imaging or teratogenic drugs"))
            + QStringLiteral("</i></p>");
        return out;
    }
    const QString recorded = latest->effective.isNull()
        ? QString()
        : QStringLiteral(" (") + esc(tr("recorded %1").arg(Format::fhirDate(latest->effective.text))) + QLatin1Char(')');
    switch (latest->state) {
    case model::PregnancyState::Pregnant: {
        QString out = QStringLiteral("<p style='font-size:13pt; color:#B71C1C'><b>") + esc(tr("PREGNANT"))
            + QStringLiteral("</b>") + recorded;
        if (latest->estimatedDelivery.isValid())
            out += QStringLiteral(" — ") + esc(tr("estimated delivery %1").arg(Format::date(latest->estimatedDelivery)));
        return out + QStringLiteral("</p>");
    }
    case model::PregnancyState::NotPregnant:
        return QStringLiteral("<p><b>") + esc(tr("Not pregnant")) + QStringLiteral("</b>") + recorded + QStringLiteral("</p>");
    case model::PregnancyState::Unknown:
        break;
    }
    const QString value = latest->value.displayText();
    return QStringLiteral("<p><b>") + esc(tr("Recorded as unknown")) + QStringLiteral("</b>")
        + (value.isEmpty() ? QString() : QStringLiteral(" — ") + esc(value)) + recorded + QStringLiteral("</p>");
}

QString EmergencySheetHtml::alerts(const model::PatientChart& chart)
{
    QStringList items;
    for (const model::Flag& f : chart.flags) {
        if (f.isActive())
            items << QStringLiteral("<b>") + esc(f.text()) + QStringLiteral("</b>");
    }
    return items.isEmpty() ? noInformation() : list(items);
}

QString EmergencySheetHtml::build(const model::PatientChart& chart)
{
    QString html = QStringLiteral("<html><body style='font-size:10.5pt'>");
    html += ChartNotices::unreadableHtml(chart); // first: what this sheet cannot show
    html += section(tr("Code status and advance directive"), codeStatus(chart));
    html += section(tr("Allergies and intolerances"), allergies(chart));
    html += section(tr("Diagnoses (active problems)"), diagnoses(chart));
    html += section(tr("Current medication"), medications(chart));
    html += section(tr("Implants and devices"), devices(chart));
    html += section(tr("Pregnancy"), pregnancy(chart));
    html += section(tr("Alerts"), alerts(chart));
    html += section(tr("Contacts"), contacts(chart));
    return html + QStringLiteral("</body></html>");
}

} // namespace lantern::ui
