#pragma once
// What a snapshot file carries out of a vault and back into another one: the
// stored resources (verbatim JSON with the patient they belong to) and the
// outbox entries not yet reconciled, each with its state row. The snapshot
// format (core/snapshot) decides what to do with them; this class only reads
// and writes the rows.
//
// Outbox rows travel as JSON objects named after their columns (the BLOB
// columns resource and warnings as base64), so a row arrives exactly as it
// left, whatever this version of Lantern knows about its kinds.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::vault {

struct ExportedResource
{
    QString type;
    QString id;
    QString patientId; // empty for resources of no patient (Location, Medication, ...)
    QByteArray json;
};

class SnapshotRepository
{
public:
    explicit SnapshotRepository(Database& db) : m_db(db) {}

    // Every stored resource, one at a time (memory stays flat). `patients`: only
    // resources of these patients and of no patient; nullopt: all.
    Status forEachResource(const std::optional<QSet<QString>>& patients,
                           const std::function<Status(const ExportedResource&)>& visit);
    // Outbox entries still pending or in conflict, entry and state columns as one object.
    Status forEachUnreconciledEntry(const std::optional<QSet<QString>>& patients,
                                    const std::function<Status(const QJsonObject&)>& visit);
    // Inserts an entry with its state unless its uuid is known here: true when
    // inserted, false when this vault holds it already (it is never overwritten).
    // Inside the caller's transaction. InvalidInput for a row that lacks a column.
    Result<bool> insertEntryIfAbsent(const QJsonObject& row);

private:
    Database& m_db;
};

} // namespace lantern::vault
