#include "ui/chart/AllergyView.h"

#include "ui/chart/ChartNotices.h"
#include "ui/common/Format.h"
#include "ui/record/LocalMarks.h"

#include <QLabel>
#include <QVBoxLayout>

namespace lantern::ui {

AllergyView::AllergyView(const model::PatientChart& chart, QWidget* parent) : QScrollArea(parent)
{
    setObjectName(QStringLiteral("allergyView"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);

    auto* status = new QLabel(Format::allergyBadgeText(chart.allergyStatus) + QStringLiteral(" — ")
                                  + Format::allergyLongText(chart.allergyStatus),
                              body);
    status->setObjectName(QStringLiteral("allergyStatus"));
    status->setStyleSheet(Format::allergyBadgeStyle(chart.allergyStatus) + QStringLiteral(" QLabel { font-size: 13pt; padding: 8px; }"));
    layout->addWidget(status);

    // Records that could not be read: listed, never left out (an allergy among them makes the state unknown).
    const QString unreadable = ChartNotices::unreadableHtml(chart);
    if (!unreadable.isEmpty()) {
        auto* card = new QLabel(unreadable, body);
        card->setObjectName(QStringLiteral("allergyUnreadable"));
        card->setTextFormat(Qt::RichText);
        card->setWordWrap(true);
        layout->addWidget(card);
    }

    for (const model::Allergy& a : chart.allergies) {
        QString text;
        QString style;
        if (a.isRecordedAllergy()) {
            m_substances << a.substance.displayText();
            text = QStringLiteral("<b style='font-size:12pt'>") + a.substance.displayText().toHtmlEscaped()
                + QStringLiteral("</b>");
            QStringList facts;
            if (!a.type.isEmpty())
                facts << (a.type == QLatin1String("intolerance") ? tr("intolerance") : tr("allergy"));
            if (!a.categories.isEmpty())
                facts << a.categories.join(QStringLiteral(", "));
            if (a.criticality == QLatin1String("high"))
                facts << tr("HIGH criticality");
            if (!a.verificationStatus.isEmpty())
                facts << a.verificationStatus;
            if (a.local)
                facts << LocalMarks::state(*a.local); // reported here during downtime, unconfirmed
            text += QStringLiteral("<br>") + facts.join(QStringLiteral(" · ")).toHtmlEscaped();
            for (const model::AllergyReaction& r : a.reactions) {
                const QString m = r.manifestationText();
                if (!m.isEmpty())
                    text += QStringLiteral("<br>") + tr("Reaction: %1").arg(m).toHtmlEscaped()
                        + (r.severity.isEmpty() ? QString() : QStringLiteral(" (") + r.severity.toHtmlEscaped() + QLatin1Char(')'));
            }
            style = QStringLiteral("border-left: 6px solid #C62828; background: #FFEBEE;");
        } else if (a.classification == model::AllergyClass::NoKnownAllergies) {
            text = tr("Statement: %1").arg(a.substance.displayText()).toHtmlEscaped();
            style = QStringLiteral("border-left: 6px solid #2E7D32; background: #E8F5E9;");
        } else {
            text = tr("Record without usable information: %1").arg(a.substance.displayText()).toHtmlEscaped();
            style = QStringLiteral("border-left: 6px dashed #9E9E9E; background: #F5F5F5; color: #424242;");
        }
        if (!a.recordedDate.isNull())
            text += QStringLiteral("<br><span style='color:#555'>") + tr("recorded %1").arg(Format::fhirDate(a.recordedDate.text)).toHtmlEscaped()
                + QStringLiteral("</span>");
        auto* card = new QLabel(text, body);
        card->setTextFormat(Qt::RichText);
        card->setWordWrap(true);
        card->setStyleSheet(QStringLiteral("QLabel { padding: 8px; ") + style + QStringLiteral(" }"));
        layout->addWidget(card);
    }
    layout->addStretch();
    setWidget(body);
}

} // namespace lantern::ui
