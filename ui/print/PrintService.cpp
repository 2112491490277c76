#include "ui/print/PrintService.h"

#include "core/access/PatientAccess.h"
#include "core/common/AtomicFile.h"

#include <QFile>
#include <QFileInfo>
#include <QPrintDialog>
#include <QPrinter>
#include <QTemporaryDir>

namespace lantern::ui {

PrintContext PrintService::context() const
{
    const access::User& u = m_session.user();
    return PrintContext{u.displayName + QStringLiteral(" (") + u.username + QLatin1Char(')'), m_clock.now(), m_status};
}

Status PrintService::audit(const QList<PrintSection>& sections, const QString& kind)
{
    QStringList patients;
    for (const PrintSection& s : sections)
        patients.append(s.identity.patientId);
    return access::PatientAccess(m_session, m_clock).auditPrint(patients, kind);
}

void PrintService::setUpPage(QPrinter& printer, const QString& kind) const
{
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setPageOrientation(kind == QLatin1String("census") || kind.endsWith(QLatin1String("mar"))
                                   ? QPageLayout::Landscape
                                   : QPageLayout::Portrait);
    printer.setPageMargins(QMarginsF(12, 10, 12, 10), QPageLayout::Millimeter);
    printer.setDocName(QStringLiteral("Lantern ") + kind); // no patient data in spool queues
}

Result<int> PrintService::toPrinter(QPrinter& printer, const QList<PrintSection>& sections, const QString& kind)
{
    if (sections.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("There is nothing to print."));
    // "Print to file" from the dialog: the same safe PDF as toPdf.
    if (printer.outputFormat() == QPrinter::PdfFormat && !printer.outputFileName().isEmpty())
        return toPdf(printer.outputFileName(), sections, kind);
    LANTERN_TRY(audit(sections, kind));
    return PagedReport::render(printer, sections, context());
}

Result<int> PrintService::toPdf(const QString& path, const QList<PrintSection>& sections, const QString& kind)
{
    if (sections.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("There is nothing to print."));
    // QPrinter writes by name with the umask's mode; it writes into a private
    // folder (0700) beside the target instead, and the bytes then replace the
    // target 0600 without following a link.
    QTemporaryDir scratch(QFileInfo(path).absolutePath() + QStringLiteral("/.lantern-print-XXXXXX"));
    if (!scratch.isValid())
        return Error(ErrorCode::Io, tr("Cannot write into the folder of %1: %2").arg(path, scratch.errorString()));
    LANTERN_TRY(audit(sections, kind));
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(scratch.filePath(QStringLiteral("out.pdf")));
    setUpPage(printer, kind);
    auto pages = PagedReport::render(printer, sections, context());
    if (!pages.ok())
        return pages;
    QFile rendered(printer.outputFileName());
    if (!rendered.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("The PDF could not be read back: %1").arg(rendered.errorString()));
    LANTERN_TRY(writeFileAtomically(path, rendered.readAll(), {0600}));
    return pages;
}

Result<int> PrintService::withDialog(QWidget* parent, const QList<PrintSection>& sections, const QString& kind)
{
    QPrinter printer(QPrinter::HighResolution);
    setUpPage(printer, kind);
    QPrintDialog dialog(&printer, parent);
    dialog.setWindowTitle(tr("Print"));
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    return toPrinter(printer, sections, kind);
}

} // namespace lantern::ui
