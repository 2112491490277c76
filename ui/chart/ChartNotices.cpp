#include "ui/chart/ChartNotices.h"

namespace lantern::ui {

QStringList ChartNotices::unreadableLines(const model::PatientChart& chart)
{
    QStringList out;
    for (const model::UnreadableResource& u : chart.unreadable) {
        const QString type = u.type.isEmpty() ? tr("resource of unknown type") : u.type;
        QString line = tr("could not be read: %1, %2").arg(type, u.reason);
        if (u.bearsAllergies)
            line += QLatin1Char(' ') + tr("(may hold allergy information: check the paper record)");
        out << line;
    }
    return out;
}

QString ChartNotices::unreadableHtml(const model::PatientChart& chart)
{
    const QStringList lines = unreadableLines(chart);
    if (lines.isEmpty())
        return {};
    QString html = QStringLiteral("<div style='border:2px solid #E65100; background:#FFF3E0; padding:4px'><p><b>")
        + tr("⚠ %n record(s) of this patient could not be read and are not shown above; check the paper record:",
             nullptr, static_cast<int>(lines.size()))
              .toHtmlEscaped()
        + QStringLiteral("</b></p><ul style='margin-top:0'>");
    for (const QString& l : lines)
        html += QStringLiteral("<li>") + l.toHtmlEscaped() + QStringLiteral("</li>");
    return html + QStringLiteral("</ul></div>");
}

QString ChartNotices::unreadableMark(qint64 count)
{
    return tr("⚠ %n unreadable", nullptr, static_cast<int>(count));
}

QString ChartNotices::thisPcOnly()
{
    return tr("Entries from this PC only: doses and notes recorded during the downtime on other PCs of this ward "
              "are not shown here.");
}

QString ChartNotices::thisPcOnlyHtml()
{
    return QStringLiteral("<p style='color:#7A4F01'><b>") + thisPcOnly().toHtmlEscaped() + QStringLiteral("</b></p>");
}

} // namespace lantern::ui
