#include "records/CensusQuery.h"

#include "fhir/AllergyMapping.h"
#include "fhir/Codes.h"
#include "fhir/DocumentMapping.h"
#include "fhir/PatientMapping.h"
#include "fhir/Reader.h"
#include "records/LocalEntries.h"
#include "vault/CensusRepository.h"
#include "vault/OutboxRepository.h"
#include "vault/Vault.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::records {
namespace {

QJsonObject parse(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QString idOf(const QString& reference)
{
    return reference.section(QLatin1Char('/'), -1);
}

struct Place
{
    QString ward;
    QString bed;
};

// Bed and ward of a location, walking partOf up to the ward (bounded: a
// cycle in foreign data must not hang the census).
Place placeOf(const model::EncounterLocation& at, const QHash<QString, model::Location>& locations)
{
    Place place;
    QString id = idOf(at.location.reference);
    auto it = locations.constFind(id);
    if (it == locations.constEnd()) {
        place.bed = at.location.display;
        return place;
    }
    const auto label = [](const model::Location& l) { return l.name.isEmpty() ? l.identifier : l.name; };
    if (it->isWard()) {
        place.ward = label(*it);
        // A downtime admission's local Encounter: at the ward, in a bed named by the display.
        if (at.physicalType == QLatin1String("bd"))
            place.bed = at.location.display;
    } else {
        place.bed = label(*it);
    }
    for (int depth = 0; depth < 4 && place.ward.isEmpty(); ++depth) {
        id = idOf(it->partOf.reference);
        if (id.isEmpty())
            break;
        it = locations.constFind(id);
        if (it == locations.constEnd())
            break;
        if (it->isWard())
            place.ward = label(*it);
    }
    return place;
}

QDateTime givenAt(const QJsonObject& administration)
{
    QString text = administration.value(QLatin1String("effectiveDateTime")).toString();
    if (text.isEmpty())
        text = administration.value(QLatin1String("effectivePeriod")).toObject().value(QLatin1String("start")).toString();
    const auto when = fhir::parseWhen(text);
    return when ? when->sortKey() : QDateTime();
}

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
    vault::ResourceRepository resources(m_vault.db());
    vault::CensusRepository census(m_vault.db());

    auto patients = resources.patients();
    if (!patients.ok())
        return patients.error();
    auto medCounts = census.activeMedicationCounts();
    if (!medCounts.ok())
        return medCounts.error();

    QHash<QString, model::Location> locations;
    auto storedLocations = census.sharedResources(QStringLiteral("Location"));
    if (!storedLocations.ok())
        return storedLocations.error();
    for (const vault::StoredResource& r : *storedLocations) {
        auto l = fhir::mapLocation(parse(r.json));
        if (l.ok())
            locations.insert(r.id, *l);
    }

    QHash<QString, Place> places;
    auto encounters = census.patientResources(QStringLiteral("Encounter"), {QStringLiteral("in-progress")});
    if (!encounters.ok())
        return encounters.error();
    for (const vault::StoredResource& r : *encounters) {
        auto e = fhir::mapEncounter(parse(r.json));
        if (e.ok() && !e->locations.isEmpty())
            places.insert(r.patientId, placeOf(e->currentLocation(), locations));
    }

    QHash<QString, QList<model::Allergy>> allergies;
    QSet<QString> knownInVault; // identifiers and ids of EHR copies of entries recorded here
    auto storedAllergies = census.patientResources(QStringLiteral("AllergyIntolerance"));
    if (!storedAllergies.ok())
        return storedAllergies.error();
    for (const vault::StoredResource& r : *storedAllergies) {
        const QJsonObject json = parse(r.json);
        knownInVault += identifierValues({json});
        knownInVault.insert(r.id);
        auto a = fhir::mapAllergyIntolerance(json);
        if (a.ok())
            allergies[r.patientId].append(*a);
    }
    // An IPS allergy section that says "nilknown" counts as NKA, as in the chart.
    QHash<QString, bool> nilKnownSection;
    auto compositions = census.patientResources(QStringLiteral("Composition"));
    if (!compositions.ok())
        return compositions.error();
    for (const vault::StoredResource& r : *compositions) {
        auto sections = fhir::mapCompositionEmptySections(parse(r.json));
        if (!sections.ok())
            continue;
        for (const model::EmptySection& s : *sections) {
            if (s.code == QStringView(fhir::codes::kSectionAllergies) && s.reasonCode == QLatin1String("nilknown"))
                nilKnownSection.insert(r.patientId, true);
        }
    }

    QHash<QString, QDateTime> lastGiven;
    auto administrations = census.patientResources(
        QStringLiteral("MedicationAdministration"), {},
        {QStringLiteral("not-done"), QStringLiteral("entered-in-error"), QStringLiteral("on-hold")});
    if (!administrations.ok())
        return administrations.error();
    for (const vault::StoredResource& r : *administrations) {
        const QDateTime at = givenAt(parse(r.json));
        QDateTime& best = lastGiven[r.patientId];
        if (at.isValid() && (!best.isValid() || best < at))
            best = at;
    }

    // What this device recorded during a downtime counts until the EHR has it.
    auto outbox = vault::OutboxRepository(m_vault.db()).items();
    if (!outbox.ok())
        return outbox.error();
    const LocalCensusFacts local = localCensusFacts(*outbox, knownInVault);
    auto openEntries = vault::OutboxRepository(m_vault.db()).openEntriesByPatient();
    if (!openEntries.ok())
        return openEntries.error();
    for (auto it = local.lastGiven.constBegin(); it != local.lastGiven.constEnd(); ++it) {
        QDateTime& best = lastGiven[it.key()];
        if (it.value().isValid() && (!best.isValid() || best < it.value()))
            best = it.value();
    }

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
        const Place place = places.value(p.id);
        row.ward = place.ward;
        row.bed = place.bed;
        const QList<model::Allergy> list = allergies.value(p.id);
        row.allergyStatus = fhir::summarizeAllergies(list);
        if (row.allergyStatus == model::AllergyStatus::NoInformation && nilKnownSection.value(p.id))
            row.allergyStatus = model::AllergyStatus::NoKnownAllergies;
        for (const model::Allergy& a : list) {
            if (a.isRecordedAllergy())
                row.allergies << a.substance.displayText();
        }
        const QStringList reported = local.reportedAllergies.value(p.id);
        if (!reported.isEmpty()) {
            row.allergies += reported; // unconfirmed, reported during downtime: an allergy all the same
            row.allergyStatus = model::AllergyStatus::HasAllergies;
        }
        row.pendingEntries = openEntries->value(p.id);
        row.activeMedications = medCounts->value(p.id);
        row.lastAdministration = lastGiven.value(p.id);
        out.append(std::move(row));
    }
    return out;
}

} // namespace lantern::records
