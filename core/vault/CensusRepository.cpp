#include "vault/CensusRepository.h"

namespace lantern::vault {
namespace {

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

Result<QHash<QString, qint64>> CensusRepository::activeMedicationCounts()
{
    auto stmt = m_db.prepare(QStringLiteral(
        "SELECT patient_id, COUNT(*) FROM resource WHERE patient_id IS NOT NULL AND ("
        " (type = 'MedicationRequest' AND status = 'active') OR"
        " (type = 'MedicationStatement' AND status IN ('active', 'intended')))"
        " GROUP BY patient_id"));
    if (!stmt.ok())
        return stmt.error();
    QHash<QString, qint64> out;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        out.insert(stmt->text(0), stmt->int64(1));
    }
    return out;
}

Result<QList<StoredResource>> CensusRepository::patientResources(const QString& type, const QStringList& statuses,
                                                                 const QStringList& excludedStatuses)
{
    QString sql = QStringLiteral("SELECT type, id, patient_id, status, json FROM resource"
                                 " WHERE type = ? AND patient_id IS NOT NULL AND patient_id <> ''");
    if (!statuses.isEmpty())
        sql += QStringLiteral(" AND status IN (") + placeholders(statuses.size()) + QLatin1Char(')');
    if (!excludedStatuses.isEmpty())
        sql += QStringLiteral(" AND (status IS NULL OR status NOT IN (") + placeholders(excludedStatuses.size())
            + QStringLiteral("))");
    auto stmt = m_db.prepare(sql);
    if (!stmt.ok())
        return stmt.error();
    int i = 1;
    stmt->bind(i++, type);
    for (const QString& s : statuses)
        stmt->bind(i++, s);
    for (const QString& s : excludedStatuses)
        stmt->bind(i++, s);
    return collect(*stmt);
}

Result<QList<StoredResource>> CensusRepository::sharedResources(const QString& type)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT type, id, patient_id, status, json FROM resource"
                                            " WHERE type = ? AND (patient_id IS NULL OR patient_id = '')"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type);
    return collect(*stmt);
}

Result<QList<StoredResource>> CensusRepository::collect(Statement& stmt)
{
    QList<StoredResource> out;
    for (;;) {
        auto row = stmt.step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        StoredResource r;
        r.type = stmt.text(0);
        r.id = stmt.text(1);
        r.patientId = stmt.text(2);
        r.status = stmt.text(3);
        r.json = stmt.blob(4);
        out.append(std::move(r));
    }
    return out;
}

} // namespace lantern::vault
