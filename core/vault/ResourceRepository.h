#pragma once
// FHIR resources in the vault: the JSON exactly as received, next to the few
// columns that queries need (type, id, version, patient, status). The census
// reads patient_index instead of parsing every Patient.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::vault {

struct StoredResource
{
    QString type;
    QString id;
    QString versionId;
    QString lastUpdated;
    QString patientId; // empty for resources that belong to no patient (Medication, Location, ...)
    QString status;
    QByteArray json; // verbatim
    QString census;  // derived facts the ward census reads (fhir/CensusFacts.h); null for other types
};

struct PatientIndexRow
{
    QString id;
    QString family;
    QString given;
    QString birthDate;
    QString sex;
    QString mrn;
    QString kvnr;
};

class ResourceRepository
{
public:
    explicit ResourceRepository(Database& db) : m_db(db) {}

    // Insert or replace by (type, id), whatever version is stored. The caller owns
    // the transaction. Writers of resources from outside (import, mirror) go through
    // import::ResourceWriter, which keeps a newer stored version (import/VersionOrder.h).
    Status put(const StoredResource& resource);
    // Inserts a resource that is not stored yet: true; false (vault unchanged) when (type, id) exists.
    Result<bool> insertIfAbsent(const StoredResource& resource);
    // Replaces the stored (type, id) unconditionally.
    Status update(const StoredResource& resource);
    // The stored copy's meta (versionId, lastUpdated); nullopt when not stored. Cheap: no JSON is read.
    Result<std::optional<QPair<QString, QString>>> storedVersion(const QString& type, const QString& id);
    Status putPatientIndex(const PatientIndexRow& row);
    Status remove(const QString& type, const QString& id);

    Result<std::optional<StoredResource>> get(const QString& type, const QString& id);
    // All resources of one patient, optionally only some types.
    Result<QList<StoredResource>> forPatient(const QString& patientId, const QStringList& types = {});
    Result<QList<StoredResource>> ofType(const QString& type);
    Result<QList<PatientIndexRow>> patients();
    Result<std::optional<PatientIndexRow>> patient(const QString& id);
    Result<qint64> count(const QString& type = {});

private:
    Result<Statement*> cached(std::optional<Statement>& slot, const QString& sql);

    Database& m_db;
    // Prepared once: ingest runs these hundreds of thousands of times.
    std::optional<Statement> m_insert;
    std::optional<Statement> m_update;
    std::optional<Statement> m_version;
    std::optional<Statement> m_putPatient;
};

} // namespace lantern::vault
