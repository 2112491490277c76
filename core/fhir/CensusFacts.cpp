#include "core/fhir/CensusFacts.h"

#include "core/fhir/ChartBuilder.h"
#include "core/fhir/Codes.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/Reader.h"
#include "core/model/AdministrationStatus.h"

#include <QJsonArray>

namespace lantern::fhir {
namespace {

using namespace Qt::StringLiterals;

constexpr QChar kField = QChar(0x1f);
constexpr QChar kItem = QChar(0x1e);

QString clean(QString value)
{
    value.remove(kField);
    value.remove(kItem);
    return value;
}

QString idOf(const QString& reference)
{
    return reference.section(u'/', -1);
}

// Fields must already be clean(): the items field carries item separators.
QString join(const QStringList& fields)
{
    return fields.join(kField);
}

QString joinItems(const QStringList& items)
{
    QStringList cleaned;
    cleaned.reserve(items.size());
    for (const QString& i : items)
        cleaned << clean(i);
    return cleaned.join(kItem);
}

QStringList splitItems(const QString& text)
{
    return text.isEmpty() ? QStringList() : text.split(kItem);
}

// The mapped resource comes from readForChart: a readable census type is in the chart it returns.
QString encounterFacts(const model::PatientChart& read)
{
    const model::Encounter* e = read.encounters.isEmpty() ? nullptr : &read.encounters.first();
    if (!e || !e->isInProgress() || e->locations.isEmpty())
        return u""_s;
    const model::EncounterLocation current = e->currentLocation();
    QStringList ids;
    for (const model::EncounterLocation& at : std::as_const(e->locations)) {
        const QString id = idOf(at.location.reference);
        if (!id.isEmpty() && !ids.contains(id))
            ids << id;
    }
    return join({clean(idOf(current.location.reference)), clean(current.location.display), clean(current.physicalType),
                 joinItems(ids)});
}

QString patientFacts(const model::PatientChart& read)
{
    const std::optional<model::Patient>& p = read.patient;
    if (!p)
        return u""_s;
    if (p->isMergedAway())
        return join({u"merged"_s, clean(p->replacedBy->survivorId), clean(p->replacedBy->survivorIdentifier)});
    return p->isInactive() ? join({u"inactive"_s, QString(), QString()}) : u""_s;
}

QString locationFacts(const QJsonObject& resource)
{
    auto l = mapLocation(resource);
    if (!l.ok())
        return u""_s;
    return join({clean(l->meta.id), clean(l->name.isEmpty() ? l->identifier : l->name), l->isWard() ? u"1"_s : QString(),
                 clean(idOf(l->partOf.reference))});
}

QStringList uuidIdentifiers(const QJsonObject& resource)
{
    QStringList out;
    for (const QJsonValue& id : resource.value("identifier"_L1).toArray()) {
        const QString value = id.toObject().value("value"_L1).toString();
        if (value.startsWith("urn:uuid:"_L1))
            out << value;
    }
    return out;
}

QString allergyFacts(const model::PatientChart& read, const QJsonObject& resource)
{
    const model::Allergy* a = read.allergies.isEmpty() ? nullptr : &read.allergies.first();
    if (!a)
        return u""_s;
    const QStringList keys = QStringList{a->meta.id} + uuidIdentifiers(resource);
    return join({QString::number(int(a->classification)), clean(a->substance.displayText()), joinItems(keys)});
}

QString compositionFacts(const model::PatientChart& read)
{
    for (const model::EmptySection& s : read.emptySections) {
        if (s.code == QStringView(codes::kSectionAllergies) && s.reasonCode == "nilknown"_L1)
            return u"1"_s;
    }
    return u""_s;
}

QString administrationFacts(const QJsonObject& resource)
{
    // Only a completed administration is a dose given (model/AdministrationStatus.h).
    if (!model::countsAsGiven(resource.value("status"_L1).toString()))
        return u""_s;
    QString text = resource.value("effectiveDateTime"_L1).toString();
    if (text.isEmpty())
        text = resource.value("effectivePeriod"_L1).toObject().value("start"_L1).toString();
    const auto when = parseWhen(text);
    const QDateTime at = when ? when->sortKey() : QDateTime();
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : u""_s;
}

QString medicationFacts(const QString& type, const QJsonObject& resource)
{
    const QString status = resource.value("status"_L1).toString();
    const bool active = type == "MedicationRequest"_L1 ? status == "active"_L1
                                                       : (status == "active"_L1 || status == "intended"_L1);
    return active ? activeMedicationFact() : u""_s;
}

} // namespace

const QStringList& censusFactTypes()
{
    static const QStringList types = {u"Patient"_s,          u"Encounter"_s,        u"Location"_s,          u"AllergyIntolerance"_s,
                                      u"Composition"_s,      u"MedicationAdministration"_s,
                                      u"MedicationRequest"_s, u"MedicationStatement"_s};
    return types;
}

bool hasCensusFacts(const QString& type)
{
    return censusFactTypes().contains(type);
}

const QStringList& factTypes()
{
    static const QStringList types = censusFactTypes() + QStringList{
        u"Patient"_s, u"Condition"_s, u"Device"_s, u"DeviceUseStatement"_s, u"Consent"_s, u"Observation"_s, u"Flag"_s};
    return types;
}

const QString& unreadableFact()
{
    static const QString mark = u"!"_s;
    return mark;
}

const QString& unreadableAllergyFact()
{
    static const QString mark = u"!A"_s;
    return mark;
}

QString censusFacts(const QString& type, const QJsonObject& resource)
{
    return censusFacts(type, resource, readForChart(resource));
}

QString censusFacts(const QString& type, const QJsonObject& resource, const ChartRead& read)
{
    if (read.error)
        return bearsAllergies(type, resource) ? unreadableAllergyFact() : unreadableFact();
    QString facts;
    if (type == "MedicationAdministration"_L1)
        facts = administrationFacts(resource);
    else if (type == "MedicationRequest"_L1 || type == "MedicationStatement"_L1)
        facts = medicationFacts(type, resource);
    else if (type == "Encounter"_L1)
        facts = encounterFacts(read.chart);
    else if (type == "Patient"_L1)
        facts = patientFacts(read.chart);
    else if (type == "Location"_L1)
        facts = locationFacts(resource);
    else if (type == "AllergyIntolerance"_L1)
        facts = allergyFacts(read.chart, resource);
    else if (type == "Composition"_L1)
        facts = compositionFacts(read.chart);
    else
        return {};
    // Never null for a census type: null means "no facts derived" to the vault.
    return facts.isNull() ? u""_s : facts;
}

std::optional<EncounterFacts> decodeEncounterFacts(const QString& facts)
{
    const QStringList f = facts.split(kField);
    if (f.size() != 4)
        return std::nullopt;
    return EncounterFacts{f.at(0), f.at(1), f.at(2), splitItems(f.at(3))};
}

std::optional<PatientFacts> decodePatientFacts(const QString& facts)
{
    const QStringList f = facts.split(kField);
    if (f.size() != 3 || (f.at(0) != "merged"_L1 && f.at(0) != "inactive"_L1))
        return std::nullopt;
    const bool merged = f.at(0) == "merged"_L1;
    return PatientFacts{merged, !merged, f.at(1), f.at(2)};
}

std::optional<LocationFacts> decodeLocationFacts(const QString& facts)
{
    const QStringList f = facts.split(kField);
    if (f.size() != 4 || f.at(0).isEmpty())
        return std::nullopt;
    return LocationFacts{f.at(0), f.at(1), f.at(2) == "1"_L1, f.at(3)};
}

std::optional<AllergyFacts> decodeAllergyFacts(const QString& facts)
{
    const QStringList f = facts.split(kField);
    if (f.size() != 3)
        return std::nullopt;
    bool ok = false;
    const int kind = f.at(0).toInt(&ok);
    if (!ok || kind < int(model::AllergyClass::Recorded) || kind > int(model::AllergyClass::NoInformation))
        return std::nullopt;
    return AllergyFacts{model::AllergyClass(kind), f.at(1), splitItems(f.at(2))};
}

QDateTime decodeAdministrationFacts(const QString& facts)
{
    if (facts.isEmpty())
        return {};
    return QDateTime::fromString(facts, Qt::ISODateWithMs).toUTC();
}

bool decodeCompositionNilKnownAllergies(const QString& facts)
{
    return facts == "1"_L1;
}

} // namespace lantern::fhir
