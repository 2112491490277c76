#include "core/vault/SnapshotRepository.h"

#include <QJsonValue>
#include <QStringList>

namespace lantern::vault {
namespace {

// Column order of the SELECT and the INSERTs below; blobs and integers named apart.
const QStringList kEntryColumns = {QStringLiteral("uuid"),        QStringLiteral("kind"),          QStringLiteral("patient_id"),
                                   QStringLiteral("device_id"),   QStringLiteral("author"),        QStringLiteral("witness"),
                                   QStringLiteral("recorded_at"), QStringLiteral("clinical_time"), QStringLiteral("order_id"),
                                   QStringLiteral("order_version_id"), QStringLiteral("downtime_id"), QStringLiteral("corrects"),
                                   QStringLiteral("resource"),    QStringLiteral("warnings")};
const QStringList kStateColumns = {QStringLiteral("state"),          QStringLiteral("attempts"),        QStringLiteral("last_error"),
                                   QStringLiteral("server_id"),      QStringLiteral("server_version_id"), QStringLiteral("conflict_reason"),
                                   QStringLiteral("conflict_detail"), QStringLiteral("decision"),        QStringLiteral("decided_by"),
                                   QStringLiteral("decided_at"),     QStringLiteral("decision_note"),   QStringLiteral("updated_at")};
const QStringList kBlobColumns = {QStringLiteral("resource"), QStringLiteral("warnings")};
const QStringList kNotNull = {QStringLiteral("uuid"),        QStringLiteral("kind"),     QStringLiteral("patient_id"),
                              QStringLiteral("device_id"),   QStringLiteral("author"),   QStringLiteral("recorded_at"),
                              QStringLiteral("clinical_time"), QStringLiteral("resource"), QStringLiteral("warnings"),
                              QStringLiteral("state"),       QStringLiteral("attempts"), QStringLiteral("updated_at")};

QJsonValue columnValue(const Statement& s, int i, const QString& column)
{
    if (s.isNull(i))
        return QJsonValue::Null;
    if (kBlobColumns.contains(column))
        return QString::fromLatin1(s.blob(i).toBase64());
    if (column == QLatin1String("attempts"))
        return s.int64(i);
    return s.text(i);
}

Status bindColumn(Statement& s, int index, const QJsonObject& row, const QString& column)
{
    const QJsonValue v = row.value(column);
    if (v.isUndefined() || (v.isNull() && kNotNull.contains(column)))
        return Error(ErrorCode::InvalidInput, QStringLiteral("an outbox entry lacks its %1").arg(column));
    if (v.isNull())
        s.bindNull(index);
    else if (kBlobColumns.contains(column))
        s.bindBlob(index, QByteArray::fromBase64(v.toString().toLatin1()));
    else if (column == QLatin1String("attempts"))
        s.bind(index, static_cast<qint64>(v.toDouble()));
    else if (v.isString())
        s.bind(index, v.toString());
    else
        return Error(ErrorCode::InvalidInput, QStringLiteral("an outbox entry's %1 is not text").arg(column));
    return {};
}

// Steps through every row, handing each to `row`; the first error stops it.
Status eachRow(Statement& stmt, const std::function<Status(const Statement&)>& row)
{
    for (;;) {
        auto more = stmt.step();
        if (!more.ok())
            return more.error();
        if (!*more)
            return {};
        LANTERN_TRY(row(stmt));
    }
}

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1Char(','));
}

} // namespace

Status SnapshotRepository::forEachResource(const std::optional<QSet<QString>>& patients,
                                           const std::function<Status(const ExportedResource&)>& visit)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT type, id, patient_id, json FROM resource ORDER BY rid"));
    if (!stmt.ok())
        return stmt.error();
    return eachRow(*stmt, [&](const Statement& s) -> Status {
        const ExportedResource r{s.text(0), s.text(1), s.text(2), s.blob(3)};
        if (patients && !r.patientId.isEmpty() && !patients->contains(r.patientId))
            return {};
        return visit(r);
    });
}

Status SnapshotRepository::forEachUnreconciledEntry(const std::optional<QSet<QString>>& patients,
                                                    const std::function<Status(const QJsonObject&)>& visit)
{
    QStringList columns;
    for (const QString& c : kEntryColumns)
        columns << QStringLiteral("e.") + c;
    for (const QString& c : kStateColumns)
        columns << QStringLiteral("s.") + c;
    auto stmt = m_db.prepare(QStringLiteral("SELECT ") + columns.join(QLatin1Char(',')) +
                             QStringLiteral(" FROM outbox_entry e JOIN outbox_state s ON s.uuid = e.uuid"
                                            " WHERE s.state IN ('pending', 'conflict') ORDER BY e.recorded_at, e.uuid"));
    if (!stmt.ok())
        return stmt.error();
    const QStringList names = kEntryColumns + kStateColumns;
    return eachRow(*stmt, [&](const Statement& s) -> Status {
        QJsonObject entry;
        for (int i = 0; i < names.size(); ++i)
            entry.insert(names.at(i), columnValue(s, i, names.at(i)));
        if (patients && !patients->contains(entry.value(QLatin1String("patient_id")).toString()))
            return {};
        return visit(entry);
    });
}

Result<bool> SnapshotRepository::insertEntryIfAbsent(const QJsonObject& row)
{
    auto known = m_db.prepare(QStringLiteral("SELECT 1 FROM outbox_entry WHERE uuid = ?"));
    if (!known.ok())
        return known.error();
    known->bind(1, row.value(QLatin1String("uuid")).toString());
    auto exists = known->step();
    if (!exists.ok())
        return exists.error();
    if (*exists)
        return false;
    auto entry = m_db.prepare(QStringLiteral("INSERT INTO outbox_entry (") + kEntryColumns.join(QLatin1Char(',')) +
                              QStringLiteral(") VALUES (") + placeholders(kEntryColumns.size()) + QLatin1Char(')'));
    if (!entry.ok())
        return entry.error();
    for (int i = 0; i < kEntryColumns.size(); ++i)
        LANTERN_TRY(bindColumn(*entry, i + 1, row, kEntryColumns.at(i)));
    LANTERN_TRY(entry->run());
    auto state = m_db.prepare(QStringLiteral("INSERT INTO outbox_state (uuid,") + kStateColumns.join(QLatin1Char(',')) +
                              QStringLiteral(") VALUES (") + placeholders(kStateColumns.size() + 1) + QLatin1Char(')'));
    if (!state.ok())
        return state.error();
    LANTERN_TRY(bindColumn(*state, 1, row, QStringLiteral("uuid")));
    for (int i = 0; i < kStateColumns.size(); ++i)
        LANTERN_TRY(bindColumn(*state, i + 2, row, kStateColumns.at(i)));
    LANTERN_TRY(state->run());
    return true;
}

} // namespace lantern::vault
