#pragma once
// What the store indexes of each resource version, so a search never parses
// JSON: the patient the resource belongs to, and the token and reference values
// of the search parameters the simulator supports.

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::sim {

enum class Param : quint8 {
    Status,
    Identifier,
    Code,
    Category,
    ClinicalStatus,
    Type,
    PhysicalType,
    Location,  // reference: Encounter.location.location
    PartOf,    // reference: Location.partOf
    Encounter, // reference: encounter / context
    Request,   // reference: MedicationAdministration.request
    Member,    // reference: Group.member.entity
    Medication, // reference: medicationReference (MedicationRequest, -Statement, -Administration)
    Device      // reference: DeviceUseStatement.device
};

struct IndexEntry
{
    Param param;
    // tokens: "system|code" ("|code" without a system); references: "Type/id"
    QString value;
};

// Date search parameters: the resource's time as a range (both ends inclusive,
// ms since epoch), so "2026-03-01" and a Period compare by what they cover.
enum class DateParam : quint8 {
    EffectiveTime, // MedicationAdministration.effective[x]
    Date           // DocumentReference.date
};

struct DateEntry
{
    DateParam param;
    qint64 lo = 0;
    qint64 hi = 0;
};

struct IndexFields
{
    QString patient; // "Patient/x" for resources in a patient's compartment, else empty
    QList<IndexEntry> entries;
    QList<DateEntry> dates;
};

IndexFields extractIndex(const QString& type, const QJsonObject& resource);

bool isReferenceParam(Param p);
// The date search parameter `name` on `type` (effective-time, date), if supported.
std::optional<DateParam> dateParamByName(const QString& type, const QString& name);
// The search parameter `name` on `type`, if the simulator supports it.
std::optional<Param> paramByName(const QString& type, const QString& name);
// Names of the supported parameters of `type` (for the CapabilityStatement).
QStringList supportedParams(const QString& type);
// Whether `type` has a patient link the `patient` / `subject` parameters search.
bool hasPatientLink(const QString& type);
// The _include values of `type` the simulator serves ("MedicationRequest:medication"), and the
// reference parameter each follows.
QStringList supportedIncludes(const QString& type);
std::optional<Param> includeParam(const QString& include);

// True if an indexed token matches a search value: "code", "system|code" or "|code".
bool tokenMatches(const QString& indexed, const QString& searched);

} // namespace lantern::sim
