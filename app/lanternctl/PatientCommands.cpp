// lanternctl patient list | show ID
#include "CliContext.h"

#include "audit/AuditLog.h"
#include "records/PatientMarks.h"
#include "records/PatientRecords.h"

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

QString orderLine(const model::MedicationOrder& o)
{
    QString line = o.medication.text;
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

int show(CliContext& ctx, access::Session& session, const QString& id)
{
    records::PatientRecords records(session.vault());
    audit::AuditLog log(session.vault(), SystemClock::instance());
    auto chart = records.chart(id);
    (void)log.append({ctx.user, audit::AuditAction::ViewPatient, id,
                      chart.ok() ? audit::AuditOutcome::Success : audit::AuditOutcome::Failure, QStringLiteral("cli")});
    if (!chart.ok())
        return ctx.fail(chart.error());

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
    }
    const QList<model::MedicationOrder> active = chart->activeOrders();
    ctx.out << Qt::endl << "Active medications: " << active.size() << Qt::endl;
    for (const model::MedicationOrder& o : active)
        ctx.out << "  - " << orderLine(o) << Qt::endl;
    if (!chart->skipped.isEmpty())
        ctx.out << Qt::endl << chart->skipped.size() << " stored resources could not be shown (see lanternctl verify)" << Qt::endl;
    return Ok;
}

int list(CliContext& ctx, access::Session& session)
{
    records::PatientRecords records(session.vault());
    auto patients = records.patients();
    if (!patients.ok())
        return ctx.fail(patients.error());
    auto marks = records::patientMarks(session.vault()); // merged away / inactive: core decides
    if (!marks.ok())
        return ctx.fail(marks.error());
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
    if (sub != QStringLiteral("list") && !(sub == QStringLiteral("show") && args.size() == 2))
        return ctx.fail(QStringLiteral("usage: lanternctl patient list | patient show ID"), Usage);
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return AuthFailed;
    return sub == QStringLiteral("list") ? list(ctx, *session) : show(ctx, *session, args.at(1));
}

} // namespace lantern::cli
