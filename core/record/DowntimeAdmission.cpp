// Recorder::recordDowntimeAdmission: a patient admitted while the EHR is down
// gets an identifier from the device's range, a local Patient in the vault
// (so the chart opens) and a local in-progress Encounter on the ward (so the
// census shows them), all in the transaction that stores the entry.

#include "core/fhir/CensusFacts.h"
#include "core/fhir/PatientMapping.h"
#include "core/record/EntryResources.h"
#include "core/record/RecordContext.h"
#include "core/record/Recorder.h"
#include "core/vault/CensusRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>

namespace lantern::record {
namespace {

QString idOf(const QString& reference)
{
    return reference.section(QLatin1Char('/'), -1);
}

struct WardPlace
{
    bool wardFound = false;
    QString bedLocationId; // a bed Location in that ward with the given id or name, if any
};

// The wards this device mirrors (vault meta "mirror.wards", comma-separated):
// a mirrored device knows its wards by id even before it holds their Location.
bool isMirroredWard(vault::Vault& vault, const QString& wardId)
{
    auto wards = vault.meta(QStringLiteral("mirror.wards"));
    if (!wards.ok())
        return false;
    const QStringList ids = wards->split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& id : ids)
        if (id.trimmed() == wardId)
            return true;
    return false;
}

// The ward must be a Location in the vault or one of the wards the device
// mirrors; the bed is looked up among the ward's Locations, and stays free text
// when the vault does not know it.
Result<WardPlace> findPlace(vault::Vault& vault, const QString& wardId, const QString& bed)
{
    auto stored = vault::CensusRepository(vault.db()).sharedResources(QStringLiteral("Location"));
    if (!stored.ok())
        return stored.error();
    QHash<QString, model::Location> locations;
    for (const vault::StoredResource& r : *stored) {
        auto l = fhir::mapLocation(QJsonDocument::fromJson(r.json).object());
        if (l.ok())
            locations.insert(r.id, *l);
    }
    WardPlace place;
    place.wardFound = locations.contains(wardId) || isMirroredWard(vault, wardId);
    if (bed.isEmpty())
        return place;
    const auto inWard = [&](model::Location l) {
        for (int depth = 0; depth < 4; ++depth) {
            const QString parent = idOf(l.partOf.reference);
            if (parent == wardId)
                return true;
            if (!locations.contains(parent))
                return false;
            l = locations.value(parent);
        }
        return false;
    };
    for (auto it = locations.constBegin(); it != locations.constEnd(); ++it) {
        const model::Location& l = it.value();
        if (!l.isBed())
            continue;
        if ((it.key() == bed || l.name == bed || l.identifier == bed) && inWard(l)) {
            place.bedLocationId = it.key();
            break;
        }
    }
    return place;
}

} // namespace

Result<RecordEntry> Recorder::recordDowntimeAdmission(const DowntimeAdmissionInput& input)
{
    if (input.family.trimmed().isEmpty() && input.given.trimmed().isEmpty())
        return invalidField(QStringLiteral("family"), QStringLiteral("a family or a given name is required"));
    if (input.family.size() > 200 || input.given.size() > 200)
        return invalidField(QStringLiteral("family"), QStringLiteral("names are limited to 200 characters"));
    static const QStringList genders{QString(), QStringLiteral("male"), QStringLiteral("female"), QStringLiteral("other"),
                                     QStringLiteral("unknown")};
    if (!genders.contains(input.sex))
        return invalidField(QStringLiteral("sex"), QStringLiteral("must be male, female, other or unknown"));
    const QDateTime now = m_clock.now().toUTC();
    if (input.birthDate.isValid() && input.birthDate > now.date())
        return invalidField(QStringLiteral("birthDate"), QStringLiteral("lies in the future"));
    if (input.ward.isEmpty())
        return invalidField(QStringLiteral("ward"), QStringLiteral("required"));
    if (input.bed.size() > 100)
        return invalidField(QStringLiteral("bed"), QStringLiteral("limited to 100 characters"));

    // A drill must not touch production: an admission would hand out a number of
    // the hospital's downtime range and place a local patient in the census.
    if (m_store == vault::OutboxStore::Drill)
        return Error(ErrorCode::Conflict, QStringLiteral("downtime admissions are not rehearsed in a drill: they would use "
                                                         "a real downtime number; admit the drill patient on paper"));
    RecordContext context(m_vault, m_clock, m_store);
    auto author = context.author(m_author);
    if (!author.ok())
        return author.error();
    auto place = findPlace(m_vault, input.ward, input.bed);
    if (!place.ok())
        return place.error();
    if (!place->wardFound)
        return invalidField(QStringLiteral("ward"), QStringLiteral("not a ward of this device (neither a Location in the vault nor a mirrored ward)"));

    const QString uuid = RecordContext::newUuid();
    const QString localId = QStringLiteral("lantern-") + uuid;
    RecordEntry e = newEntry(EntryKind::DowntimeAdmission, localId, now);
    e.uuid = uuid;

    vault::ResourceRepository resources(m_vault.db());
    vault::DowntimeIdRangeRepository ids(m_vault.db());
    // The identifier is allocated inside the transaction, so a failed admission hands out no number.
    const auto writeLocal = [&]() -> Status {
        auto range = ids.range();
        if (!range.ok())
            return range.error();
        auto value = ids.allocate();
        if (!value.ok())
            return value.error();
        const QString system = (*range)->system;
        e.resource = buildDowntimePatient({uuid, localId, system, *value, input});

        vault::StoredResource patient{QStringLiteral("Patient"), localId, {}, {}, localId, QStringLiteral("active"),
                                      QJsonDocument(localPatientCopy(e.resource, localId)).toJson(QJsonDocument::Compact)};
        LANTERN_TRY(resources.put(patient));
        LANTERN_TRY(resources.putPatientIndex({localId, input.family.trimmed(), input.given.trimmed(),
                                               input.birthDate.isValid() ? input.birthDate.toString(Qt::ISODate) : QString(),
                                               input.sex, *value, QString()}));
        const QString encounterId = QStringLiteral("lantern-enc-") + uuid;
        const QJsonObject encounter =
            buildLocalEncounter(encounterId, localId, input.ward, place->bedLocationId, input.bed.trimmed(), now);
        return resources.put({QStringLiteral("Encounter"), encounterId, {}, {}, localId, QStringLiteral("in-progress"),
                              QJsonDocument(encounter).toJson(QJsonDocument::Compact),
                              fhir::censusFacts(QStringLiteral("Encounter"), encounter)});
    };
    // commit() appends the entry after writeLocal has filled in its resource.
    LANTERN_TRY(context.commit(e, entryKindName(e.kind), [&]() -> Status { return writeLocal(); }));
    return e;
}

} // namespace lantern::record
