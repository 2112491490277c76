#include "core/vault/OutboxRepository.h"

#include "core/common/Logging.h"
#include "core/vault/DiskReserve.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace lantern::vault {

using record::EntryState;

namespace {

const QString kItemColumns = QStringLiteral(
    "e.uuid, e.kind, e.patient_id, e.device_id, e.author, e.witness, e.recorded_at, e.clinical_time,"
    " e.order_id, e.order_version_id, e.downtime_id, e.corrects, e.resource, e.warnings,"
    " s.state, s.attempts, s.last_error, s.server_id, s.server_version_id, s.conflict_reason, s.conflict_detail,"
    " s.decision, s.decided_by, s.decided_at, s.decision_note, s.updated_at");
const QString kUploadOrder = QStringLiteral(" ORDER BY e.patient_id, e.clinical_time, e.recorded_at, e.uuid");

QByteArray warningsJson(const QList<record::SafetyWarning>& warnings)
{
    QJsonArray list;
    for (const record::SafetyWarning& w : warnings)
        list.append(QJsonObject{{QStringLiteral("kind"), w.kind},
                                {QStringLiteral("message"), w.message},
                                {QStringLiteral("overridden"), w.overridden}});
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

QList<record::SafetyWarning> warningsFrom(const QByteArray& json)
{
    QList<record::SafetyWarning> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QLatin1String("kind")).toString(), o.value(QLatin1String("message")).toString(),
                    o.value(QLatin1String("overridden")).toBool()});
    }
    return out;
}

record::OutboxItem readItem(const Statement& s)
{
    record::OutboxItem item;
    record::RecordEntry& e = item.entry;
    e.uuid = s.text(0);
    e.kind = record::entryKindFromName(s.text(1)).value_or(record::EntryKind::Note);
    e.patientId = s.text(2);
    e.deviceId = s.text(3);
    e.author = s.text(4);
    e.witness = s.text(5);
    e.recordedAt = outboxTimeFromText(s.text(6));
    e.clinicalTime = outboxTimeFromText(s.text(7));
    e.orderId = s.text(8);
    e.orderVersionId = s.text(9);
    e.downtimeId = s.text(10);
    e.corrects = s.text(11);
    e.resource = QJsonDocument::fromJson(s.blob(12)).object();
    e.warnings = warningsFrom(s.blob(13));
    item.state = record::entryStateFromName(s.text(14)).value_or(EntryState::Pending);
    item.attempts = static_cast<int>(s.int64(15));
    item.lastError = s.text(16);
    item.serverId = s.text(17);
    item.serverVersionId = s.text(18);
    if (!s.isNull(19))
        item.conflict = record::conflictReasonFromName(s.text(19));
    item.conflictDetail = s.text(20);
    if (!s.isNull(21))
        item.decision = record::decisionFromName(s.text(21));
    item.decidedBy = s.text(22);
    item.decidedAt = outboxTimeFromText(s.text(23));
    item.decisionNote = s.text(24);
    item.updatedAt = outboxTimeFromText(s.text(25));
    return item;
}

Error notInState(const QString& uuid, EntryState state, const QString& wanted)
{
    return Error(ErrorCode::Conflict, QStringLiteral("outbox entry %1 is %2, not %3; reload the reconciliation queue")
                                          .arg(uuid, record::entryStateName(state), wanted));
}

Error noSuchEntry(const QString& uuid)
{
    return Error(ErrorCode::NotFound, QStringLiteral("no outbox entry %1 on this device").arg(uuid));
}

Status validateEntry(const record::RecordEntry& e)
{
    const auto missing = [](const char* field) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("outbox entry without %1; nothing was stored").arg(QLatin1String(field)));
    };
    if (e.uuid.isEmpty())
        return missing("uuid");
    if (e.patientId.isEmpty())
        return missing("patient");
    if (e.deviceId.isEmpty())
        return missing("device id");
    if (e.author.isEmpty())
        return missing("author");
    if (!e.recordedAt.isValid())
        return missing("recording time");
    if (!e.clinicalTime.isValid())
        return missing("clinical time");
    if (e.resource.isEmpty())
        return missing("resource");
    if (e.corrects == e.uuid)
        return Error(ErrorCode::InvalidInput, QStringLiteral("an outbox entry cannot correct itself"));
    return {};
}

} // namespace

Status runAtomically(Database& db, const std::function<Status()>& body)
{
    if (sqlite3_get_autocommit(db.handle()) == 0) {
        LANTERN_TRY(db.exec(QStringLiteral("SAVEPOINT lantern_outbox")));
        Status done = body();
        if (!done.ok()) {
            const Status undone = db.exec(QStringLiteral("ROLLBACK TO lantern_outbox"));
            if (!undone.ok())
                qCWarning(lcVault) << "undoing a failed outbox write failed:" << undone.error().message;
            (void)db.exec(QStringLiteral("RELEASE lantern_outbox"));
            return done;
        }
        return db.exec(QStringLiteral("RELEASE lantern_outbox"));
    }
    // A downtime entry must be kept on a full disk: the whole transaction once
    // more on the disk reserve's room (DiskReserve).
    return retryOnceWhenDiskFull(db.path(), [&]() -> Status {
        auto tx = Transaction::begin(db);
        if (!tx.ok())
            return tx.error();
        LANTERN_TRY(body());
        return (*tx)->commit();
    });
}

