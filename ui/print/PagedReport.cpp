#include "ui/print/PagedReport.h"

#include "ui/banner/StatusBanner.h"
#include "ui/common/Format.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QPrinter>
#include <QTextDocument>

#include <memory>
#include <vector>

namespace lantern::ui {

QString PagedReport::identityLine(const PrintIdentity& id)
{
    return tr("born %1 · MRN %2").arg(id.birthDate.isEmpty() ? tr("unknown") : id.birthDate,
                                      id.mrn.isEmpty() ? tr("none") : id.mrn);
}

QString PagedReport::footerLine(const PrintContext& c)
{
    QString line = tr("Data as of %1").arg(c.status.dataAsOf.isValid() ? Format::dateTimeWithZone(c.status.dataAsOf)
                                                                          : tr("unknown"));
    line += QStringLiteral(" · ") + StatusBanner::stateText(c.status);
    if (c.status.downtime)
        line += QStringLiteral(" · ") + tr("Downtime id %1").arg(c.status.downtime->id.toString(QUuid::WithoutBraces));
    return line;
}

Result<int> PagedReport::render(QPrinter& printer, const QList<PrintSection>& sections, const PrintContext& context)
{
    if (sections.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("There is nothing to print."));
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    const qreal dpi = printer.resolution();
    const qreal headerH = dpi * 0.62;
    const qreal footerH = dpi * 0.45;
    const QRectF body(0, headerH, page.width(), page.height() - headerH - footerH);

    std::vector<std::unique_ptr<QTextDocument>> docs;
    int total = 0;
    for (const PrintSection& s : sections) {
        auto doc = std::make_unique<QTextDocument>();
        doc->documentLayout()->setPaintDevice(&printer);
        doc->setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        doc->setDocumentMargin(0);
        doc->setHtml(s.html);
        doc->setPageSize(body.size());
        total += doc->pageCount();
        docs.push_back(std::move(doc));
    }

    QPainter painter;
    if (!painter.begin(&printer))
        return Error(ErrorCode::Io, tr("The printer could not be started. Check the printer or the file path."));
    const QString footer = footerLine(context);
    const QString printed = tr("Printed by %1 on %2").arg(context.printedBy, Format::dateTimeWithZone(context.printedAt));
    const bool downtime = context.status.state == sync::EhrState::Downtime || context.status.drillInForce();
    const bool drill = context.status.drillInForce();
    QFont nameFont(QStringLiteral("DejaVu Sans"), 12, QFont::Bold);
    QFont small(QStringLiteral("DejaVu Sans"), 8);
    QFont titleFont(QStringLiteral("DejaVu Sans"), 10, QFont::Bold);

    int pageNo = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const PrintSection& s = sections.at(static_cast<qsizetype>(i));
        QTextDocument& doc = *docs[i];
        for (int p = 0; p < doc.pageCount(); ++p) {
            if (pageNo > 0)
                printer.newPage();
            ++pageNo;
            // Header: who this page is about.
            painter.setPen(Qt::black);
            painter.setFont(nameFont);
            const QRectF top(0, 0, page.width(), headerH * 0.5);
            painter.drawText(top, Qt::AlignLeft | Qt::AlignVCenter,
                             s.identity.name.isEmpty() ? s.title : s.identity.name);
            painter.setFont(titleFont);
            painter.drawText(top, Qt::AlignRight | Qt::AlignVCenter, s.identity.name.isEmpty() ? QString() : s.title);
            painter.setFont(small);
            const QRectF second(0, headerH * 0.5, page.width(), headerH * 0.35);
            if (!s.identity.name.isEmpty())
                painter.drawText(second, Qt::AlignLeft | Qt::AlignVCenter, identityLine(s.identity));
            if (downtime) {
                painter.setPen(QColor(0xB7, 0x1C, 0x1C));
                painter.drawText(second, Qt::AlignRight | Qt::AlignVCenter, StatusBanner::stateText(context.status));
                painter.setPen(Qt::black);
            }
            if (drill) {
                // Centred above everything else, so a drill page can never pass for a real one.
                painter.setPen(QColor(0xB7, 0x1C, 0x1C));
                painter.setFont(titleFont);
                painter.drawText(QRectF(0, 0, page.width(), headerH * 0.5), Qt::AlignHCenter | Qt::AlignTop,
                                 StatusBanner::drillText());
                painter.setFont(small);
                painter.setPen(Qt::black);
            }
            painter.drawLine(QPointF(0, headerH * 0.9), QPointF(page.width(), headerH * 0.9));

            // Body: this page's slice of the section.
            painter.save();
            painter.translate(0, body.top() - p * body.height());
            doc.drawContents(&painter, QRectF(0, p * body.height(), body.width(), body.height()));
            painter.restore();

            // Footer: how current, who printed, which page.
            const qreal fy = page.height() - footerH;
            painter.drawLine(QPointF(0, fy + footerH * 0.1), QPointF(page.width(), fy + footerH * 0.1));
            painter.setFont(small);
            const QRectF f1(0, fy + footerH * 0.15, page.width(), footerH * 0.4);
            const QRectF f2(0, fy + footerH * 0.55, page.width(), footerH * 0.4);
            painter.drawText(f1, Qt::AlignLeft | Qt::AlignVCenter, footer);
            painter.drawText(f2, Qt::AlignLeft | Qt::AlignVCenter, printed);
            painter.drawText(f2, Qt::AlignRight | Qt::AlignVCenter, tr("Page %1 of %2").arg(pageNo).arg(total));
        }
    }
    painter.end();
    return total;
}

} // namespace lantern::ui
