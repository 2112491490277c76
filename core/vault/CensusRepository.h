#pragma once
// The few cheap queries the ward census needs for thousands of patients at
// once: no per-patient round trips, no full charts, no JSON. They read the
// census facts kept beside each resource (column resource.census, filled by
// the writers from fhir/CensusFacts.h) through the partial covering index
// resource_census, and let SQLite count and take maxima.

#include "core/common/Result.h"
#include "core/vault/Database.h"
#include "core/vault/ResourceRepository.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::vault {

// One resource's census facts (fhir/CensusFacts.h) and the patient it belongs to.
struct CensusFactRow
{
    QString patientId; // empty for shared resources (Location)
    QString facts;
};

// A stored resource of a census type whose facts are to be (re)derived.
struct ResourceToDerive
{
    qint64 rowId = 0;
    QString type;
    QByteArray json;
};

class CensusRepository
{
public:
    explicit CensusRepository(Database& db) : m_db(db) {}

    // Non-empty facts of every resource of a type, read from the covering index alone.
    Result<QList<CensusFactRow>> facts(const QString& type);
    // The greatest non-empty facts per patient (facts that sort as time: the last administration).
    Result<QHash<QString, QString>> latestFactsByPatient(const QString& type);
    // How many resources of the types have exactly these facts, per patient (active medications).
    Result<QHash<QString, qint64>> countByPatient(const QStringList& types, const QString& facts);

    // Resources of the types after rowId, in row order, at most `limit` (for the one-time backfill).
    Result<QList<ResourceToDerive>> resourcesToDerive(const QStringList& types, qint64 afterRowId, int limit);
    Status setFacts(qint64 rowId, const QString& facts);

    // Resources of a type that belong to no patient (Location).
    Result<QList<StoredResource>> sharedResources(const QString& type);

private:
    Database& m_db;
    std::optional<Statement> m_setFacts;
};

} // namespace lantern::vault
