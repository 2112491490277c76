#pragma once
// Two things every screen and printout of a chart must say plainly, in the same
// words everywhere: which resources of the patient Lantern could not read
// ("could not be read: <type>, <why>"), and that the downtime entries shown are
// only those of this PC (until the PCs of a ward share their entries, a dose
// recorded on another PC is invisible here).

#include "core/model/PatientChart.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace lantern::ui {

class ChartNotices
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::ChartNotices)

public:
    // One line per unreadable resource: "could not be read: AllergyIntolerance, <why>".
    static QStringList unreadableLines(const model::PatientChart& chart);
    // The same as an HTML block (a heading and a list), empty when everything was read.
    static QString unreadableHtml(const model::PatientChart& chart);
    // The census mark: "⚠ 2 unreadable".
    static QString unreadableMark(qint64 count);

    // "Entries from this PC only: ..." for the MAR on screen and paper and the census.
    static QString thisPcOnly();
    static QString thisPcOnlyHtml();
};

} // namespace lantern::ui