QString outboxTime(const QDateTime& t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime outboxTimeFromText(const QString& text)
{
    if (text.isEmpty())
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

// ---------------------------------------------------------------- store

Result<Statement> OutboxRepository::prepare(const QString& sql)
{
    if (m_store == OutboxStore::Production)
        return m_db.prepare(sql);
    QString drill = sql;
    drill.replace(QLatin1String("outbox_entry"), QLatin1String("drill_outbox_entry"));
    drill.replace(QLatin1String("outbox_state"), QLatin1String("drill_outbox_state"));
    return m_db.prepare(drill);
}

QString OutboxRepository::itemFrom()
{
    return QStringLiteral(" FROM outbox_entry e JOIN outbox_state s ON s.uuid = e.uuid");
}

Status OutboxRepository::refuseDrillUpload() const
{
    if (m_store == OutboxStore::Drill)
        return Error(ErrorCode::Denied, QStringLiteral("drill entries are never uploaded to the EHR"));
    return {};
}

// ---------------------------------------------------------------- append

Status OutboxRepository::append(const record::RecordEntry& entry)
{
    LANTERN_TRY(validateEntry(entry));
    return runAtomically(m_db, [&]() -> Status {
        EntryState initial = EntryState::Pending;
        if (!entry.corrects.isEmpty()) {
            auto corrected = item(entry.corrects);
            if (!corrected.ok())
                return corrected.error();
            if (!corrected->has_value())
                return noSuchEntry(entry.corrects);
            auto already = correctionOf(entry.corrects);
            if (!already.ok())
                return already.error();
            if (already->has_value())
                return Error(ErrorCode::Conflict,
                             QStringLiteral("outbox entry %1 was already corrected by %2; correct that entry instead")
                                 .arg(entry.corrects, (*already)->entry.uuid));
            const record::OutboxItem& old = **corrected;
            const bool retraction = record::isRetraction(entry);
            auto change = prepare(QStringLiteral(
                "UPDATE outbox_state SET state = ?, decision = ?, decided_by = ?, decided_at = ?, updated_at = ?"
                " WHERE uuid = ?"));
            if (!change.ok())
                return change.error();
            switch (old.state) {
            case EntryState::Uploaded:
                if (!retraction)
                    return Error(ErrorCode::Conflict,
                                 QStringLiteral("outbox entry %1 is already in the EHR: it can only be marked "
                                                "entered-in-error; record the right facts as a new entry")
                                     .arg(old.entry.uuid));
                break; // stays Uploaded until the retraction is uploaded
            case EntryState::Pending:
            case EntryState::Conflict:
            case EntryState::Superseded: {
                if (old.state == EntryState::Superseded && old.decision != record::Decision::Amend)
                    return notInState(old.entry.uuid, old.state, QStringLiteral("pending, conflict or uploaded"));
                const bool decideNow = old.state == EntryState::Conflict;
                change->bind(1, record::entryStateName(EntryState::Superseded));
                if (decideNow) {
                    change->bind(2, record::decisionName(record::Decision::Amend))
                        .bind(3, entry.author)
                        .bind(4, outboxTime(entry.recordedAt));
                } else {
                    change->bindOptional(2, old.decision ? record::decisionName(*old.decision) : QString())
                        .bindOptional(3, old.decidedBy.isEmpty() ? QString() : old.decidedBy)
                        .bindOptional(4, outboxTime(old.decidedAt));
                }
                change->bind(5, outboxTime(entry.recordedAt)).bind(6, old.entry.uuid);
                LANTERN_TRY(change->run());
                if (retraction)
                    initial = EntryState::EnteredInError; // never reached the EHR: nothing to withdraw there
                break;
            }
            case EntryState::Duplicate:
            case EntryState::EnteredInError:
                return notInState(old.entry.uuid, old.state, QStringLiteral("pending, conflict or uploaded"));
            }
        }

        auto insert = prepare(QStringLiteral(
            "INSERT INTO outbox_entry (uuid, kind, patient_id, device_id, author, witness, recorded_at, clinical_time,"
            " order_id, order_version_id, downtime_id, corrects, resource, warnings)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        if (!insert.ok())
            return insert.error();
        const auto orNull = [](const QString& s) { return s.isEmpty() ? QString() : s; };
        insert->bind(1, entry.uuid).bind(2, record::entryKindName(entry.kind)).bind(3, entry.patientId);
        insert->bind(4, entry.deviceId).bind(5, entry.author).bindOptional(6, orNull(entry.witness));
        insert->bind(7, outboxTime(entry.recordedAt)).bind(8, outboxTime(entry.clinicalTime));
        insert->bindOptional(9, orNull(entry.orderId)).bindOptional(10, orNull(entry.orderVersionId));
        insert->bindOptional(11, orNull(entry.downtimeId)).bindOptional(12, orNull(entry.corrects));
        insert->bindBlob(13, QJsonDocument(entry.resource).toJson(QJsonDocument::Compact));
        insert->bindBlob(14, warningsJson(entry.warnings));
        Status inserted = insert->run();
        if (!inserted.ok()) {
            if (inserted.error().code == ErrorCode::Conflict)
                return Error(ErrorCode::Conflict,
                             QStringLiteral("an outbox entry %1 already exists; nothing was stored").arg(entry.uuid));
            return inserted;
        }
        auto state = prepare(QStringLiteral("INSERT INTO outbox_state (uuid, state, updated_at) VALUES (?, ?, ?)"));
        if (!state.ok())
            return state.error();
        state->bind(1, entry.uuid).bind(2, record::entryStateName(initial)).bind(3, outboxTime(entry.recordedAt));
        return state->run();
    });
}

// ---------------------------------------------------------------- reading

Result<std::optional<record::OutboxItem>> OutboxRepository::item(const QString& uuid)
{
    auto stmt = prepare(QStringLiteral("SELECT ") + kItemColumns + itemFrom() + QStringLiteral(" WHERE e.uuid = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, uuid);
    return stmt->first<record::OutboxItem>(readItem);
}

Result<std::optional<record::OutboxItem>> OutboxRepository::correctionOf(const QString& uuid)
{
    auto stmt = prepare(QStringLiteral("SELECT ") + kItemColumns + itemFrom() +
                             QStringLiteral(" WHERE e.corrects = ? ORDER BY e.recorded_at LIMIT 1"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, uuid);
    return stmt->first<record::OutboxItem>(readItem);
}

Result<QList<record::OutboxItem>> OutboxRepository::items(const OutboxFilter& filter)
{
    QString sql = QStringLiteral("SELECT ") + kItemColumns + itemFrom() + QStringLiteral(" WHERE 1 = 1");
    QStringList values;
    if (filter.state) {
        sql += QStringLiteral(" AND s.state = ?");
        values << record::entryStateName(*filter.state);
    }
    if (!filter.patientId.isEmpty()) {
        sql += QStringLiteral(" AND e.patient_id = ?");
        values << filter.patientId;
    }
    if (!filter.downtimeId.isEmpty()) {
        sql += QStringLiteral(" AND e.downtime_id = ?");
        values << filter.downtimeId;
    }
    if (filter.kind) {
        sql += QStringLiteral(" AND e.kind = ?");
        values << record::entryKindName(*filter.kind);
    }
    if (!filter.orderId.isEmpty()) {
        sql += QStringLiteral(" AND e.order_id = ?");
        values << filter.orderId;
    }
    auto stmt = prepare(sql + kUploadOrder);
    if (!stmt.ok())
        return stmt.error();
    for (int i = 0; i < values.size(); ++i)
        stmt->bind(i + 1, values.at(i));
    return stmt->collect<record::OutboxItem>(readItem);
}

Result<QList<record::OutboxItem>> OutboxRepository::pending()
{
    return items({EntryState::Pending, {}, {}, {}, {}});
}

Result<OutboxCounts> OutboxRepository::counts(const QString& downtimeId)
{
    QString sql = QStringLiteral("SELECT s.state, COUNT(*)") + itemFrom();
    if (!downtimeId.isEmpty())
        sql += QStringLiteral(" WHERE e.downtime_id = ?");
    auto stmt = prepare(sql + QStringLiteral(" GROUP BY s.state"));
    if (!stmt.ok())
        return stmt.error();
    if (!downtimeId.isEmpty())
        stmt->bind(1, downtimeId);
    OutboxCounts counts;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            return counts;
        const int n = static_cast<int>(stmt->int64(1));
        switch (record::entryStateFromName(stmt->text(0)).value_or(EntryState::Pending)) {
        case EntryState::Pending: counts.pending += n; break;
        case EntryState::Uploaded: counts.uploaded += n; break;
        case EntryState::Conflict: counts.conflict += n; break;
        case EntryState::Duplicate: counts.duplicate += n; break;
        case EntryState::Superseded: counts.superseded += n; break;
        case EntryState::EnteredInError: counts.enteredInError += n; break;
        }
    }
}

Result<QHash<QString, int>> OutboxRepository::openEntriesByPatient()
{
    auto stmt = prepare(QStringLiteral("SELECT e.patient_id, COUNT(*)") + itemFrom() +
                             QStringLiteral(" WHERE s.state IN ('pending', 'conflict') GROUP BY e.patient_id"));
    if (!stmt.ok())
        return stmt.error();
    QHash<QString, int> out;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            return out;
        out.insert(stmt->text(0), static_cast<int>(stmt->int64(1)));
    }
}

} // namespace lantern::vault
