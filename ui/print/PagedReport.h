#pragma once
// Lays out printouts page by page: each section (one patient's MAR, the
// census) is HTML flowed into the body; every page gets the identity header
// (patient name, birth date, MRN), and a footer with "data as of", the
// downtime id, who printed it and when (with time zone), and "page x of y"
// counted over the whole document.

#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

class QPrinter;

namespace lantern::ui {

struct PrintIdentity
{
    QString patientId;   // for the audit trail; empty for ward documents
    QString name;
    QString birthDate;   // already formatted
    QString mrn;
};

struct PrintSection
{
    QString title;       // "Medication administration record"
    PrintIdentity identity;
    QString html;
};

struct PrintContext
{
    QString printedBy;   // "Anna Meyer (anna.meyer)"
    QDateTime printedAt; // UTC
    sync::MirrorStatus status;
};

class PagedReport
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::PagedReport)

public:
    // Renders all sections into the printer (PDF or paper). Returns the page count.
    static Result<int> render(QPrinter& printer, const QList<PrintSection>& sections, const PrintContext& context);

    static QString footerLine(const PrintContext& context);
    static QString identityLine(const PrintIdentity& identity);
};

} // namespace lantern::ui
