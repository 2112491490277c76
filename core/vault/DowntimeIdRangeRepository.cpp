// DowntimeIdRangeRepository (declared in OutboxRepository.h): the device's
// block of downtime identifiers. The only rule that matters for safety: a
// number once handed out is never handed out again on this device, so `next`
// only ever moves forward within one identifier namespace (system + prefix).

#include "core/vault/OutboxRepository.h"

namespace lantern::vault {
namespace {

bool sameNamespace(const DowntimeIdRange& a, const DowntimeIdRange& b)
{
    return a.system == b.system && a.prefix == b.prefix;
}

QString format(const DowntimeIdRange& range, qint64 number)
{
    const int width = static_cast<int>(QString::number(range.last).size());
    return range.prefix + QStringLiteral("%1").arg(number, width, 10, QLatin1Char('0'));
}

} // namespace

Status DowntimeIdRangeRepository::configure(const DowntimeIdRange& requested)
{
    if (requested.system.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a downtime identifier range needs its identifier system"));
    if (requested.first <= 0 || requested.last < requested.first)
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a downtime identifier range needs 0 < first <= last (got %1..%2)")
                         .arg(requested.first)
                         .arg(requested.last));
    DowntimeIdRange range = requested;
    const bool nextGiven = range.next != 0;
    if (!nextGiven)
        range.next = range.first;
    return runAtomically(m_db, [&]() -> Status {
        auto current = this->range();
        if (!current.ok())
            return current.error();
        if (current->has_value() && sameNamespace(**current, range) && (*current)->next > range.next) {
            if (nextGiven)
                return Error(ErrorCode::Conflict,
                             QStringLiteral("the downtime identifier range would move back from %1 to %2, which would "
                                            "hand out numbers again; choose a range starting at %1 or later")
                                 .arg((*current)->next)
                                 .arg(range.next));
            range.next = (*current)->next; // keep what was handed out
        }
        if (range.next < range.first || range.next > range.last + 1)
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("the next downtime number %1 lies outside the range %2..%3")
                             .arg(range.next)
                             .arg(range.first)
                             .arg(range.last));
        auto stmt = m_db.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO downtime_id_range (slot, system, prefix, first, last, next) VALUES (1, ?, ?, ?, ?, ?)"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, range.system).bind(2, range.prefix).bind(3, range.first).bind(4, range.last).bind(5, range.next);
        return stmt->run();
    });
}

Result<std::optional<DowntimeIdRange>> DowntimeIdRangeRepository::range()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT system, prefix, first, last, next FROM downtime_id_range WHERE slot = 1"));
    if (!stmt.ok())
        return stmt.error();
    return stmt->first<DowntimeIdRange>([](const Statement& s) {
        return DowntimeIdRange{s.text(0), s.text(1), s.int64(2), s.int64(3), s.int64(4)};
    });
}

Result<QString> DowntimeIdRangeRepository::allocate()
{
    QString value;
    Status done = runAtomically(m_db, [&]() -> Status {
        auto current = range();
        if (!current.ok())
            return current.error();
        if (!current->has_value())
            return Error(ErrorCode::NotFound,
                         QStringLiteral("this device has no downtime identifier range; hospital IT must configure one "
                                        "(lanternctl) before patients can be admitted during downtime"));
        const DowntimeIdRange& r = **current;
        if (r.next > r.last)
            return Error(ErrorCode::Conflict,
                         QStringLiteral("this device's downtime identifier range (%1..%2) is used up; use the paper "
                                        "downtime numbers and ask hospital IT for a new range")
                             .arg(format(r, r.first), format(r, r.last)));
        auto stmt = m_db.prepare(QStringLiteral("UPDATE downtime_id_range SET next = next + 1 WHERE slot = 1 AND next = ?"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, r.next);
        LANTERN_TRY(stmt->run());
        if (m_db.changes() != 1)
            return Error(ErrorCode::Conflict, QStringLiteral("the downtime identifier range changed meanwhile; try again"));
        value = format(r, r.next);
        return {};
    });
    if (!done.ok())
        return done.error();
    return value;
}

} // namespace lantern::vault
