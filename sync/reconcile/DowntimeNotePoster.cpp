#include "sync/reconcile/DowntimeNotePoster.h"

#include "sync/reconcile/EntryResource.h"
#include "sync/reconcile/PatientMergeCheck.h"
#include "sync/reconcile/PatientResolver.h"
#include "sync/reconcile/ReconcileLogging.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QMap>
#include <QUuid>

namespace lantern::sync {

namespace {

// Namespace of Lantern's name-based (v5) downtime-note uuids.
const QUuid kNoteNamespace(QStringLiteral("{6f0d7c52-3f4e-5a8b-9c1d-2e7f4a6b8c90}"));

bool inEhr(record::EntryState state)
{
    return state == record::EntryState::Uploaded || state == record::EntryState::EnteredInError;
}

QString instantText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("?");
}

} // namespace

DowntimeWindow windowOf(const QList<record::OutboxItem>& items, const QString& downtimeId)
{
    DowntimeWindow window;
    auto widen = [&](const QDateTime& t) {
        if (!t.isValid())
            return;
        if (!window.start.isValid() || t < window.start)
            window.start = t;
        if (!window.end.isValid() || t > window.end)
            window.end = t;
    };
    for (const record::OutboxItem& item : items) {
        if (item.entry.downtimeId != downtimeId)
            continue;
        widen(item.entry.clinicalTime);
        widen(item.entry.recordedAt);
    }
    return window;
}

QString DowntimeNotePoster::noteUuid(const QString& downtimeId, const QString& patientId)
{
    return QUuid::createUuidV5(kNoteNamespace, downtimeId + QLatin1Char('|') + patientId).toString(QUuid::WithoutBraces);
}

QJsonObject DowntimeNotePoster::buildNote(const QString& downtimeId, const QString& patientId, const QString& serverPatientId,
                                          const QString& deviceId, const DowntimeWindow& window, const QDateTime& now)
{
    const QString text =
        QStringLiteral("The EHR was unavailable (downtime %1). Between %2 and %3 care for this patient was documented "
                       "offline in Lantern (device %4); those entries were filed afterwards with their original times. "
                       "Entries made on paper during this time are back-charted separately.")
            .arg(downtimeId, instantText(window.start), instantText(window.end), deviceId);
    QJsonObject period;
    if (window.start.isValid())
        period.insert(QStringLiteral("start"), fhirInstant(window.start));
    if (window.end.isValid())
        period.insert(QStringLiteral("end"), fhirInstant(window.end));
    QJsonObject coding{{QStringLiteral("system"), QStringLiteral("http://loinc.org")},
                       {QStringLiteral("code"), QStringLiteral("11506-3")},
                       {QStringLiteral("display"), QStringLiteral("Progress note")}};
    QJsonArray codings;
    codings.append(coding);
    QJsonObject type{{QStringLiteral("coding"), codings}, {QStringLiteral("text"), QStringLiteral("EHR downtime note")}};
    QJsonObject attachment{{QStringLiteral("contentType"), QStringLiteral("text/plain; charset=utf-8")},
                           {QStringLiteral("title"), QStringLiteral("EHR downtime")},
                           {QStringLiteral("data"), QString::fromLatin1(text.toUtf8().toBase64())}};
    QJsonObject content{{QStringLiteral("attachment"), attachment}};
    QJsonObject subject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + serverPatientId)}};
    QJsonObject context{{QStringLiteral("period"), period}};
    QJsonObject note;
    note.insert(QStringLiteral("resourceType"), QStringLiteral("DocumentReference"));
    note.insert(QStringLiteral("status"), QStringLiteral("current"));
    note.insert(QStringLiteral("docStatus"), QStringLiteral("final"));
    note.insert(QStringLiteral("type"), type);
    note.insert(QStringLiteral("subject"), subject);
    note.insert(QStringLiteral("date"), fhirInstant(now));
    note.insert(QStringLiteral("description"), QStringLiteral("EHR downtime: documentation recorded offline"));
    QJsonArray contents;
    contents.append(content);
    note.insert(QStringLiteral("content"), contents);
    note.insert(QStringLiteral("context"), context);
    return withEntryIdentifier(note, noteUuid(downtimeId, patientId));
}

StepResult<int> DowntimeNotePoster::postMissing(const QList<record::OutboxItem>& items, PatientResolver& patients,
                                                PatientMergeCheck* merges)
{
    // (downtime, patient) -> the device that recorded there, in a stable order.
    QMap<QPair<QString, QString>, QString> wanted;
    for (const record::OutboxItem& item : items)
        if (!item.entry.downtimeId.isEmpty() && inEhr(item.state))
            wanted.insert({item.entry.downtimeId, item.entry.patientId}, item.entry.deviceId);
    int posted = 0;
    for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it) {
        const auto& [downtimeId, patientId] = it.key();
        auto done = m_outbox.downtimeNotePosted(downtimeId, patientId);
        if (!done.ok())
            return {done.error(), FailureKind::Local};
        if (*done)
            continue;
        auto serverPatient = patients.serverId(patientId);
        if (!serverPatient.ok())
            return {serverPatient.error(), FailureKind::Local};
        if (!*serverPatient)
            continue;
        QString target = **serverPatient;
        if (merges) {
            const StepResult<PatientMergeStatus> merged = merges->status(target);
            if (merged.stop())
                return {merged.error(), merged.stopKind};
            if (merged.ok() && merged.value().mergedAway) {
                if (merged.value().survivorId.isEmpty())
                    continue; // no record to put it on: the entries wait in conflict anyway
                target = merged.value().survivorId;
            }
        }
        const QString uuid = noteUuid(downtimeId, patientId);
        const QJsonObject note =
            buildNote(downtimeId, patientId, target, it.value(), windowOf(items, downtimeId), m_clock.now());
        auto created = m_client.create(note, entryIdentifierQuery(uuid));
        if (!created.ok()) {
            StepResult<int> failed = fromFailure<int>(created);
            if (failed.stop())
                return failed;
            qCWarning(lcReconcile) << "downtime note" << uuid << "refused by the EHR with HTTP" << created.httpStatus();
            continue;
        }
        const QString serverId = serverIdOf(*created, QStringLiteral("DocumentReference"));
        Status marked = m_outbox.markDowntimeNotePosted(downtimeId, patientId, serverId);
        if (!marked.ok())
            return {marked.error(), FailureKind::Local};
        ++posted;
    }
    return {posted};
}

} // namespace lantern::sync
