#include "ui/print/ReconcileReportPrint.h"

#include "ui/common/Format.h"
#include "ui/reconcile/OutboxModel.h"
#include "ui/record/SafetyWarningPanel.h"
#include "core/record/ReconcileReport.h"

#include <QJsonArray>

namespace lantern::ui {
namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString when(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? Format::dateTime(t) : QStringLiteral("—");
}

QString kindText(const QString& name)
{
    const auto k = record::entryKindFromName(name);
    return k ? OutboxModel::kindText(*k) : name;
}

QString stateText(const QString& name)
{
    const auto s = record::entryStateFromName(name);
    return s ? OutboxModel::stateText(*s) : name;
}

QString reasonText(const QString& name)
{
    const auto r = record::conflictReasonFromName(name);
    return r ? OutboxModel::reasonText(*r) : name;
}

QString resolution(const QJsonValue& v)
{
    if (!v.isObject())
        return v.toString() == QLatin1String("open") ? ReconcileReportPrint::tr("open — waits for a physician")
                                                     : QString();
    const QJsonObject r = v.toObject();
    const auto d = record::decisionFromName(r.value(QLatin1String("decision")).toString());
    QString out = ReconcileReportPrint::tr("%1 by %2 on %3")
                      .arg(d ? OutboxModel::decisionText(*d) : r.value(QLatin1String("decision")).toString(),
                           esc(r.value(QLatin1String("decidedBy")).toString()), when(r.value(QLatin1String("decidedAt"))));
    if (r.contains(QLatin1String("note")))
        out += QStringLiteral("<br><i>") + esc(r.value(QLatin1String("note")).toString()) + QStringLiteral("</i>");
    return out;
}

const char* kStyle = "<style>table { border-collapse: collapse; width: 100%; } "
                     "th { background: #E3E8EE; text-align: left; } th, td { border: 1px solid #9AA5B1; padding: 3px; } "
                     "h2 { font-size: 12pt; margin-top: 10px; } .conflict { background: #FFEBEE; }</style>";

} // namespace

QString ReconcileReportPrint::title(const QString& downtimeId)
{
    return downtimeId.isEmpty() ? tr("Reconciliation report · all entries of this device")
                                : tr("Reconciliation report · downtime %1").arg(downtimeId);
}

