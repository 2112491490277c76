#pragma once
// Sends a printout to a PDF file or to a printer, stamped with the current
// mirror status and the person printing. The audit entries come first, through
// core (PatientAccess::auditPrint: one per patient on paper, coded detail
// "mar", "ward-mar", "census", "emergency-sheet"); when they cannot be written
// nothing is printed and no file is made (fail closed, issue #10). A PDF holds
// patient data: it is created 0600, never through a symlink, and replaced
// atomically (writeFileAtomically), whatever the umask.

#include "core/access/Session.h"
#include "core/common/Clock.h"
#include "ui/print/PagedReport.h"

class QPrinter;
class QWidget;

namespace lantern::ui {

class PrintService
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::PrintService)

public:
    PrintService(access::Session& session, const Clock& clock) : m_session(session), m_clock(clock) {}

    void setStatus(const sync::MirrorStatus& status) { m_status = status; }

    // Page count, or why it failed.
    Result<int> toPdf(const QString& path, const QList<PrintSection>& sections, const QString& kind);
    Result<int> toPrinter(QPrinter& printer, const QList<PrintSection>& sections, const QString& kind);
    // Shows the print dialog (with "print to file" available); 0 pages when cancelled.
    Result<int> withDialog(QWidget* parent, const QList<PrintSection>& sections, const QString& kind);

private:
    PrintContext context() const;
    Status audit(const QList<PrintSection>& sections, const QString& kind);
    void setUpPage(QPrinter& printer, const QString& kind) const;

    access::Session& m_session;
    const Clock& m_clock;
    sync::MirrorStatus m_status;
};

} // namespace lantern::ui
