#include "ui/record/LocalNotesView.h"

#include "ui/common/Format.h"
#include "ui/record/LocalMarks.h"

#include <algorithm>

namespace lantern::ui {

LocalNotesView::LocalNotesView(const model::PatientChart& chart, QWidget* parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("localNotes"));
    setHtml(html(chart));
}

QString LocalNotesView::html(const model::PatientChart& chart)
{
    QList<model::LocalAnnotation> all = chart.localNotes + chart.orderAnnotations;
    std::sort(all.begin(), all.end(),
              [](const model::LocalAnnotation& a, const model::LocalAnnotation& b) { return a.at > b.at; });
    QString out = QStringLiteral("<h3>") + tr("Recorded on this device during the downtime") + QStringLiteral("</h3>");
    if (all.isEmpty()) {
        out += QStringLiteral("<p style='color:#4A5B6C'>")
               + tr("No notes recorded here yet. The EHR's notes are not mirrored; use \"Note…\" above to add one.")
               + QStringLiteral("</p>");
        return out;
    }
    for (const model::LocalAnnotation& a : std::as_const(all)) {
        out += QStringLiteral("<p style='background:#FFF3CD; padding:4px'><b>%1</b> · %2 · %3<br>")
                   .arg(LocalMarks::annotationKind(a.kind).toHtmlEscaped(), Format::dateTime(a.at),
                        a.local.author.toHtmlEscaped());
        out += a.text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        out += QStringLiteral("<br><i>") + LocalMarks::state(a.local).toHtmlEscaped() + QStringLiteral("</i></p>");
    }
    return out;
}

} // namespace lantern::ui