QList<PrintSection> ReconcileReportPrint::sections(const QJsonObject& report, const QHash<QString, PrintIdentity>& identities)
{
    const QString downtime = report.value(QLatin1String("downtimeId")).toString();
    const QString heading = title(downtime);
    const auto nameOf = [&identities](const QString& id) {
        const PrintIdentity who = identities.value(id);
        return who.name.isEmpty() ? id : who.name + QStringLiteral(" (") + (who.mrn.isEmpty() ? id : who.mrn) + QLatin1Char(')');
    };

    // Summary.
    QString h = QLatin1String(kStyle);
    const QJsonObject window = report.value(QLatin1String("window")).toObject();
    h += QStringLiteral("<p>") + tr("Device %1 · report generated %2").arg(esc(report.value(QLatin1String("deviceId")).toString()),
                                                                          when(report.value(QLatin1String("generatedAt"))));
    h += QStringLiteral("<br>") + tr("Recorded from %1 to %2 · clinical times from %3 to %4")
                                      .arg(when(window.value(QLatin1String("firstRecordedAt"))),
                                           when(window.value(QLatin1String("lastRecordedAt"))),
                                           when(window.value(QLatin1String("firstClinicalTime"))),
                                           when(window.value(QLatin1String("lastClinicalTime"))))
         + QStringLiteral("</p>");

    const QStringList states{QStringLiteral("pending"), QStringLiteral("uploaded"), QStringLiteral("conflict"),
                             QStringLiteral("duplicate"), QStringLiteral("superseded"), QStringLiteral("entered-in-error")};
    const QJsonObject counts = report.value(QLatin1String("counts")).toObject();
    h += QStringLiteral("<h2>") + tr("Entries by state") + QStringLiteral("</h2><table><tr><th>") + tr("Entry")
         + QStringLiteral("</th>");
    for (const QString& s : states)
        h += QStringLiteral("<th>") + esc(stateText(s)) + QStringLiteral("</th>");
    h += QStringLiteral("<th>") + tr("Total") + QStringLiteral("</th></tr>");
    const QJsonObject byKind = report.value(QLatin1String("byKind")).toObject();
    for (auto it = byKind.begin(); it != byKind.end(); ++it) {
        const QJsonObject k = it.value().toObject();
        int total = 0;
        h += QStringLiteral("<tr><td>") + esc(kindText(it.key())) + QStringLiteral("</td>");
        for (const QString& s : states) {
            const int n = k.value(s).toInt();
            total += n;
            h += QStringLiteral("<td>") + QString::number(n) + QStringLiteral("</td>");
        }
        h += QStringLiteral("<td>") + QString::number(total) + QStringLiteral("</td></tr>");
    }
    h += QStringLiteral("<tr><td><b>") + tr("All") + QStringLiteral("</b></td>");
    for (const QString& s : states)
        h += QStringLiteral("<td><b>") + QString::number(counts.value(s).toInt()) + QStringLiteral("</b></td>");
    h += QStringLiteral("<td><b>") + QString::number(counts.value(QLatin1String("total")).toInt())
         + QStringLiteral("</b></td></tr></table>");

    const QJsonArray conflicts = report.value(QLatin1String("conflicts")).toArray();
    h += QStringLiteral("<h2>") + tr("Conflicts and how they were resolved (%1)").arg(conflicts.size()) + QStringLiteral("</h2>");
    if (conflicts.isEmpty()) {
        h += QStringLiteral("<p>") + tr("No conflicts.") + QStringLiteral("</p>");
    } else {
        h += QStringLiteral("<table><tr><th>") + tr("Patient") + QStringLiteral("</th><th>") + tr("Entry")
             + QStringLiteral("</th><th>") + tr("Clinical time") + QStringLiteral("</th><th>") + tr("Reason")
             + QStringLiteral("</th><th>") + tr("State") + QStringLiteral("</th><th>") + tr("Resolution")
             + QStringLiteral("</th></tr>");
        for (const QJsonValue& v : conflicts) {
            const QJsonObject c = v.toObject();
            QString reason = esc(reasonText(c.value(QLatin1String("reason")).toString()));
            if (!c.value(QLatin1String("detail")).toString().isEmpty())
                reason += QStringLiteral(": ") + esc(c.value(QLatin1String("detail")).toString());
            h += QStringLiteral("<tr><td>") + esc(nameOf(c.value(QLatin1String("patientId")).toString()))
                 + QStringLiteral("</td><td>") + esc(kindText(c.value(QLatin1String("kind")).toString()))
                 + QStringLiteral("</td><td>") + when(c.value(QLatin1String("clinicalTime"))) + QStringLiteral("</td><td>")
                 + reason + QStringLiteral("</td><td>") + esc(stateText(c.value(QLatin1String("state")).toString()))
                 + QStringLiteral("</td><td>") + resolution(c.value(QLatin1String("resolution"))) + QStringLiteral("</td></tr>");
        }
        h += QStringLiteral("</table>");
    }

    const QJsonArray patients = report.value(QLatin1String("patients")).toArray();
    h += QStringLiteral("<h2>") + tr("Patients (%1)").arg(patients.size()) + QStringLiteral("</h2><table><tr><th>")
         + tr("Patient") + QStringLiteral("</th><th>") + tr("Entries") + QStringLiteral("</th><th>") + tr("Still open")
         + QStringLiteral("</th><th>") + tr("Downtime note in EHR") + QStringLiteral("</th></tr>");
    for (const QJsonValue& v : patients) {
        const QJsonObject p = v.toObject();
        h += QStringLiteral("<tr><td>") + esc(nameOf(p.value(QLatin1String("patientId")).toString()))
             + QStringLiteral("</td><td>") + QString::number(p.value(QLatin1String("entries")).toInt())
             + QStringLiteral("</td><td>") + QString::number(p.value(QLatin1String("open")).toInt())
             + QStringLiteral("</td><td>")
             + (p.value(QLatin1String("downtimeNotePosted")).toBool() ? tr("posted") : tr("not yet"))
             + QStringLiteral("</td></tr>");
    }
    h += QStringLiteral("</table>");

    QList<PrintSection> out;
    out.append(PrintSection{heading, {}, h});
    // Shorter beside the patient's name in the page header.
    const QString patientHeading = downtime.isEmpty() ? tr("Reconciliation · all entries") : tr("Reconciliation · downtime %1").arg(downtime);

    // One section per patient: the header names the patient on each page, and printing is audited per patient.
    QHash<QString, QString> rows;
    QStringList order;
    const QJsonArray entries = report.value(QLatin1String("entries")).toArray();
    for (const QJsonValue& v : entries) {
        const QJsonObject e = v.toObject();
        const QString pid = e.value(QLatin1String("patientId")).toString();
        if (!rows.contains(pid))
            order << pid;
        const bool conflict = e.contains(QLatin1String("conflict"));
        QString problem;
        if (conflict) {
            const QJsonObject c = e.value(QLatin1String("conflict")).toObject();
            problem = esc(reasonText(c.value(QLatin1String("reason")).toString()));
            if (!c.value(QLatin1String("detail")).toString().isEmpty())
                problem += QStringLiteral(": ") + esc(c.value(QLatin1String("detail")).toString());
        } else if (e.contains(QLatin1String("lastError"))) {
            problem = esc(e.value(QLatin1String("lastError")).toString());
        }
        QStringList warnings;
        const QJsonArray ws = e.value(QLatin1String("warnings")).toArray();
        for (const QJsonValue& w : ws)
            warnings << SafetyWarningPanel::kindTitle(w.toObject().value(QLatin1String("kind")).toString());
        QString who = esc(e.value(QLatin1String("author")).toString());
        if (e.contains(QLatin1String("witness")))
            who += QStringLiteral("<br>") + tr("witness %1").arg(esc(e.value(QLatin1String("witness")).toString()));
        rows[pid] += QStringLiteral("<tr%1><td>").arg(conflict ? QStringLiteral(" class='conflict'") : QString())
                     + esc(kindText(e.value(QLatin1String("kind")).toString()))
                     + (warnings.isEmpty() ? QString()
                                           : QStringLiteral("<br>") + tr("warnings confirmed: %1").arg(warnings.join(QStringLiteral(", "))))
                     + QStringLiteral("</td><td>") + when(e.value(QLatin1String("clinicalTime")))
                     + QStringLiteral("</td><td>") + when(e.value(QLatin1String("recordedAt"))) + QStringLiteral("</td><td>")
                     + who + QStringLiteral("</td><td>") + esc(stateText(e.value(QLatin1String("state")).toString()))
                     + QStringLiteral("</td><td>") + problem + QStringLiteral("</td><td>")
                     + resolution(e.value(QLatin1String("resolution"))) + QStringLiteral("</td></tr>");
    }
    for (const QString& pid : std::as_const(order)) {
        PrintIdentity who = identities.value(pid);
        if (who.name.isEmpty())
            who.name = pid;
        who.patientId = pid;
        QString body = QLatin1String(kStyle);
        body += QStringLiteral("<h2>") + tr("Entries of this patient") + QStringLiteral("</h2><table><tr><th>") + tr("Entry")
                + QStringLiteral("</th><th>") + tr("Clinical time") + QStringLiteral("</th><th>") + tr("Recorded")
                + QStringLiteral("</th><th>") + tr("By") + QStringLiteral("</th><th>") + tr("State")
                + QStringLiteral("</th><th>") + tr("Conflict / problem") + QStringLiteral("</th><th>") + tr("Resolution")
                + QStringLiteral("</th></tr>") + rows.value(pid) + QStringLiteral("</table>");
        out.append(PrintSection{patientHeading, who, body});
    }
    return out;
}

Result<QList<PrintSection>> ReconcileReportPrint::build(vault::Vault& vault, const QString& downtimeId,
                                                        const QHash<QString, PrintIdentity>& identities, const Clock& clock)
{
    auto report = record::ReconcileReport::build(vault, downtimeId, clock);
    if (!report.ok())
        return report.error();
    return sections(*report, identities);
}

} // namespace lantern::ui
