#pragma once
// The few columns the vault indexes for every stored resource, and the
// reference resolution they need: which patient does a resource belong to,
// when its subject is written "Patient/x", "https://server/fhir/Patient/x" or
// "urn:uuid:..." (resolved through the Bundle's fullUrls).

#include "core/common/Result.h"
#include "core/model/Patient.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::fhir {

// fullUrl (urn:uuid:... or absolute URL) → "Type/id", built from a Bundle.
class ReferenceResolver
{
public:
    void add(const QString& fullUrl, const QString& typeAndId) { m_map.insert(fullUrl, typeAndId); }
    // "Type/id" for a reference as written: a known fullUrl, a relative "Type/id"
    // (optionally with /_history/v), or an absolute URL ending in Type/id. Empty
    // when it cannot be resolved: an unknown urn:uuid, a contained "#id", garbage.
    QString resolve(const QString& reference) const;
    qsizetype size() const { return m_map.size(); }
    const QHash<QString, QString>& map() const { return m_map; }

    // "Type/id" of a URL or relative reference without a lookup, or empty.
    static QString typeAndIdOf(const QString& reference);

private:
    QHash<QString, QString> m_map;
};

struct ResourceIndex
{
    QString type;
    QString id;
    QString versionId;   // meta.versionId, empty when absent
    QString lastUpdated; // meta.lastUpdated as written (a FHIR instant), empty when absent
    QString patientId;   // id of the Patient the resource belongs to; empty when none (Practitioner, Medication, ...)
    QString status;      // status, or clinicalStatus code, or Patient.active as "active"/"inactive"
    QString censusFacts; // see fhir/CensusFacts.h; null for types the census does not read
    // A readable Patient as mapped for its census facts, kept so its patient_index
    // row (import::prepareResource) needs no second mapping; nullopt otherwise.
    std::optional<model::Patient> patient;

    QString typeAndId() const { return type + QLatin1Char('/') + id; }
};

// Validates the minimum every stored resource needs (a FHIR R4 resourceType, a
// valid id, well-formed meta) and extracts the index columns. The patient comes
// from the Patient's own id, else subject / patient / beneficiary, whichever
// first resolves to a Patient.
Result<ResourceIndex> indexResource(const QJsonObject& resource, const ReferenceResolver& refs = {});

// The same checks and columns without the mapping behind the census facts and
// a Patient's row: enough to decide whether a resource is kept and whether it
// is newer than the vault's copy. The mirror asks this of every resource an
// answer brings and maps (deriveFacts) only those it writes.
Result<ResourceIndex> indexKeys(const QJsonObject& resource, const ReferenceResolver& refs = {});
// Completes an index from indexKeys: census facts and, for a Patient, its
// mapping. indexResource == indexKeys + deriveFacts.
void deriveFacts(ResourceIndex& index, const QJsonObject& resource);

} // namespace lantern::fhir
