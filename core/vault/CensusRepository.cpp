#include "core/vault/CensusRepository.h"

namespace lantern::vault {
namespace {

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

// Every query here says "census IS NOT NULL" so SQLite may use the partial index.
const QString kFactsWhere = QStringLiteral(" FROM resource WHERE census IS NOT NULL AND census <> ''");

} // namespace

Result<QList<CensusFactRow>> CensusRepository::facts(const QString& type)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT patient_id, census") + kFactsWhere + QStringLiteral(" AND type = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type);
    return stmt->collect<CensusFactRow>([](const Statement& s) { return CensusFactRow{s.text(0), s.text(1)}; });
}

Result<QHash<QString, QString>> CensusRepository::latestFactsByPatient(const QString& type)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT patient_id, MAX(census)") + kFactsWhere +
                             QStringLiteral(" AND type = ? AND patient_id IS NOT NULL GROUP BY patient_id"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type);
    QHash<QString, QString> out;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            return out;
        out.insert(stmt->text(0), stmt->text(1));
    }
}

Result<QHash<QString, qint64>> CensusRepository::countByPatient(const QStringList& types, const QString& facts)
{
    QHash<QString, qint64> out;
    // One query per type keeps each an index range scan in patient order.
    for (const QString& type : types) {
        auto stmt = m_db.prepare(QStringLiteral("SELECT patient_id, COUNT(*) FROM resource WHERE census IS NOT NULL"
                                                " AND type = ? AND patient_id IS NOT NULL AND census = ?"
                                                " GROUP BY patient_id"));
        if (!stmt.ok())
            return stmt.error();
        stmt->bind(1, type).bind(2, facts);
        for (;;) {
            auto row = stmt->step();
            if (!row.ok())
                return row.error();
            if (!*row)
                break;
            out[stmt->text(0)] += stmt->int64(1);
        }
    }
    return out;
}

Result<QList<ResourceToDerive>> CensusRepository::resourcesToDerive(const QStringList& types, qint64 afterRowId, int limit)
{
    // "+type": walk the rowid range in order instead of letting the planner pick an index on
    // type and sort every batch again, which made the whole backfill quadratic in the vault's size.
    auto stmt = m_db.prepare(QStringLiteral("SELECT rid, type, json FROM resource WHERE rid > ? AND +type IN (") +
                             placeholders(types.size()) + QStringLiteral(") ORDER BY rid LIMIT ?"));
    if (!stmt.ok())
        return stmt.error();
    int i = 1;
    stmt->bind(i++, afterRowId);
    for (const QString& type : types)
        stmt->bind(i++, type);
    stmt->bind(i, qint64(limit));
    return stmt->collect<ResourceToDerive>(
        [](const Statement& s) { return ResourceToDerive{s.int64(0), s.text(1), s.blob(2)}; });
}

Status CensusRepository::setFacts(qint64 rowId, const QString& facts)
{
    if (!m_setFacts) {
        auto prepared = m_db.prepare(QStringLiteral("UPDATE resource SET census = ? WHERE rid = ?"));
        if (!prepared.ok())
            return prepared.error();
        m_setFacts.emplace(std::move(*prepared));
    }
    m_setFacts->reset();
    m_setFacts->bindOptional(1, facts).bind(2, rowId);
    return m_setFacts->run();
}

Result<QList<StoredResource>> CensusRepository::sharedResources(const QString& type)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT type, id, patient_id, status, json FROM resource"
                                            " WHERE type = ? AND (patient_id IS NULL OR patient_id = '')"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type);
    return stmt->collect<StoredResource>([](const Statement& s) {
        StoredResource r;
        r.type = s.text(0);
        r.id = s.text(1);
        r.patientId = s.text(2);
        r.status = s.text(3);
        r.json = s.blob(4);
        return r;
    });
}

} // namespace lantern::vault
