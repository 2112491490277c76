#pragma once
// The bodies of the printouts as HTML (flowed by PagedReport): one patient's
// paper MAR (the last 24 h as given, boxes for the next 24 h) and the census.

#include "core/model/PatientChart.h"
#include "core/records/CensusQuery.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace lantern::ui {

class ReportHtml
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::ReportHtml)

public:
    static QString mar(const model::PatientChart& chart, const QString& ward, const QString& bed, const QDateTime& now);
    static QString census(const QList<records::CensusRow>& rows, const QDateTime& now);

private:
    static QString boxes(const model::MedicationOrder& order, int fromHour, int toHour);
    // The start (UTC) of the shift (06–14, 14–22, 22–06 local) that contains `now`, and of the next ones.
    static QList<QDateTime> shiftStarts(const QDateTime& now, int count);
};

} // namespace lantern::ui
