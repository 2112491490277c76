#include "core/vault/MirrorRepository.h"

namespace lantern::vault {

namespace {

// The remaining rows' first two text columns.
Result<QList<QPair<QString, QString>>> textPairs(Statement& stmt)
{
    return stmt.collect<QPair<QString, QString>>([](const Statement& s) { return qMakePair(s.text(0), s.text(1)); });
}

// The same as a hash: first column -> second.
Result<QHash<QString, QString>> textPairsAsHash(Statement& stmt)
{
    auto pairs = textPairs(stmt);
    if (!pairs.ok())
        return pairs.error();
    QHash<QString, QString> out;
    out.reserve(pairs->size());
    for (const auto& [key, value] : std::as_const(*pairs))
        out.insert(key, value);
    return out;
}



QString instant(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseInstant(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

ScopeMember readMember(const Statement& s)
{
    return {s.text(0), s.text(1), parseInstant(s.text(2)), parseInstant(s.text(3)), s.int64(4) != 0};
}

const QString kMemberColumns = QStringLiteral("patient_id, ward, last_seen, out_of_scope_since, loaded");

} // namespace

Result<Statement*> MirrorRepository::cached(std::optional<Statement>& slot, const QString& sql)
{
    if (!slot) {
        auto prepared = m_db.prepare(sql);
        if (!prepared.ok())
            return prepared.error();
        slot.emplace(std::move(*prepared));
    }
    slot->reset();
    return &*slot;
}

Result<std::optional<QDateTime>> MirrorRepository::cursor(const QString& name)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT server_time FROM mirror_cursor WHERE name = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return std::optional<QDateTime>();
    return std::optional<QDateTime>(parseInstant(stmt->text(0)));
}

Status MirrorRepository::setCursor(const QString& name, const QDateTime& serverTime)
{
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO mirror_cursor (name, server_time) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, name).bind(2, instant(serverTime));
    return stmt->run();
}

Status MirrorRepository::initCursor(const QString& name, const QDateTime& serverTime)
{
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR IGNORE INTO mirror_cursor (name, server_time) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, name).bind(2, instant(serverTime));
    return stmt->run();
}

Result<QList<ScopeMember>> MirrorRepository::scope()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT ") + kMemberColumns + QStringLiteral(" FROM mirror_scope ORDER BY patient_id"));
    if (!stmt.ok())
        return stmt.error();
    return stmt->collect<ScopeMember>(readMember);
}

Result<std::optional<ScopeMember>> MirrorRepository::member(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT ") + kMemberColumns + QStringLiteral(" FROM mirror_scope WHERE patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return stmt->first<ScopeMember>(readMember);
}

Status MirrorRepository::markInScope(const QString& patientId, const QString& ward, const QDateTime& serverTime)
{
    auto insert = m_db.prepare(QStringLiteral("INSERT OR IGNORE INTO mirror_scope (patient_id, ward, last_seen, loaded)"
                                              " VALUES (?, ?, ?, 0)"));
    if (!insert.ok())
        return insert.error();
    insert->bind(1, patientId).bind(2, ward).bind(3, instant(serverTime));
    LANTERN_TRY(insert->run());
    auto update = m_db.prepare(QStringLiteral("UPDATE mirror_scope SET ward = ?, last_seen = ?, out_of_scope_since = NULL"
                                              " WHERE patient_id = ?"));
    if (!update.ok())
        return update.error();
    update->bind(1, ward).bind(2, instant(serverTime)).bind(3, patientId);
    return update->run();
}

Status MirrorRepository::markOutOfScope(const QString& patientId, const QDateTime& deviceTime)
{
    auto stmt = m_db.prepare(QStringLiteral("UPDATE mirror_scope SET out_of_scope_since = ?"
                                            " WHERE patient_id = ? AND out_of_scope_since IS NULL"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, instant(deviceTime)).bind(2, patientId);
    return stmt->run();
}

Status MirrorRepository::markLoaded(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("UPDATE mirror_scope SET loaded = 1 WHERE patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return stmt->run();
}

Status MirrorRepository::removeMember(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM mirror_scope WHERE patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return stmt->run();
}

Result<qint64> MirrorRepository::patientsInScope()
{
    auto v = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM mirror_scope WHERE out_of_scope_since IS NULL"));
    if (!v.ok())
        return v.error();
    return v->toLongLong();
}

Result<QHash<QString, QDateTime>> MirrorRepository::dataAsOf()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT ward, data_as_of FROM mirror_ward"));
    if (!stmt.ok())
        return stmt.error();
    QHash<QString, QDateTime> out;
    while (true) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        out.insert(stmt->text(0), parseInstant(stmt->text(1)));
    }
    return out;
}

Status MirrorRepository::setDataAsOf(const QString& ward, const QDateTime& serverTime)
{
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO mirror_ward (ward, data_as_of) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, ward).bind(2, instant(serverTime));
    return stmt->run();
}

Status MirrorRepository::removeWard(const QString& ward)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM mirror_ward WHERE ward = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, ward);
    return stmt->run();
}

Result<QString> MirrorRepository::state(const QString& key)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT value FROM mirror_state WHERE key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, key);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Status MirrorRepository::setState(const QString& key, const QString& value)
{
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO mirror_state (key, value) VALUES (?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, key).bind(2, value);
    return stmt->run();
}

Status MirrorRepository::removeState(const QString& key)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM mirror_state WHERE key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, key);
    return stmt->run();
}

Result<QHash<QString, QString>> MirrorRepository::statesWithPrefix(const QString& prefix)
{
    // substr, not LIKE: ward ids may hold '_' and '%'.
    auto stmt = m_db.prepare(QStringLiteral("SELECT key, value FROM mirror_state WHERE substr(key, 1, ?) = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, qint64(prefix.size())).bind(2, prefix);
    return textPairsAsHash(*stmt);
}

Result<std::optional<StoredVersionInfo>> MirrorRepository::storedVersion(const QString& type, const QString& id)
{
    auto stmt = cached(m_storedVersion, QStringLiteral("SELECT version_id, last_updated FROM resource WHERE type = ? AND id = ?"));
    if (!stmt.ok())
        return stmt.error();
    Statement& s = **stmt;
    s.bind(1, type).bind(2, id);
    auto row = s.step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return std::optional<StoredVersionInfo>();
    StoredVersionInfo info{s.text(0), s.text(1)};
    s.reset();
    return std::optional<StoredVersionInfo>(info);
}

Result<QList<QPair<QString, QString>>> MirrorRepository::resourceKeysOfPatient(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT type, id FROM resource WHERE patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return textPairs(*stmt);
}

Result<QHash<QString, QString>> MirrorRepository::versionsOfType(const QString& type)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT id, version_id FROM resource WHERE type = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type);
    return textPairsAsHash(*stmt);
}

} // namespace lantern::vault
