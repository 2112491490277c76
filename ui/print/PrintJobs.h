#pragma once
// Assembles the sections of each printout from the vault: one patient's MAR,
// the MAR of every patient on the ward in one document, the census, the
// emergency sheet.

#include "core/common/Clock.h"
#include "ui/print/PagedReport.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"

namespace lantern::ui {

class PrintJobs
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::PrintJobs)

public:
    PrintJobs(records::PatientRecords& records, const Clock& clock) : m_records(records), m_clock(clock) {}

    Result<PrintSection> mar(const records::CensusRow& row);
    Result<QList<PrintSection>> wardMar(const QList<records::CensusRow>& rows);
    PrintSection census(const QList<records::CensusRow>& rows);
    Result<PrintSection> emergencySheet(const records::CensusRow& row);

    static PrintIdentity identityOf(const model::PatientChart& chart);

private:
    records::PatientRecords& m_records;
    const Clock& m_clock;
};

} // namespace lantern::ui
