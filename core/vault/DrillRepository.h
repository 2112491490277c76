#pragma once
// The running downtime drill as the vault stores it (table drill, at most one
// row) and what the drill's report reads from the vault: the drill outbox's
// entries by kind and the device's data-as-of. The drill's entries themselves
// are written and read through OutboxRepository with OutboxStore::Drill.
// What a drill means and who may run one: core/drill/DrillControl.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace lantern::vault {

struct DrillRecord
{
    QString id;          // "drill-<uuid>"
    QDateTime startedAt; // UTC
    QString startedBy;   // username
    QDateTime dataAsOf;  // the oldest ward's data-as-of at the start; null when nothing was mirrored
    qint64 auditSeq = 0; // the last audit entry before the drill
};

class DrillRepository
{
public:
    explicit DrillRepository(Database& db) : m_db(db) {}

    Result<std::optional<DrillRecord>> current();
    // Conflict when a drill is already running.
    Status start(const DrillRecord& drill);
    // Entries of the drill outbox by kind name ("administration": 3).
    Result<QMap<QString, int>> entriesByKind();
    // Removes the drill and every entry of its outbox, in the caller's transaction
    // or its own. Returns how many entries were discarded.
    Result<int> discard();
    // The oldest data-as-of of the mirrored wards, null when none was mirrored yet.
    Result<QDateTime> oldestDataAsOf();

private:
    Database& m_db;
};

} // namespace lantern::vault
