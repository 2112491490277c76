#include "ui/print/PrintJobs.h"

#include "ui/chart/EmergencySheetHtml.h"
#include "ui/chart/PatientHeader.h"
#include "ui/common/Format.h"
#include "ui/print/ReportHtml.h"

namespace lantern::ui {

PrintIdentity PrintJobs::identityOf(const model::PatientChart& chart)
{
    PrintIdentity id;
    id.patientId = chart.patientId;
    id.name = PatientHeader::patientName(chart);
    if (chart.patient) {
        id.birthDate = Format::fhirDate(chart.patient->birthDate.text);
        id.mrn = chart.patient->mrn();
    }
    return id;
}

Result<PrintSection> PrintJobs::mar(const records::CensusRow& row)
{
    auto chart = m_records.chart(row.patientId);
    if (!chart.ok())
        return chart.error();
    return PrintSection{tr("Medication administration record (MAR)"), identityOf(*chart),
                        ReportHtml::mar(*chart, row.ward, row.bed, m_clock.now())};
}

Result<QList<PrintSection>> PrintJobs::wardMar(const QList<records::CensusRow>& rows)
{
    QList<PrintSection> out;
    for (const records::CensusRow& r : rows) {
        auto section = mar(r);
        if (!section.ok())
            return section.error();
        out.append(std::move(*section));
    }
    return out;
}

PrintSection PrintJobs::census(const QList<records::CensusRow>& rows)
{
    return PrintSection{tr("Ward census"), {}, ReportHtml::census(rows, m_clock.now())};
}

Result<PrintSection> PrintJobs::emergencySheet(const records::CensusRow& row)
{
    auto chart = m_records.chart(row.patientId);
    if (!chart.ok())
        return chart.error();
    QString html = EmergencySheetHtml::build(*chart);
    html.replace(QStringLiteral("<body style='font-size:10.5pt'>"),
                 QStringLiteral("<body style='font-size:10.5pt'><p><b>")
                     + tr("%1 · Bed %2").arg(row.ward.isEmpty() ? tr("ward ?") : row.ward, row.bed).toHtmlEscaped() + QStringLiteral("</b></p>"));
    return PrintSection{tr("Emergency sheet"), identityOf(*chart), html};
}

} // namespace lantern::ui
