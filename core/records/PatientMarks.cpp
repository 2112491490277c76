#include "core/records/PatientMarks.h"

#include "core/fhir/CensusFacts.h"
#include "core/records/CensusFactsBackfill.h"
#include "core/vault/CensusRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

namespace lantern::records {
namespace {

QString survivorLabel(const QString& mrn, const QString& identifier, const QString& id)
{
    if (!mrn.isEmpty())
        return mrn;
    if (!identifier.isEmpty())
        return identifier;
    return id.isEmpty() ? QStringLiteral("?") : id;
}

} // namespace

QString PatientMark::text() const
{
    switch (kind) {
    case Kind::MergedAway:
        return QStringLiteral("MERGED into %1 - do not use").arg(mergedInto);
    case Kind::Inactive:
        return QStringLiteral("INACTIVE record");
    case Kind::None:
        break;
    }
    return {};
}

PatientMark markOf(const model::Patient& patient, const QString& survivorMrn)
{
    PatientMark mark;
    if (patient.isMergedAway()) {
        mark.kind = PatientMark::Kind::MergedAway;
        mark.mergedInto = survivorLabel(survivorMrn, patient.replacedBy->survivorIdentifier, patient.replacedBy->survivorId);
    } else if (patient.isInactive()) {
        mark.kind = PatientMark::Kind::Inactive;
    }
    return mark;
}

Result<QHash<QString, PatientMark>> patientMarks(vault::Vault& vault)
{
    if (auto derived = CensusFactsBackfill(vault).ensure(); !derived.ok())
        return derived.error();
    auto facts = vault::CensusRepository(vault.db()).facts(QStringLiteral("Patient"));
    if (!facts.ok())
        return facts.error();
    QHash<QString, PatientMark> marks;
    vault::ResourceRepository patients(vault.db());
    for (const vault::CensusFactRow& row : std::as_const(*facts)) {
        const std::optional<fhir::PatientFacts> f = fhir::decodePatientFacts(row.facts);
        if (!f)
            continue;
        PatientMark mark;
        if (f->mergedAway) {
            mark.kind = PatientMark::Kind::MergedAway;
            QString mrn;
            if (!f->survivorId.isEmpty()) {
                auto survivor = patients.patient(f->survivorId);
                if (!survivor.ok())
                    return survivor.error();
                if (survivor->has_value())
                    mrn = (*survivor)->mrn;
            }
            mark.mergedInto = survivorLabel(mrn, f->survivorIdentifier, f->survivorId);
        } else {
            mark.kind = PatientMark::Kind::Inactive;
        }
        marks.insert(row.patientId, mark);
    }
    return marks;
}

} // namespace lantern::records
