#include "core/records/CensusQuery.h"

#include "core/fhir/CensusFacts.h"
#include "core/records/CensusFactsBackfill.h"
#include "core/records/LocalEntries.h"
#include "core/vault/CensusRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/QuarantineRepository.h"
#include "core/vault/Vault.h"

#include <QHash>

namespace lantern::records {
namespace {

using Locations = QHash<QString, fhir::LocationFacts>;

struct Stay
{
    QString ward;
    QString bed;
    QStringList locationIds;
};

QString labelOf(const fhir::LocationFacts& l)
{
    return l.label;
}

// Bed and ward of the current location, walking partOf up to the ward, and every
// location the stay touches with what it is part of (bounded: a cycle in foreign
// data must not hang the census).
Stay stayOf(const fhir::EncounterFacts& e, const Locations& locations)
{
    Stay stay;
    auto it = locations.constFind(e.currentLocationId);
    if (it == locations.constEnd()) {
        stay.bed = e.currentDisplay;
    } else {
        if (it->ward) {
            stay.ward = labelOf(*it);
            // A downtime admission's local Encounter: at the ward, in a bed named by the display.
            if (e.currentPhysicalType == QLatin1String("bd"))
                stay.bed = e.currentDisplay;
        } else {
            stay.bed = labelOf(*it);
        }
        for (int depth = 0; depth < 4 && stay.ward.isEmpty(); ++depth) {
            it = locations.constFind(it->partOfId);
            if (it == locations.constEnd())
                break;
            if (it->ward)
                stay.ward = labelOf(*it);
        }
    }
    for (QString id : e.locationIds) {
        for (int depth = 0; depth < 5 && !id.isEmpty() && !stay.locationIds.contains(id); ++depth) {
            stay.locationIds << id;
            const auto at = locations.constFind(id);
            id = at == locations.constEnd() ? QString() : at->partOfId;
        }
    }
    return stay;
}

struct AllergySummary
{
    bool recorded = false;
    bool unreadable = false; // an allergy record (or allergy-bearing document) could not be read
    bool noKnown = false;
    QStringList substances;
};

} // namespace

QString CensusRow::displayName() const
{
    if (given.isEmpty())
        return family;
    if (family.isEmpty())
        return given;
    return family + QStringLiteral(", ") + given;
}

Result<QList<CensusRow>> CensusQuery::rows()
{
    if (auto derived = CensusFactsBackfill(m_vault).ensure(); !derived.ok())
        return derived.error();
    vault::ResourceRepository resources(m_vault.db());
    vault::CensusRepository census(m_vault.db());

    auto patients = resources.patients();
    if (!patients.ok())
        return patients.error();
    auto medCounts = census.countByPatient({QStringLiteral("MedicationRequest"), QStringLiteral("MedicationStatement")},
                                           fhir::activeMedicationFact());
    if (!medCounts.ok())
        return medCounts.error();

    Locations locations;
    auto locationFacts = census.facts(QStringLiteral("Location"));
    if (!locationFacts.ok())
        return locationFacts.error();
    for (const vault::CensusFactRow& r : std::as_const(*locationFacts)) {
        if (auto l = fhir::decodeLocationFacts(r.facts))
            locations.insert(l->id, *l);
    }

    QHash<QString, Stay> stays;
    auto encounters = census.facts(QStringLiteral("Encounter"));
    if (!encounters.ok())
        return encounters.error();
    for (const vault::CensusFactRow& r : std::as_const(*encounters)) {
        if (auto e = fhir::decodeEncounterFacts(r.facts)) {
            Stay stay = stayOf(*e, locations);
            // Two stays in progress at once (foreign data): the last read names the bed, both count for scope.
            stay.locationIds += stays.value(r.patientId).locationIds;
            stays.insert(r.patientId, stay);
        }
    }

    QHash<QString, AllergySummary> allergies;
    QSet<QString> knownInVault; // identifiers and ids of EHR copies of entries recorded here
    auto allergyFacts = census.facts(QStringLiteral("AllergyIntolerance"));
    if (!allergyFacts.ok())
        return allergyFacts.error();
    for (const vault::CensusFactRow& r : std::as_const(*allergyFacts)) {
        auto a = fhir::decodeAllergyFacts(r.facts);
        if (!a)
            continue;
        for (const QString& key : std::as_const(a->knownKeys))
            knownInVault.insert(key);
        AllergySummary& summary = allergies[r.patientId];
        if (a->classification == model::AllergyClass::Recorded) {
            summary.recorded = true;
            summary.substances << a->substance;
        } else if (a->classification == model::AllergyClass::NoKnownAllergies) {
            summary.noKnown = true;
        }
    }
    // An IPS allergy section that says "nilknown" counts as NKA, as in the chart.
    auto compositions = census.facts(QStringLiteral("Composition"));
    if (!compositions.ok())
        return compositions.error();
    for (const vault::CensusFactRow& r : std::as_const(*compositions)) {
        if (fhir::decodeCompositionNilKnownAllergies(r.facts))
            allergies[r.patientId].noKnown = true;
    }

    // Resources the chart cannot read: a mark on the patient; an allergy record among them makes the state unknown.
    auto unreadable = census.countByPatient(fhir::factTypes(), fhir::unreadableFact());
    if (!unreadable.ok())
        return unreadable.error();
    auto unreadableAllergies = census.countByPatient(fhir::factTypes(), fhir::unreadableAllergyFact());
    if (!unreadableAllergies.ok())
        return unreadableAllergies.error();
    auto quarantined = vault::QuarantineRepository(m_vault.db()).countsByPatient();
    if (!quarantined.ok())
        return quarantined.error();
    QHash<QString, qint64> unreadableCount = *unreadable;
    for (auto it = unreadableAllergies->cbegin(); it != unreadableAllergies->cend(); ++it) {
        unreadableCount[it.key()] += it.value();
        allergies[it.key()].unreadable = true;
    }
    for (auto it = quarantined->cbegin(); it != quarantined->cend(); ++it) {
        unreadableCount[it.key()] += it->resources;
        if (it->bearingAllergies > 0)
            allergies[it.key()].unreadable = true;
    }

    auto lastGivenFacts = census.latestFactsByPatient(QStringLiteral("MedicationAdministration"));
    if (!lastGivenFacts.ok())
        return lastGivenFacts.error();

    // What this device recorded during a downtime counts until the EHR has it.
    vault::OutboxRepository outboxRepository(m_vault.db());
    auto outbox = outboxRepository.items();
    if (!outbox.ok())
        return outbox.error();
    // A running drill's entries count on the census like real ones (empty without a drill).
    vault::OutboxRepository drillRepository(m_vault.db(), vault::OutboxStore::Drill);
    auto drill = drillRepository.items();
    if (!drill.ok())
        return drill.error();
    outbox->append(*drill);
    const LocalCensusFacts local = localCensusFacts(*outbox, knownInVault);
    auto openEntries = outboxRepository.openEntriesByPatient();
    if (!openEntries.ok())
        return openEntries.error();
    auto drillOpen = drillRepository.openEntriesByPatient();
    if (!drillOpen.ok())
        return drillOpen.error();
    for (auto it = drillOpen->constBegin(); it != drillOpen->constEnd(); ++it)
        (*openEntries)[it.key()] += it.value();
    auto marks = patientMarks(m_vault);
    if (!marks.ok())
        return marks.error();

    QList<CensusRow> out;
    out.reserve(patients->size());
    for (const vault::PatientIndexRow& p : *patients) {
        CensusRow row;
        row.patientId = p.id;
        row.family = p.family;
        row.given = p.given;
        row.birthDateText = p.birthDate;
        row.birthDate = QDate::fromString(p.birthDate.left(10), Qt::ISODate);
        row.sex = p.sex;
        row.mrn = p.mrn;
        const auto stay = stays.constFind(p.id);
        if (stay != stays.constEnd()) {
            row.ward = stay->ward;
            row.bed = stay->bed;
            row.locationIds = stay->locationIds;
        }
        const AllergySummary summary = allergies.value(p.id);
        // The same order as fhir::allergyStatusOf: recorded > unknown > NKA > no information.
        row.allergyStatus = summary.recorded     ? model::AllergyStatus::HasAllergies
                            : summary.unreadable ? model::AllergyStatus::Unknown
                            : summary.noKnown    ? model::AllergyStatus::NoKnownAllergies
                                                 : model::AllergyStatus::NoInformation;
        row.unreadableResources = unreadableCount.value(p.id);
        row.allergies = summary.substances;
        row.allergies.sort(Qt::CaseInsensitive); // the badge reads the same whatever order the EHR sent them in
        const QStringList reported = local.reportedAllergies.value(p.id);
        if (!reported.isEmpty()) {
            row.allergies += reported; // unconfirmed, reported during downtime: an allergy all the same
            row.allergyStatus = model::AllergyStatus::HasAllergies;
        }
        row.pendingEntries = openEntries->value(p.id);
        row.mark = marks->value(p.id);
        row.activeMedications = medCounts->value(p.id);
        row.lastAdministration = fhir::decodeAdministrationFacts(lastGivenFacts->value(p.id));
        const QDateTime localLast = local.lastGiven.value(p.id);
        if (localLast.isValid() && (!row.lastAdministration.isValid() || row.lastAdministration < localLast))
            row.lastAdministration = localLast;
        out.append(std::move(row));
    }
    return out;
}

} // namespace lantern::records
