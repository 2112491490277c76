#include "core/vault/QuarantineRepository.h"

#include <QCryptographicHash>

namespace lantern::vault {
namespace {

QString keyOf(const QuarantinedResource& r)
{
    if (!r.resourceId.isEmpty())
        return r.resourceId;
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(r.json, QCryptographicHash::Sha256).toHex());
}

} // namespace

Status QuarantineRepository::put(const QuarantinedResource& r)
{
    auto stmt = m_db.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO quarantine (patient_id, type, resource_key, resource_id, reason, bears_allergies,"
        " source, received_at, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, r.patientId).bind(2, r.type).bind(3, keyOf(r)).bind(4, r.resourceId).bind(5, r.reason);
    stmt->bind(6, r.bearsAllergies ? 1 : 0).bind(7, r.source).bind(8, r.receivedAt).bindBlob(9, r.json);
    return stmt->run();
}

Result<QList<QuarantinedResource>> QuarantineRepository::forPatient(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT patient_id, type, resource_id, reason, bears_allergies, source,"
                                            " received_at, json FROM quarantine WHERE patient_id = ? ORDER BY type, qid"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return stmt->collect<QuarantinedResource>([](const Statement& s) {
        return QuarantinedResource{s.text(0), s.text(1), s.text(2), s.text(3), s.int64(4) != 0, s.text(5), s.text(6), s.blob(7)};
    });
}

Result<QHash<QString, QuarantineCounts>> QuarantineRepository::countsByPatient()
{
    auto stmt = m_db.prepare(
        QStringLiteral("SELECT patient_id, COUNT(*), SUM(bears_allergies) FROM quarantine GROUP BY patient_id"));
    if (!stmt.ok())
        return stmt.error();
    QHash<QString, QuarantineCounts> out;
    for (;;) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            return out;
        out.insert(stmt->text(0), QuarantineCounts{stmt->int64(1), stmt->int64(2)});
    }
}

Result<bool> QuarantineRepository::isEmpty()
{
    auto any = m_db.scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM quarantine)"));
    if (!any.ok())
        return any.error();
    return any->toInt() == 0;
}

Status QuarantineRepository::release(const QString& type, const QString& id)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM quarantine WHERE type = ? AND resource_key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, type).bind(2, id);
    return stmt->run();
}

Status QuarantineRepository::removePatient(const QString& patientId)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM quarantine WHERE patient_id = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, patientId);
    return stmt->run();
}

} // namespace lantern::vault
