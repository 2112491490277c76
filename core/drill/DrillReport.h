#pragma once
// What `drill end` reports: measured figures of the drill, the reconciliation
// dry run against the EHR, and the problems found. Figures come from the vault
// (the drill outbox) and the audit trail (chart openings and printouts since
// the declaration), so nothing needs counting while the drill runs. The report
// names users and coded kinds, never a patient.

#include "core/common/Result.h"
#include "core/vault/DrillRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::drill {

struct FirstChart
{
    QString user;
    QDateTime at;
    qint64 secondsAfterDeclaration = 0;
};

struct DrillFigures
{
    vault::DrillRecord drill;
    qint64 dataAgeSecondsAtDeclaration = -1; // -1: nothing mirrored at the declaration
    QList<FirstChart> firstChartPerUser;     // in the order the users first opened a chart
    QMap<QString, int> entriesByKind;        // "administration": 3
    QMap<QString, int> printoutsByKind;      // audit print entries (one per patient on paper) by kind ("mar")
    int entries() const;
    int printouts() const;
};

// Reads the figures of the running drill. NotFound when no drill runs.
Result<DrillFigures> readFigures(vault::Vault& vault);

// One drill entry as the reconciler would treat it now.
struct DryRunItem
{
    QString uuid;
    QString kind;    // entry kind name
    QString outcome; // "would-file" | "conflict" | "waits-for-admission"
    QString reason;  // conflict reason name, for "conflict"
};

struct DryRun
{
    bool ran = false;   // the EHR answered for every entry
    QString error;      // why the dry run could not run (completely)
    QList<DryRunItem> items;
    int wouldFile() const;
    int conflicts() const;
};

struct DrillReport
{
    DrillFigures figures;
    DryRun dryRun;
    QDateTime endedAt;
    QString endedBy;
    QStringList problems; // problemsOf(): one line each, no patient data
};

// The problems a drill revealed, decided here once: stale data at the
// declaration, nobody opened a chart, the dry run could not reach the EHR,
// entries that would conflict.
QStringList problemsOf(const DrillFigures& figures, const DryRun& dryRun);

QJsonObject toJson(const DrillReport& report);
// The report as lines of text (lanternctl, the PDF).
QStringList toLines(const DrillReport& report);

} // namespace lantern::drill
