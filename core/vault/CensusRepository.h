#pragma once
// The few cheap queries the ward census needs for thousands of patients at
// once: no per-patient round trips, no full charts. Only the resource types
// the census reads are loaded; medication counts are counted by SQLite.

#include "common/Result.h"
#include "vault/Database.h"
#include "vault/ResourceRepository.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::vault {

class CensusRepository
{
public:
    explicit CensusRepository(Database& db) : m_db(db) {}

    // Active MedicationRequests plus active or intended MedicationStatements, per patient id.
    Result<QHash<QString, qint64>> activeMedicationCounts();
    // Patient-owned resources of one type, optionally only with one of `statuses`
    // (empty: any) or excluding `excludedStatuses`.
    Result<QList<StoredResource>> patientResources(const QString& type, const QStringList& statuses = {},
                                                   const QStringList& excludedStatuses = {});
    // Resources of a type that belong to no patient (Location).
    Result<QList<StoredResource>> sharedResources(const QString& type);

private:
    Result<QList<StoredResource>> collect(Statement& stmt);

    Database& m_db;
};

} // namespace lantern::vault
