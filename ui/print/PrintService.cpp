#include "ui/print/PrintService.h"

#include "core/audit/AuditLog.h"

#include <QPrintDialog>
#include <QPrinter>
#include <QSet>

namespace lantern::ui {

PrintContext PrintService::context() const
{
    const access::User& u = m_session.user();
    return PrintContext{u.displayName + QStringLiteral(" (") + u.username + QLatin1Char(')'), m_clock.now(), m_status};
}

Status PrintService::audit(const QList<PrintSection>& sections, const QString& kind)
{
    audit::AuditLog log(m_session.vault(), m_clock);
    QSet<QString> seen;
    bool any = false;
    for (const PrintSection& s : sections) {
        if (s.identity.patientId.isEmpty() || seen.contains(s.identity.patientId))
            continue;
        seen.insert(s.identity.patientId);
        any = true;
        auto entry = log.append({m_session.user().username, audit::AuditAction::Print, s.identity.patientId,
                                 audit::AuditOutcome::Success, kind});
        if (!entry.ok())
            return entry.error();
    }
    if (!any) {
        auto entry = log.append({m_session.user().username, audit::AuditAction::Print, QString(),
                                 audit::AuditOutcome::Success, kind});
        if (!entry.ok())
            return entry.error();
    }
    return {};
}

Result<int> PrintService::toPrinter(QPrinter& printer, const QList<PrintSection>& sections, const QString& kind)
{
    auto pages = PagedReport::render(printer, sections, context());
    if (!pages.ok())
        return pages;
    const Status audited = audit(sections, kind);
    if (!audited.ok())
        return audited.error().prefixed(tr("printed, but the audit entry failed"));
    return pages;
}

Result<int> PrintService::toPdf(const QString& path, const QList<PrintSection>& sections, const QString& kind)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setPageOrientation(kind == QLatin1String("census") || kind.endsWith(QLatin1String("mar"))
                                   ? QPageLayout::Landscape
                                   : QPageLayout::Portrait);
    printer.setPageMargins(QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter);
    printer.setDocName(QStringLiteral("Lantern ") + kind); // no patient data in spool queues
    return toPrinter(printer, sections, kind);
}

Result<int> PrintService::withDialog(QWidget* parent, const QList<PrintSection>& sections, const QString& kind)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setPageOrientation(kind == QLatin1String("census") || kind.endsWith(QLatin1String("mar"))
                                   ? QPageLayout::Landscape
                                   : QPageLayout::Portrait);
    printer.setPageMargins(QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter);
    printer.setDocName(QStringLiteral("Lantern ") + kind);
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print"));
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    return toPrinter(printer, sections, kind);
}

} // namespace lantern::ui
