#include "core/drill/DrillReport.h"

#include "core/audit/AuditEvent.h"
#include "core/drill/Drill.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>

namespace lantern::drill {

namespace {

constexpr int kAuditPage = 500;

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject countsJson(const QMap<QString, int>& counts)
{
    QJsonObject o;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("unknown");
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

int DrillFigures::entries() const
{
    int n = 0;
    for (int c : entriesByKind)
        n += c;
    return n;
}

int DrillFigures::printouts() const
{
    int n = 0;
    for (int c : printoutsByKind)
        n += c;
    return n;
}

int DryRun::wouldFile() const
{
    int n = 0;
    for (const DryRunItem& i : items)
        n += i.outcome == QLatin1String("would-file") ? 1 : 0;
    return n;
}

int DryRun::conflicts() const
{
    int n = 0;
    for (const DryRunItem& i : items)
        n += i.outcome == QLatin1String("conflict") ? 1 : 0;
    return n;
}

Result<DrillFigures> readFigures(vault::Vault& vault)
{
    vault::DrillRepository drills(vault.db());
    auto current = drills.current();
    if (!current.ok())
        return current.error();
    if (!current->has_value())
        return Error(ErrorCode::NotFound, QStringLiteral("no drill is running on this device"));
    DrillFigures f;
    f.drill = **current;
    if (f.drill.dataAsOf.isValid())
        f.dataAgeSecondsAtDeclaration = std::max<qint64>(0, f.drill.dataAsOf.secsTo(f.drill.startedAt));
    auto kinds = drills.entriesByKind();
    if (!kinds.ok())
        return kinds.error();
    f.entriesByKind = *kinds;

    // Chart openings and printouts since the declaration, from the audit trail.
    const QString viewed = audit::actionName(audit::AuditAction::ViewPatient);
    const QString printed = audit::actionName(audit::AuditAction::Print);
    const QString success = audit::outcomeName(audit::AuditOutcome::Success);
    vault::AuditRepository trail(vault);
    QHash<QString, bool> seen;
    for (qint64 from = f.drill.auditSeq + 1;;) {
        auto page = trail.readEntries(from, kAuditPage);
        if (!page.ok())
            return page.error();
        for (const vault::AuditEntryRecord& e : std::as_const(*page)) {
            if (e.outcome != success)
                continue;
            if (e.action == viewed && !e.patientId.isEmpty() && !seen.contains(e.actor)) {
                seen.insert(e.actor, true);
                const QDateTime at = QDateTime::fromString(e.time, Qt::ISODateWithMs).toUTC();
                f.firstChartPerUser.append({e.actor, at, f.drill.startedAt.secsTo(at)});
            } else if (e.action == printed) {
                const QString kind = e.detail.section(QLatin1Char(' '), 0, 0);
                f.printoutsByKind[kind.isEmpty() ? QStringLiteral("other") : kind] += 1;
            }
        }
        if (page->size() < kAuditPage)
            break;
        from = page->constLast().seq + 1;
    }
    return f;
}

QStringList problemsOf(const DrillFigures& f, const DryRun& dryRun)
{
    QStringList problems;
    if (f.dataAgeSecondsAtDeclaration < 0)
        problems << QStringLiteral("no ward data had been mirrored when the drill was declared");
    else if (f.dataAgeSecondsAtDeclaration > kStaleDataSeconds)
        problems << QStringLiteral("data was stale at the declaration: %1 old (more than %2)")
                        .arg(duration(f.dataAgeSecondsAtDeclaration), duration(kStaleDataSeconds));
    if (f.firstChartPerUser.isEmpty())
        problems << QStringLiteral("nobody opened a chart during the drill");
    if (!dryRun.ran)
        problems << QStringLiteral("reconciliation dry run incomplete: %1")
                        .arg(dryRun.error.isEmpty() ? QStringLiteral("not run") : dryRun.error);
    if (dryRun.conflicts() > 0)
        problems << QStringLiteral("%1 drill entries would wait for a person's decision after a real downtime (conflicts)")
                        .arg(dryRun.conflicts());
    return problems;
}

QJsonObject toJson(const DrillReport& r)
{
    const DrillFigures& f = r.figures;
    QJsonArray firsts;
    for (const FirstChart& c : f.firstChartPerUser)
        firsts.append(QJsonObject{{QStringLiteral("user"), c.user},
                                  {QStringLiteral("at"), iso(c.at)},
                                  {QStringLiteral("secondsAfterDeclaration"), c.secondsAfterDeclaration}});
    QJsonArray items;
    for (const DryRunItem& i : r.dryRun.items) {
        QJsonObject o{{QStringLiteral("entry"), i.uuid}, {QStringLiteral("kind"), i.kind}, {QStringLiteral("outcome"), i.outcome}};
        if (!i.reason.isEmpty())
            o.insert(QStringLiteral("reason"), i.reason);
        items.append(o);
    }
    QJsonObject dry{{QStringLiteral("ran"), r.dryRun.ran},
                    {QStringLiteral("wouldFile"), r.dryRun.wouldFile()},
                    {QStringLiteral("conflicts"), r.dryRun.conflicts()},
                    {QStringLiteral("entries"), items}};
    if (!r.dryRun.error.isEmpty())
        dry.insert(QStringLiteral("error"), r.dryRun.error);
    return QJsonObject{
        {QStringLiteral("mark"), drillMark()},
        {QStringLiteral("drill"), f.drill.id},
        {QStringLiteral("declaredAt"), iso(f.drill.startedAt)},
        {QStringLiteral("declaredBy"), f.drill.startedBy},
        {QStringLiteral("endedAt"), iso(r.endedAt)},
        {QStringLiteral("endedBy"), r.endedBy},
        {QStringLiteral("dataAsOfAtDeclaration"), iso(f.drill.dataAsOf)},
        {QStringLiteral("dataAgeSecondsAtDeclaration"), f.dataAgeSecondsAtDeclaration},
        {QStringLiteral("firstChartPerUser"), firsts},
        {QStringLiteral("entriesByKind"), countsJson(f.entriesByKind)},
        {QStringLiteral("entries"), f.entries()},
        {QStringLiteral("printoutsByKind"), countsJson(f.printoutsByKind)},
        {QStringLiteral("printouts"), f.printouts()},
        {QStringLiteral("dryRun"), dry},
        {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)},
    };
}

QStringList toLines(const DrillReport& r)
{
    const DrillFigures& f = r.figures;
    QStringList l;
    l << drillMark();
    l << QStringLiteral("Downtime drill report %1").arg(f.drill.id);
    l << QStringLiteral("Declared %1 by %2; ended %3 by %4")
             .arg(iso(f.drill.startedAt), f.drill.startedBy, r.endedAt.isValid() ? iso(r.endedAt) : QStringLiteral("-"),
                  r.endedBy.isEmpty() ? QStringLiteral("-") : r.endedBy);
    l << QStringLiteral("Data as of at the declaration: %1 (%2 old)")
             .arg(f.drill.dataAsOf.isValid() ? iso(f.drill.dataAsOf) : QStringLiteral("nothing mirrored"),
                  duration(f.dataAgeSecondsAtDeclaration));
    l << QString();
    l << QStringLiteral("Time from the declaration to the first chart opened, per user:");
    if (f.firstChartPerUser.isEmpty())
        l << QStringLiteral("  (no chart was opened)");
    for (const FirstChart& c : f.firstChartPerUser)
        l << QStringLiteral("  %1: %2").arg(c.user, duration(c.secondsAfterDeclaration));
    l << QStringLiteral("Entries captured: %1").arg(f.entries());
    for (auto it = f.entriesByKind.constBegin(); it != f.entriesByKind.constEnd(); ++it)
        l << QStringLiteral("  %1: %2").arg(it.key()).arg(it.value());
    l << QStringLiteral("Printouts made (one per patient on paper): %1").arg(f.printouts());
    for (auto it = f.printoutsByKind.constBegin(); it != f.printoutsByKind.constEnd(); ++it)
        l << QStringLiteral("  %1: %2").arg(it.key()).arg(it.value());
    l << QString();
    l << QStringLiteral("Reconciliation dry run against the EHR (read only): %1")
             .arg(r.dryRun.ran ? QStringLiteral("complete") : QStringLiteral("incomplete"));
    l << QStringLiteral("  would be filed: %1, would conflict: %2").arg(r.dryRun.wouldFile()).arg(r.dryRun.conflicts());
    for (const DryRunItem& i : r.dryRun.items)
        l << QStringLiteral("  %1 %2: %3%4")
                 .arg(i.kind, i.uuid.left(8), i.outcome, i.reason.isEmpty() ? QString() : QStringLiteral(" (") + i.reason + QLatin1Char(')'));
    if (!r.dryRun.error.isEmpty())
        l << QStringLiteral("  %1").arg(r.dryRun.error);
    l << QString();
    l << QStringLiteral("Problems found: %1").arg(r.problems.isEmpty() ? QStringLiteral("none") : QString::number(r.problems.size()));
    for (const QString& p : r.problems)
        l << QStringLiteral("  - %1").arg(p);
    return l;
}

} // namespace lantern::drill
