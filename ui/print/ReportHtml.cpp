#include "ui/print/ReportHtml.h"

#include "ui/chart/ChartNotices.h"
#include "ui/chart/OrderText.h"
#include "ui/common/Format.h"
#include "ui/record/LocalMarks.h"

namespace lantern::ui {
namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

const char16_t kTable[] = u"<table width='100%' cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse; border-color:#777'>";

bool refersTo(const model::MedicationAdministration& a, const QString& orderId)
{
    const QString r = a.request.reference;
    return r.section(QLatin1Char('/'), -1) == orderId || r == QStringLiteral("urn:uuid:") + orderId;
}

} // namespace

QString ReportHtml::boxes(const model::MedicationOrder& order, int fromHour, int toHour)
{
    // One box per scheduled time in this shift when times are known; otherwise two blank boxes.
    QStringList out;
    if (!order.dosages.isEmpty()) {
        for (const QString& tod : order.dosages.constFirst().timing.timeOfDay) {
            const int h = tod.left(2).toInt();
            const bool inShift = fromHour < toHour ? (h >= fromHour && h < toHour) : (h >= fromHour || h < toHour);
            if (inShift)
                out << QStringLiteral("☐ ") + tod.left(5) + QStringLiteral(" ____");
        }
        if (out.isEmpty() && !order.dosages.constFirst().timing.timeOfDay.isEmpty())
            return QStringLiteral("—");
    }
    if (out.isEmpty())
        out << QStringLiteral("☐ __:__ ____") << QStringLiteral("☐ __:__ ____");
    return out.join(QStringLiteral("<br>"));
}

QList<QDateTime> ReportHtml::shiftStarts(const QDateTime& now, int count)
{
    // Local wall-clock boundaries, so a daylight-saving night still starts at 22:00.
    const QDateTime local = now.toLocalTime();
    QDate day = local.date();
    int hour = local.time().hour() >= 22 ? 22 : local.time().hour() >= 14 ? 14 : local.time().hour() >= 6 ? 6 : 22;
    if (local.time().hour() < 6)
        day = day.addDays(-1);
    QList<QDateTime> out;
    for (int i = 0; i < count; ++i) {
        out << QDateTime(day, QTime(hour, 0), Qt::LocalTime).toUTC();
        if (hour == 22) {
            hour = 6;
            day = day.addDays(1);
        } else {
            hour += 8;
        }
    }
    return out;
}

QString ReportHtml::mar(const model::PatientChart& chart, const QString& ward, const QString& bed, const QDateTime& now)
{
    const QDateTime since = now.addSecs(-24 * 3600);
    QString html = QStringLiteral("<p><b>") + esc(tr("%1 · Bed %2").arg(ward.isEmpty() ? tr("ward ?") : ward,
                                                                            bed.isEmpty() ? QStringLiteral("?") : bed))
        + QStringLiteral("</b> &nbsp; ") + esc(tr("Allergies:")) + QLatin1Char(' ');
    if (chart.allergyStatus == model::AllergyStatus::HasAllergies) {
        QStringList names;
        for (const model::Allergy& a : chart.recordedAllergies())
            names << a.substance.displayText();
        html += QStringLiteral("<b style='color:#B71C1C'>") + esc(names.join(QStringLiteral(", "))) + QStringLiteral("</b>");
    } else {
        html += QStringLiteral("<b>") + esc(Format::allergyLongText(chart.allergyStatus)) + QStringLiteral("</b>");
    }
    html += QStringLiteral("</p>");
    html += ChartNotices::unreadableHtml(chart);
    html += ChartNotices::thisPcOnlyHtml();
    html += QStringLiteral("<p>") + esc(tr("Given in the last 24 h (since %1); write the next 24 h into the boxes: time and initials.")
                                            .arg(Format::dateTime(since)))
        + QStringLiteral("</p>");
    html += QString::fromUtf16(kTable);
    // The next three shifts, the current one first, each with its date: a
    // box under "14–22" alone would not say which day it was for.
    const QList<QDateTime> shifts = shiftStarts(now, 3);
    html += QStringLiteral("<tr style='background:#E0E6EC'><th width='26%'>") + esc(tr("Order")) + QStringLiteral("</th><th width='26%'>")
        + esc(tr("Given, last 24 h"));
    for (const QDateTime& start : shifts) {
        html += QStringLiteral("</th><th>") + esc(Format::weekdayDate(start)) + QStringLiteral("<br>")
            + esc(Format::time(start)) + QStringLiteral("–") + esc(Format::time(start.addSecs(8 * 3600)));
    }
    html += QStringLiteral("</th></tr>");
    const QList<model::MedicationOrder> active = chart.activeOrders();
    for (const model::MedicationOrder& o : active) {
        if (o.source != model::MedicationOrder::Source::Request)
            continue;
        QStringList given;
        for (const model::MedicationAdministration& a : chart.administrations) {
            const QDateTime at = a.givenAt().sortKey();
            if (!refersTo(a, o.meta.id) || a.isEnteredInError() || at < since || at > now)
                continue;
            // The symbol and words of the status exactly (model/AdministrationStatus.h): ✓ only for a dose given.
            QString line = esc(a.statusSymbol()) + QLatin1Char(' ') + esc(Format::dateTime(at)) + QLatin1Char(' ')
                + (a.isGiven() ? esc(OrderText::performer(a)) : QStringLiteral("<b>") + esc(a.statusWords()) + QStringLiteral("</b>"));
            if (a.local)
                line += QStringLiteral(" <i>(") + esc(LocalMarks::administration(a)) + QStringLiteral(")</i>");
            given << line;
        }
        if (given.isEmpty()) {
            const auto last = chart.lastGiven(o.meta.id);
            given << QStringLiteral("<i>") + esc(tr("none; last: %1").arg(OrderText::lastGiven(last))) + QStringLiteral("</i>");
        }
        html += QStringLiteral("<tr><td><b>") + esc(OrderText::drug(o)) + QStringLiteral("</b><br>")
            + esc(OrderText::instructions(o))
            + QStringLiteral("</td><td>") + given.join(QStringLiteral("<br>"));
        for (const QDateTime& start : shifts) {
            const int from = start.toLocalTime().time().hour();
            html += QStringLiteral("</td><td>") + boxes(o, from, (from + 8) % 24);
        }
        html += QStringLiteral("</td></tr>");
    }
    if (active.isEmpty())
        html += QStringLiteral("<tr><td colspan='5'><i>") + esc(tr("No active medication orders in the vault."))
            + QStringLiteral("</i></td></tr>");
    html += QStringLiteral("</table><p>") + esc(tr("Additional doses (drug, dose, time, initials):"))
        + QStringLiteral("</p>") + QString::fromUtf16(kTable);
    for (int i = 0; i < 4; ++i)
        html += QStringLiteral("<tr><td height='28'>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>");
    return html + QStringLiteral("</table>");
}

