// lanternctl patient list | show ID [--break-glass REASON]
// Every read goes through access::PatientAccess: role, ward scope, break-glass
// and the audit entry written before any patient datum is printed.
#include "CliContext.h"
#include "JsonOutput.h"

#include "core/access/PatientAccess.h"
#include "core/records/PatientMarks.h"

#include <QJsonArray>

namespace lantern::cli {
namespace {

QString allergyLine(const model::Allergy& a)
{
    QString line = a.substance.displayText();
    if (!a.criticality.isEmpty())
        line += QStringLiteral("  criticality: ") + a.criticality;
    if (!a.verificationStatus.isEmpty())
        line += QStringLiteral("  (") + a.verificationStatus + QLatin1Char(')');
    QStringList reactions;
    for (const model::AllergyReaction& r : a.reactions)
        reactions << r.manifestationText();
    reactions.removeAll(QString());
    if (!reactions.isEmpty())
        line += QStringLiteral("  reaction: ") + reactions.join(QStringLiteral("; "));
    return line;
}

// Prescriber's text when there is one, else what the structured fields say.
QString dosageSummary(const model::Dosage& d)
{
    if (!d.text.isEmpty())
        return d.text;
    QStringList parts;
    if (d.dose.value)
        parts << QString::number(*d.dose.value) + QLatin1Char(' ') + d.dose.unitText();
    if (!d.route.displayText().isEmpty())
        parts << d.route.displayText();
    if (!d.timing.text.isEmpty())
        parts << d.timing.text;
    else if (d.timing.frequency && d.timing.period)
        parts << QStringLiteral("%1x per %2 %3").arg(*d.timing.frequency).arg(*d.timing.period).arg(d.timing.periodUnit);
    return parts.join(QLatin1Char(' '));
}

// The name as the nurse must read it: a Medication the vault does not hold is
// said to be missing (its codes are missing too), never printed as nothing.
QString medicationName(const model::MedicationInfo& m)
{
    if (!m.resolved && !m.reference.reference.isEmpty()) {
        const QString missing = QStringLiteral("reference not found: ") + m.reference.reference;
        return m.text.isEmpty() ? QStringLiteral("unknown medication (%1)").arg(missing)
                                : QStringLiteral("%1 (%2)").arg(m.text, missing);
    }
    return m.text.isEmpty() ? QStringLiteral("(unnamed medication)") : m.text;
}

QString orderLine(const model::MedicationOrder& o)
{
    QString line = medicationName(o.medication);
    QStringList dosing;
    for (const model::Dosage& d : o.dosages)
        dosing << dosageSummary(d);
    dosing.removeAll(QString());
    if (!dosing.isEmpty())
        line += QStringLiteral("  ") + dosing.join(QStringLiteral("; "));
    if (o.isPrn())
        line += QStringLiteral("  PRN");
    return line;
}

QString allergyStatusName(model::AllergyStatus status)
{
    switch (status) {
    case model::AllergyStatus::HasAllergies:
        return QStringLiteral("has-allergies");
    case model::AllergyStatus::NoKnownAllergies:
        return QStringLiteral("no-known-allergies");
    case model::AllergyStatus::NoInformation:
        return QStringLiteral("no-information");
    case model::AllergyStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QJsonObject orderJson(const model::MedicationOrder& o)
{
    QJsonArray dosing;
    for (const model::Dosage& d : o.dosages)
        if (const QString text = dosageSummary(d); !text.isEmpty())
            dosing.append(text);
    // "medication" is the name as the text output says it, missing references included.
    return {{QStringLiteral("medication"), medicationName(o.medication)},
            {QStringLiteral("medicationResolved"), o.medication.resolved || o.medication.reference.reference.isEmpty()},
            {QStringLiteral("dosage"), dosing},
            {QStringLiteral("prn"), o.isPrn()}};
}

// The chart as JSON: exactly what show() prints as text, field by field.
QJsonObject chartJson(const QString& id, const model::PatientChart& chart, bool glassBroken)
{
    QJsonObject doc{{QStringLiteral("id"), id}, {QStringLiteral("breakGlass"), glassBroken}};
    if (chart.patient) {
        const model::Patient& p = *chart.patient;
        const records::PatientMark mark = records::markOf(p);
        doc.insert(QStringLiteral("patient"), QJsonObject{{QStringLiteral("name"), p.displayName()},
                                                          {QStringLiteral("birthDate"), p.birthDate.text},
                                                          {QStringLiteral("sex"), p.sex},
                                                          {QStringLiteral("mrn"), p.mrn()},
                                                          {QStringLiteral("kvnr"), p.kvnr()},
                                                          {QStringLiteral("mark"), mark.isMarked() ? mark.text() : QString()}});
    } else {
        doc.insert(QStringLiteral("patient"), QJsonValue::Null);
    }
    doc.insert(QStringLiteral("allergyStatus"), allergyStatusName(chart.allergyStatus));
    QJsonArray allergies;
    for (const model::Allergy& a : chart.recordedAllergies()) {
        QJsonArray reactions;
        for (const model::AllergyReaction& r : a.reactions)
            if (!r.manifestationText().isEmpty())
                reactions.append(r.manifestationText());
        allergies.append(QJsonObject{{QStringLiteral("substance"), a.substance.displayText()},
                                     {QStringLiteral("criticality"), a.criticality},
                                     {QStringLiteral("verificationStatus"), a.verificationStatus},
                                     {QStringLiteral("reactions"), reactions}});
    }
    doc.insert(QStringLiteral("allergies"), allergies);
    QJsonArray orders;
    QJsonArray home;
    for (const model::MedicationOrder& o : chart.activeOrders())
        (o.source == model::MedicationOrder::Source::Statement ? home : orders).append(orderJson(o));
    doc.insert(QStringLiteral("orders"), orders);
    doc.insert(QStringLiteral("homeMedications"), home);
    QJsonArray unreadable;
    for (const model::UnreadableResource& u : chart.unreadable)
        unreadable.append(QJsonObject{{QStringLiteral("type"), u.type}, {QStringLiteral("reason"), u.reason}});
    doc.insert(QStringLiteral("unreadable"), unreadable);
    doc.insert(QStringLiteral("skipped"), static_cast<qint64>(chart.skipped.size()));
    return doc;
}

// A refusal says how to go on; the decision itself is PatientAccess's.
int refused(CliContext& ctx, const access::PatientAccess& gate, const Error& error)
{
    if (gate.lastRefusal() == access::Refusal::NeedsBreakGlass)
        return ctx.fail(error.message + QStringLiteral(". To open it anyway, run again with --break-glass REASON, e.g. "
                                                       "--break-glass \"covering: night shift\""),
                        AuthFailed);
    return ctx.fail(error);
}

int show(CliContext& ctx, access::Session& session, const QString& id, const std::optional<access::BreakGlassReason>& reason,
         bool json)
{
    access::PatientAccess gate(session);
    auto chart = gate.chart(id, reason);
    if (!chart.ok())
        return refused(ctx, gate, chart.error());
    if (reason && gate.glassBroken(id))
        ctx.err << "lanternctl: break-glass recorded in the audit log (" << reason->auditDetail() << ")" << Qt::endl;
    if (json) {
        printJson(ctx, chartJson(id, *chart, reason && gate.glassBroken(id)));
        return Ok;
    }

    if (chart->patient) {
        const model::Patient& p = *chart->patient;
        ctx.out << p.displayName() << "  born " << p.birthDate.text << "  " << p.sex;
        if (!p.mrn().isEmpty())
            ctx.out << "  MRN " << p.mrn();
        if (!p.kvnr().isEmpty())
            ctx.out << "  KVNR " << p.kvnr();
        if (const records::PatientMark mark = records::markOf(p); mark.isMarked())
            ctx.out << "  " << mark.text();
        ctx.out << Qt::endl;
    }
    ctx.out << Qt::endl << "Allergies: ";
    switch (chart->allergyStatus) {
    case model::AllergyStatus::HasAllergies:
        ctx.out << chart->recordedAllergies().size() << Qt::endl;
        for (const model::Allergy& a : chart->recordedAllergies())
            ctx.out << "  - " << allergyLine(a) << Qt::endl;
        break;
    case model::AllergyStatus::NoKnownAllergies:
        ctx.out << "NO KNOWN ALLERGIES (recorded statement)" << Qt::endl;
        break;
    case model::AllergyStatus::NoInformation:
        ctx.out << "NO INFORMATION - allergies unknown, ask the patient" << Qt::endl;
        break;
    case model::AllergyStatus::Unknown:
        ctx.out << "? UNKNOWN - an allergy record could not be read, check the paper record" << Qt::endl;
        break;
    }
    // Orders of this stay and what the patient takes from home, never mixed.
    const QList<model::MedicationOrder> active = chart->activeOrders();
    QList<model::MedicationOrder> orders;
    QList<model::MedicationOrder> home;
    for (const model::MedicationOrder& o : active)
        (o.source == model::MedicationOrder::Source::Statement ? home : orders).append(o);
    ctx.out << Qt::endl << "Active medications: " << active.size() << Qt::endl;
    ctx.out << "  Orders (MedicationRequest): " << orders.size() << Qt::endl;
    for (const model::MedicationOrder& o : std::as_const(orders))
        ctx.out << "  - " << orderLine(o) << Qt::endl;
    ctx.out << "  Home medication (MedicationStatement): " << home.size() << Qt::endl;
    for (const model::MedicationOrder& o : std::as_const(home))
        ctx.out << "  - " << orderLine(o) << Qt::endl;
    if (!chart->skipped.isEmpty())
        ctx.out << Qt::endl << chart->skipped.size() << " stored resources could not be shown (see lanternctl verify)" << Qt::endl;
    for (const model::UnreadableResource& u : chart->unreadable)
        ctx.out << "  could not be read: " << (u.type.isEmpty() ? QStringLiteral("resource of unknown type") : u.type) << ", "
                << u.reason << Qt::endl;
    return Ok;
}

int list(CliContext& ctx, access::Session& session, bool json)
{
    access::PatientAccess gate(session);
    auto patients = gate.patientList(); // the user's wards only
    if (!patients.ok())
        return refused(ctx, gate, patients.error());
    auto marks = records::patientMarks(session.vault()); // merged away / inactive: core decides
    if (!marks.ok())
        return ctx.fail(marks.error());
    if (json) {
        QJsonArray rows;
        for (const vault::PatientIndexRow& p : std::as_const(*patients))
            rows.append(QJsonObject{{QStringLiteral("id"), p.id},
                                    {QStringLiteral("family"), p.family},
                                    {QStringLiteral("given"), p.given},
                                    {QStringLiteral("birthDate"), p.birthDate},
                                    {QStringLiteral("sex"), p.sex},
                                    {QStringLiteral("mrn"), p.mrn},
                                    {QStringLiteral("mark"), marks->contains(p.id) ? marks->value(p.id).text() : QString()}});
        printJson(ctx, {{QStringLiteral("patients"), rows}, {QStringLiteral("count"), static_cast<qint64>(rows.size())}});
        return Ok;
    }
    for (const vault::PatientIndexRow& p : *patients)
        ctx.out << qSetFieldWidth(38) << Qt::left << p.id << qSetFieldWidth(0) << (p.family + QStringLiteral(", ") + p.given)
                << "  " << p.birthDate << "  " << p.sex << (p.mrn.isEmpty() ? QString() : QStringLiteral("  MRN ") + p.mrn)
                << (marks->contains(p.id) ? QStringLiteral("  ") + marks->value(p.id).text() : QString()) << Qt::endl;
    ctx.out << patients->size() << " patients" << Qt::endl;
    return Ok;
}

} // namespace

int runPatient(CliContext& ctx, const QStringList& args)
{
    const QString sub = args.value(0);
    QStringList rest = args.mid(1);
    const bool json = takeJsonFlag(rest);
    std::optional<access::BreakGlassReason> reason;
    const qsizetype glassAt = rest.indexOf(QStringLiteral("--break-glass"));
    if (sub == QStringLiteral("show") && glassAt >= 0 && glassAt + 1 < rest.size()) {
        auto parsed = access::BreakGlassReason::parse(rest.at(glassAt + 1));
        if (!parsed.ok())
            return ctx.fail(parsed.error().message, Usage);
        reason = *parsed;
        rest.remove(glassAt, 2);
    }
    if (!(sub == QStringLiteral("list") && rest.isEmpty()) && !(sub == QStringLiteral("show") && rest.size() == 1))
        return ctx.fail(QStringLiteral("usage: lanternctl patient list [--json] | patient show ID [--break-glass REASON] [--json]"), Usage);
    access::VaultAccess vaultAccess;
    auto session = ctx.unlock(vaultAccess);
    if (!session)
        return ctx.unlockFailure();
    return sub == QStringLiteral("list") ? list(ctx, *session, json) : show(ctx, *session, rest.at(0), reason, json);
}

} // namespace lantern::cli
