#include "core/record/ReconcileReport.h"

#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

namespace lantern::record {
namespace {

QString iso(const QDateTime& t)
{
    return vault::outboxTime(t);
}

void putIfSet(QJsonObject& o, const QString& key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QJsonValue resolutionOf(const OutboxItem& item, const QString& amendedBy)
{
    if (!item.decision) {
        if (item.state == EntryState::Conflict)
            return QStringLiteral("open");
        return QJsonValue();
    }
    QJsonObject r{{QStringLiteral("decision"), decisionName(*item.decision)},
                  {QStringLiteral("decidedBy"), item.decidedBy},
                  {QStringLiteral("decidedAt"), iso(item.decidedAt)}};
    putIfSet(r, QStringLiteral("note"), item.decisionNote);
    putIfSet(r, QStringLiteral("amendedBy"), amendedBy);
    return r;
}

QJsonObject entryJson(const OutboxItem& item, const QString& correctedBy)
{
    const RecordEntry& e = item.entry;
    QJsonObject o{{QStringLiteral("uuid"), e.uuid},
                  {QStringLiteral("kind"), entryKindName(e.kind)},
                  {QStringLiteral("patientId"), e.patientId},
                  {QStringLiteral("deviceId"), e.deviceId},
                  {QStringLiteral("author"), e.author},
                  {QStringLiteral("recordedAt"), iso(e.recordedAt)},
                  {QStringLiteral("clinicalTime"), iso(e.clinicalTime)},
                  {QStringLiteral("state"), entryStateName(item.state)},
                  {QStringLiteral("attempts"), item.attempts}};
    putIfSet(o, QStringLiteral("witness"), e.witness);
    putIfSet(o, QStringLiteral("orderId"), e.orderId);
    putIfSet(o, QStringLiteral("orderVersionId"), e.orderVersionId);
    putIfSet(o, QStringLiteral("corrects"), e.corrects);
    putIfSet(o, QStringLiteral("correctedBy"), correctedBy);
    putIfSet(o, QStringLiteral("lastError"), item.lastError);
    putIfSet(o, QStringLiteral("serverId"), item.serverId);
    putIfSet(o, QStringLiteral("serverVersionId"), item.serverVersionId);
    QJsonArray warnings;
    for (const SafetyWarning& w : e.warnings) // kinds only: the messages name drugs
        warnings.append(QJsonObject{{QStringLiteral("kind"), w.kind}, {QStringLiteral("overridden"), w.overridden}});
    o.insert(QStringLiteral("warnings"), warnings);
    if (item.conflict)
        o.insert(QStringLiteral("conflict"), QJsonObject{{QStringLiteral("reason"), conflictReasonName(*item.conflict)},
                                                         {QStringLiteral("detail"), item.conflictDetail}});
    const QJsonValue resolution = resolutionOf(item, item.decision == Decision::Amend ? correctedBy : QString());
    if (!resolution.isNull())
        o.insert(QStringLiteral("resolution"), resolution);
    return o;
}

} // namespace

Result<QJsonObject> ReconcileReport::build(vault::Vault& vault, const QString& downtimeId, const Clock& clock)
{
    vault::OutboxRepository outbox(vault.db());
    vault::OutboxFilter filter;
    filter.downtimeId = downtimeId;
    auto items = outbox.items(filter);
    if (!items.ok())
        return items.error();
    auto deviceId = vault.meta(QStringLiteral("vault_id"));
    if (!deviceId.ok())
        return deviceId.error();

    QHash<QString, QString> correctedBy;
    for (const OutboxItem& item : *items) {
        if (!item.entry.corrects.isEmpty())
            correctedBy.insert(item.entry.corrects, item.entry.uuid);
    }

    QJsonObject counts{{QStringLiteral("total"), int(items->size())}};
    for (EntryState s : {EntryState::Pending, EntryState::Uploaded, EntryState::Conflict, EntryState::Duplicate,
                         EntryState::Superseded, EntryState::EnteredInError})
        counts.insert(entryStateName(s), 0);
    QJsonObject byKind;
    QMap<QString, QJsonObject> patients;
    QJsonArray conflicts;
    QJsonArray entries;
    QDateTime firstRecorded, lastRecorded, firstClinical, lastClinical;
    for (const OutboxItem& item : *items) {
        const RecordEntry& e = item.entry;
        const QString state = entryStateName(item.state);
        counts.insert(state, counts.value(state).toInt() + 1);
        QJsonObject kind = byKind.value(entryKindName(e.kind)).toObject();
        kind.insert(state, kind.value(state).toInt() + 1);
        byKind.insert(entryKindName(e.kind), kind);

        QJsonObject& p = patients[e.patientId];
        p.insert(QStringLiteral("patientId"), e.patientId);
        p.insert(QStringLiteral("entries"), p.value(QStringLiteral("entries")).toInt() + 1);
        const bool open = item.state == EntryState::Pending || item.state == EntryState::Conflict;
        p.insert(QStringLiteral("open"), p.value(QStringLiteral("open")).toInt() + (open ? 1 : 0));

        if (!firstRecorded.isValid() || e.recordedAt < firstRecorded)
            firstRecorded = e.recordedAt;
        if (!lastRecorded.isValid() || e.recordedAt > lastRecorded)
            lastRecorded = e.recordedAt;
        if (!firstClinical.isValid() || e.clinicalTime < firstClinical)
            firstClinical = e.clinicalTime;
        if (!lastClinical.isValid() || e.clinicalTime > lastClinical)
            lastClinical = e.clinicalTime;

        const QString corrector = correctedBy.value(e.uuid);
        if (item.conflict) {
            QJsonObject c{{QStringLiteral("uuid"), e.uuid},
                          {QStringLiteral("patientId"), e.patientId},
                          {QStringLiteral("kind"), entryKindName(e.kind)},
                          {QStringLiteral("clinicalTime"), iso(e.clinicalTime)},
                          {QStringLiteral("reason"), conflictReasonName(*item.conflict)},
                          {QStringLiteral("detail"), item.conflictDetail},
                          {QStringLiteral("state"), state}};
            const QJsonValue resolution = resolutionOf(item, item.decision == Decision::Amend ? corrector : QString());
            c.insert(QStringLiteral("resolution"), resolution.isNull() ? QJsonValue(QStringLiteral("open")) : resolution);
            conflicts.append(c);
        }
        entries.append(entryJson(item, corrector));
    }

    QJsonArray patientList;
    for (auto it = patients.begin(); it != patients.end(); ++it) {
        QJsonObject p = it.value();
        auto mapped = outbox.mappedPatient(it.key());
        if (!mapped.ok())
            return mapped.error();
        if (mapped->has_value())
            p.insert(QStringLiteral("serverPatientId"), **mapped);
        bool posted = false;
        if (!downtimeId.isEmpty()) {
            auto note = outbox.downtimeNotePosted(downtimeId, it.key());
            if (!note.ok())
                return note.error();
            posted = *note;
        }
        p.insert(QStringLiteral("downtimeNotePosted"), posted);
        patientList.append(p);
    }

    return QJsonObject{
        {QStringLiteral("report"), QStringLiteral("lantern-reconciliation")},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("downtimeId"), downtimeId},
        {QStringLiteral("deviceId"), *deviceId},
        {QStringLiteral("generatedAt"), iso(clock.now())},
        {QStringLiteral("window"), QJsonObject{{QStringLiteral("firstRecordedAt"), iso(firstRecorded)},
                                               {QStringLiteral("lastRecordedAt"), iso(lastRecorded)},
                                               {QStringLiteral("firstClinicalTime"), iso(firstClinical)},
                                               {QStringLiteral("lastClinicalTime"), iso(lastClinical)}}},
        {QStringLiteral("counts"), counts},
        {QStringLiteral("byKind"), byKind},
        {QStringLiteral("patients"), patientList},
        {QStringLiteral("conflicts"), conflicts},
        {QStringLiteral("entries"), entries},
    };
}

Result<QByteArray> ReconcileReport::buildJson(vault::Vault& vault, const QString& downtimeId, const Clock& clock)
{
    auto report = build(vault, downtimeId, clock);
    if (!report.ok())
        return report.error();
    return QJsonDocument(*report).toJson(QJsonDocument::Indented);
}

Result<QStringList> ReconcileReport::downtimes(vault::Vault& vault)
{
    auto items = vault::OutboxRepository(vault.db()).items();
    if (!items.ok())
        return items.error();
    QSet<QString> seen;
    QList<QPair<QDateTime, QString>> order;
    for (const OutboxItem& item : *items) {
        const QString id = item.entry.downtimeId;
        if (id.isEmpty())
            continue;
        if (!seen.contains(id)) {
            seen.insert(id);
            order.append({item.entry.recordedAt, id});
        } else {
            for (auto& o : order) {
                if (o.second == id && item.entry.recordedAt < o.first)
                    o.first = item.entry.recordedAt;
            }
        }
    }
    std::sort(order.begin(), order.end());
    QStringList out;
    for (const auto& o : order)
        out << o.second;
    return out;
}

} // namespace lantern::record
