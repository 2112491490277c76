// OutboxRepository: the state changes the uploader and a person's decisions
// make, and the small maps reconciliation keeps (patients, downtime notes).
// Entries themselves never change (see OutboxRepository.cpp).

#include "core/vault/OutboxRepository.h"

namespace lantern::vault {

using record::EntryState;

namespace {

Error noSuchEntry(const QString& uuid)
{
    return Error(ErrorCode::NotFound, QStringLiteral("no outbox entry %1 on this device").arg(uuid));
}

Error wrongState(const QString& uuid, EntryState state, const QString& wanted)
{
    return Error(ErrorCode::Conflict, QStringLiteral("outbox entry %1 is %2, not %3; reload the reconciliation queue")
                                          .arg(uuid, record::entryStateName(state), wanted));
}

} // namespace

Status OutboxRepository::markUploaded(const QString& uuid, const QString& serverId, const QString& serverVersionId,
                                      const QDateTime& at)
{
    LANTERN_TRY(refuseDrillUpload());
    return runAtomically(m_db, [&]() -> Status {
        auto current = item(uuid);
        if (!current.ok())
            return current.error();
        if (!current->has_value())
            return noSuchEntry(uuid);
        const record::OutboxItem& it = **current;
        if (it.state != EntryState::Pending && it.state != EntryState::Uploaded)
            return wrongState(uuid, it.state, QStringLiteral("pending"));
        auto stmt = prepare(QStringLiteral(
            "UPDATE outbox_state SET state = 'uploaded', server_id = ?, server_version_id = ?, last_error = NULL,"
            " updated_at = ? WHERE uuid = ?"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bindOptional(1, serverId).bindOptional(2, serverVersionId).bind(3, outboxTime(at)).bind(4, uuid);
        LANTERN_TRY(stmt->run());
        // The withdrawal of an uploaded entry reached the EHR: the original is now entered-in-error there.
        if (!it.entry.corrects.isEmpty() && record::isRetraction(it.entry)) {
            auto old = prepare(QStringLiteral("UPDATE outbox_state SET state = 'entered-in-error', updated_at = ?"
                                                   " WHERE uuid = ? AND state = 'uploaded'"));
            if (!old.ok())
                return old.error();
            old->bind(1, outboxTime(at)).bind(2, it.entry.corrects);
            LANTERN_TRY(old->run());
        }
        return {};
    });
}

Status OutboxRepository::markConflict(const QString& uuid, record::ConflictReason reason, const QString& detail,
                                      const QDateTime& at)
{
    return runAtomically(m_db, [&]() -> Status {
        auto current = item(uuid);
        if (!current.ok())
            return current.error();
        if (!current->has_value())
            return noSuchEntry(uuid);
        const EntryState state = (*current)->state;
        if (state != EntryState::Pending && state != EntryState::Conflict)
            return wrongState(uuid, state, QStringLiteral("pending"));
        auto stmt = prepare(QStringLiteral("UPDATE outbox_state SET state = 'conflict', conflict_reason = ?,"
                                                " conflict_detail = ?, updated_at = ? WHERE uuid = ?"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, record::conflictReasonName(reason)).bindOptional(2, detail).bind(3, outboxTime(at)).bind(4, uuid);
        return stmt->run();
    });
}

Status OutboxRepository::noteAttempt(const QString& uuid, const QString& transportError, const QDateTime& at)
{
    LANTERN_TRY(refuseDrillUpload());
    auto stmt = prepare(QStringLiteral(
        "UPDATE outbox_state SET attempts = attempts + 1, last_error = ?, updated_at = ? WHERE uuid = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bindOptional(1, transportError.isEmpty() ? QString() : transportError).bind(2, outboxTime(at)).bind(3, uuid);
    LANTERN_TRY(stmt->run());
    if (m_db.changes() == 0)
        return noSuchEntry(uuid);
    return {};
}

Status OutboxRepository::decide(const QString& uuid, record::Decision decision, const QString& decidedBy,
                                const QString& note, const QDateTime& at)
{
    if (decidedBy.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a reconciliation decision needs the deciding user"));
    if (!at.isValid())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a reconciliation decision needs its time"));
    return runAtomically(m_db, [&]() -> Status {
        auto current = item(uuid);
        if (!current.ok())
            return current.error();
        if (!current->has_value())
            return noSuchEntry(uuid);
        if ((*current)->state != EntryState::Conflict)
            return wrongState(uuid, (*current)->state, QStringLiteral("in conflict"));
        EntryState next = EntryState::Pending;
        switch (decision) {
        case record::Decision::UploadAnyway: next = EntryState::Pending; break;
        case record::Decision::MarkDuplicate: next = EntryState::Duplicate; break;
        case record::Decision::Amend: next = EntryState::Superseded; break;
        }
        auto stmt = prepare(QStringLiteral(
            "UPDATE outbox_state SET state = ?, decision = ?, decided_by = ?, decided_at = ?, decision_note = ?,"
            " updated_at = ? WHERE uuid = ?"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, record::entryStateName(next)).bind(2, record::decisionName(decision)).bind(3, decidedBy);
        stmt->bind(4, outboxTime(at)).bindOptional(5, note.isEmpty() ? QString() : note).bind(6, outboxTime(at));
        stmt->bind(7, uuid);
        return stmt->run();
    });
}

Status OutboxRepository::mapPatient(const QString& localId, const QString& serverId)
{
    LANTERN_TRY(refuseDrillUpload());
    if (localId.isEmpty() || serverId.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("mapping a downtime patient needs both ids"));
    auto stmt = prepare(QStringLiteral("INSERT OR REPLACE INTO outbox_patient_map (local_id, server_id) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, localId).bind(2, serverId);
    return stmt->run();
}

Result<std::optional<QString>> OutboxRepository::mappedPatient(const QString& localId)
{
    auto stmt = prepare(QStringLiteral("SELECT server_id FROM outbox_patient_map WHERE local_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, localId);
    return stmt->first<QString>([](const Statement& s) { return s.text(0); });
}

Status OutboxRepository::markDowntimeNotePosted(const QString& downtimeId, const QString& patientId,
                                                const QString& serverId)
{
    LANTERN_TRY(refuseDrillUpload());
    auto stmt = prepare(QStringLiteral(
        "INSERT OR REPLACE INTO downtime_note (downtime_id, patient_id, server_id) VALUES (?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, downtimeId).bind(2, patientId).bind(3, serverId);
    return stmt->run();
}

Result<bool> OutboxRepository::downtimeNotePosted(const QString& downtimeId, const QString& patientId)
{
    auto stmt = prepare(QStringLiteral("SELECT 1 FROM downtime_note WHERE downtime_id = ? AND patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, downtimeId).bind(2, patientId);
    return stmt->step();
}

} // namespace lantern::vault