QString ReportHtml::census(const QList<records::CensusRow>& rows, const QDateTime& now)
{
    QString html = QString::fromUtf16(kTable);
    html += QStringLiteral("<tr style='background:#E0E6EC'>");
    const QStringList headers{tr("Ward"), tr("Bed"), tr("Patient"), tr("Born"), tr("Sex"), tr("MRN"), tr("Allergies"),
                              tr("Active meds"), tr("Last dose given")};
    for (const QString& h : headers)
        html += QStringLiteral("<th>") + esc(h) + QStringLiteral("</th>");
    html += QStringLiteral("</tr>");
    for (const records::CensusRow& r : rows) {
        QString allergy;
        if (r.allergyStatus == model::AllergyStatus::HasAllergies)
            allergy = QStringLiteral("<b style='color:#B71C1C'>") + esc(tr("ALLERGY: %1").arg(r.allergies.join(QStringLiteral(", "))))
                + QStringLiteral("</b>");
        else if (r.allergyStatus == model::AllergyStatus::NoKnownAllergies)
            allergy = QStringLiteral("<b>") + esc(tr("NKA")) + QStringLiteral("</b>");
        else if (r.allergyStatus == model::AllergyStatus::Unknown)
            allergy = QStringLiteral("<b style='color:#424242'>") + esc(Format::allergyBadgeText(r.allergyStatus))
                + QStringLiteral("</b>");
        else
            allergy = QStringLiteral("<i>") + esc(tr("? no information")) + QStringLiteral("</i>");
        html += QStringLiteral("<tr><td>") + esc(r.ward) + QStringLiteral("</td><td>") + esc(r.bed)
            + QStringLiteral("</td><td><b>") + esc(r.displayName()) + QStringLiteral("</b>")
            + (r.unreadableResources > 0 ? QStringLiteral("<br>") + esc(ChartNotices::unreadableMark(r.unreadableResources))
                                         : QString())
            + QStringLiteral("</td><td>")
            + esc(Format::fhirDate(r.birthDateText)) + QStringLiteral("</td><td>") + esc(Format::sexShort(r.sex))
            + QStringLiteral("</td><td>") + esc(r.mrn) + QStringLiteral("</td><td>") + allergy + QStringLiteral("</td><td align='center'>")
            + QString::number(r.activeMedications) + QStringLiteral("</td><td>")
            + esc(r.lastAdministration.isValid() ? Format::dateTime(r.lastAdministration) : tr("none"))
            + QStringLiteral("</td></tr>");
    }
    Q_UNUSED(now);
    return html + QStringLiteral("</table><p>") + esc(tr("%n patient(s)", nullptr, static_cast<int>(rows.size())))
        + QStringLiteral("</p>") + ChartNotices::thisPcOnlyHtml();
}

} // namespace lantern::ui
