#include "core/vault/DrillRepository.h"

#include "core/vault/OutboxRepository.h"

namespace lantern::vault {

Result<std::optional<DrillRecord>> DrillRepository::current()
{
    auto stmt = m_db.prepare(
        QStringLiteral("SELECT id, started_at, started_by, data_as_of, audit_seq FROM drill WHERE slot = 1"));
    if (!stmt.ok())
        return stmt.error();
    return stmt->first<DrillRecord>([](const Statement& s) {
        return DrillRecord{s.text(0), outboxTimeFromText(s.text(1)), s.text(2), outboxTimeFromText(s.text(3)),
                           s.int64(4)};
    });
}

Status DrillRepository::start(const DrillRecord& drill)
{
    return runAtomically(m_db, [&]() -> Status {
        auto running = current();
        if (!running.ok())
            return running.error();
        if (running->has_value())
            return Error(ErrorCode::Conflict, QStringLiteral("drill %1 is already running since %2; end it first")
                                                  .arg((*running)->id, outboxTime((*running)->startedAt)));
        auto stmt = m_db.prepare(QStringLiteral("INSERT INTO drill (slot, id, started_at, started_by, data_as_of, audit_seq)"
                                                " VALUES (1, ?, ?, ?, ?, ?)"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, drill.id).bind(2, outboxTime(drill.startedAt)).bind(3, drill.startedBy);
        stmt->bindOptional(4, drill.dataAsOf.isValid() ? outboxTime(drill.dataAsOf) : QString());
        stmt->bind(5, drill.auditSeq);
        return stmt->run();
    });
}

Result<QMap<QString, int>> DrillRepository::entriesByKind()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT kind, COUNT(*) FROM drill_outbox_entry GROUP BY kind"));
    if (!stmt.ok())
        return stmt.error();
    auto rows = stmt->collect<QPair<QString, int>>(
        [](const Statement& row) { return qMakePair(row.text(0), int(row.int64(1))); });
    if (!rows.ok())
        return rows.error();
    QMap<QString, int> counts;
    for (const auto& [kind, count] : std::as_const(*rows))
        counts.insert(kind, count);
    return counts;
}

Result<int> DrillRepository::discard()
{
    int discarded = 0;
    Status done = runAtomically(m_db, [&]() -> Status {
        auto count = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM drill_outbox_entry"));
        if (!count.ok())
            return count.error();
        discarded = count->toInt();
        LANTERN_TRY(m_db.exec(QStringLiteral("DELETE FROM drill_outbox_state")));
        LANTERN_TRY(m_db.exec(QStringLiteral("DELETE FROM drill_outbox_entry")));
        return m_db.exec(QStringLiteral("DELETE FROM drill"));
    });
    if (!done.ok())
        return done.error();
    return discarded;
}

Result<QDateTime> DrillRepository::oldestDataAsOf()
{
    auto value = m_db.scalar(QStringLiteral("SELECT MIN(data_as_of) FROM mirror_ward"));
    if (!value.ok())
        return value.error();
    if (value->isNull() || value->toString().isEmpty())
        return QDateTime();
    return QDateTime::fromString(value->toString(), Qt::ISODateWithMs).toUTC();
}

} // namespace lantern::vault
