#pragma once
// The reconciliation report of one downtime on paper (PDF): the summary
// (window, entries by state and kind, patients), then one section per
// patient with each entry, its state, the conflict and how it was resolved,
// by whom and when. Built from record::ReconcileReport's JSON; laid out and
// audited by PrintService like every printout (one Print entry per patient,
// kind "reconcile-report"). The downtime id is in every page's header.

#include "core/common/Clock.h"
#include "ui/print/PagedReport.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

class ReconcileReportPrint
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::ReconcileReportPrint)

public:
    static constexpr char kKind[] = "reconcile-report";

    // identities: patient id -> who (name, birth date, MRN) for the page headers.
    static QList<PrintSection> sections(const QJsonObject& report, const QHash<QString, PrintIdentity>& identities);
    // Reads the report of `downtimeId` (empty: every entry on this device) and lays it out.
    static Result<QList<PrintSection>> build(vault::Vault& vault, const QString& downtimeId,
                                             const QHash<QString, PrintIdentity>& identities, const Clock& clock);
    static QString title(const QString& downtimeId);
};

} // namespace lantern::ui
