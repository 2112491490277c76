#include "sync/service/MetricsSnapshot.h"

#include "core/service/ServiceMailbox.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorCounters.h"
#include "sync/mirror/MirrorStatusStore.h"

#include <QJsonValue>

namespace lantern::sync {
namespace {

qint64 ageSeconds(const QDateTime& then, const QDateTime& now)
{
    return then.isValid() ? std::max<qint64>(0, then.secsTo(now)) : -1;
}

QJsonValue ageJson(qint64 seconds)
{
    return seconds < 0 ? QJsonValue() : QJsonValue(seconds);
}

QJsonObject countsJson(const QMap<QString, qint64>& counts)
{
    QJsonObject out;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QJsonObject diskJson(const vault::DiskStatus& d)
{
    const QString advice = vault::diskAdvice(d);
    return QJsonObject{{QStringLiteral("level"), vault::diskLevelName(d.level)},
                       {QStringLiteral("free_bytes"), d.known() ? QJsonValue(d.freeBytes) : QJsonValue()},
                       {QStringLiteral("min_free_bytes"), d.watermarkBytes},
                       {QStringLiteral("reserve_present"), d.reservePresent},
                       {QStringLiteral("advice"), advice.isEmpty() ? QJsonValue() : QJsonValue(advice)}};
}

// null while the mirror works: scripts test `last_error == null`.
QJsonValue failureJson(const MirrorFailure& f)
{
    if (f.isNone())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("kind"), f.kind},
                       {QStringLiteral("message"), f.message},
                       {QStringLiteral("http_status"), f.httpStatus > 0 ? QJsonValue(f.httpStatus) : QJsonValue()},
                       {QStringLiteral("since"), f.since.isValid() ? QJsonValue(f.since.toUTC().toString(Qt::ISODate)) : QJsonValue()},
                       {QStringLiteral("at"), f.at.isValid() ? QJsonValue(f.at.toUTC().toString(Qt::ISODate)) : QJsonValue()}};
}

} // namespace

const QStringList& errorKinds()
{
    static const QStringList kinds = {QStringLiteral("http"), QStringLiteral("timeout"),     QStringLiteral("tls"),
                                      QStringLiteral("network"), QStringLiteral("disk"), QStringLiteral("purge_guard"),
                                      QStringLiteral("other")};
    return kinds;
}

EngineFigures engineFigures(const MirrorCounters& c)
{
    EngineFigures f;
    const qint64 ms = c.lastCycleMs.load();
    f.lastCycleSeconds = ms < 0 ? -1.0 : double(ms) / 1000.0;
    f.cycles = c.cycles;
    f.failedCycles = c.failedCycles;
    f.resourcesWritten = c.resourcesWritten;
    const HttpTrafficCounters& t = *c.traffic;
    f.requests = t.requests;
    f.bytesSent = t.bytesSent;
    f.bytesReceived = t.bytesReceived;
    f.errorsByKind = {{QStringLiteral("http"), t.httpErrors.load()},
                      {QStringLiteral("timeout"), t.timeouts.load()},
                      {QStringLiteral("tls"), t.tlsErrors.load()},
                      {QStringLiteral("network"), t.networkErrors.load()},
                      {QStringLiteral("disk"), c.diskErrors.load()},
                      {QStringLiteral("purge_guard"), c.purgeGuardHolds.load()},
                      {QStringLiteral("other"), c.otherErrors.load()}};
    const QMap<QString, qint64> failed = c.failedCyclesByKind();
    for (const QString& kind : failureKinds())
        f.failedCyclesByKind.insert(kind, failed.value(kind));
    return f;
}

Result<MetricsSnapshot> collectMetrics(vault::Vault& vault, const QDateTime& now, const MirrorCounters* counters)
{
    MetricsSnapshot s;
    s.takenAt = now;
    auto status = loadMirrorStatus(vault);
    if (!status.ok())
        return status.error();
    s.ehrState = status->state;
    for (auto it = status->dataAsOfByWard.cbegin(); it != status->dataAsOfByWard.cend(); ++it) {
        s.dataAgeSecondsByWard.insert(it.key(), ageSeconds(it.value(), now));
        s.heldDropByWard.insert(it.key(), 0);
    }
    for (const ScopeDropAlarm& a : std::as_const(status->dropAlarms))
        s.heldDropByWard.insert(a.ward, a.removed);
    s.patientsInScope = status->patientsInScope;
    s.resourcesInVault = status->resourcesInVault;
    s.disk = status->disk;
    s.lastFailure = status->lastFailure;

    auto outbox = vault::OutboxRepository(vault.db()).counts();
    if (!outbox.ok())
        return outbox.error();
    s.outboxByState = {{QStringLiteral("pending"), outbox->pending},
                       {QStringLiteral("uploaded"), outbox->uploaded},
                       {QStringLiteral("conflict"), outbox->conflict},
                       {QStringLiteral("duplicate"), outbox->duplicate},
                       {QStringLiteral("superseded"), outbox->superseded},
                       {QStringLiteral("entered_in_error"), outbox->enteredInError}};
    s.conflictsWaiting = outbox->conflict; // each waits for a person's decision

    auto beat = service::ServiceMailbox(vault).heartbeat();
    if (!beat.ok())
        return beat.error();
    s.heartbeatAgeSeconds = ageSeconds(beat->lastBeat, now);
    s.serviceRunning = service::ServiceMailbox::liveness(*beat, now).running;

    if (counters)
        s.engine = engineFigures(*counters);
    return s;
}

QJsonObject metricsToJson(const MetricsSnapshot& s)
{
    QJsonObject wards;
    for (auto it = s.dataAgeSecondsByWard.cbegin(); it != s.dataAgeSecondsByWard.cend(); ++it)
        wards.insert(it.key(), QJsonObject{{QStringLiteral("data_age_seconds"), ageJson(it.value())},
                                           {QStringLiteral("held_drop_patients"), s.heldDropByWard.value(it.key())}});
    for (auto it = s.heldDropByWard.cbegin(); it != s.heldDropByWard.cend(); ++it)
        if (!wards.contains(it.key()))
            wards.insert(it.key(), QJsonObject{{QStringLiteral("data_age_seconds"), QJsonValue()},
                                               {QStringLiteral("held_drop_patients"), it.value()}});
    QJsonObject out{
        {QStringLiteral("taken_at"), s.takenAt.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("ehr_state"), ehrStateName(s.ehrState)},
        {QStringLiteral("wards"), wards},
        {QStringLiteral("patients_in_scope"), s.patientsInScope},
        {QStringLiteral("resources_in_vault"), s.resourcesInVault},
        {QStringLiteral("outbox"), countsJson(s.outboxByState)},
        {QStringLiteral("conflicts_waiting"), s.conflictsWaiting},
        {QStringLiteral("service_running"), s.serviceRunning},
        {QStringLiteral("service_heartbeat_age_seconds"), ageJson(s.heartbeatAgeSeconds)},
        {QStringLiteral("disk"), diskJson(s.disk)},
        {QStringLiteral("last_error"), failureJson(s.lastFailure)},
    };
    if (s.engine) {
        const EngineFigures& e = *s.engine;
        out.insert(QStringLiteral("engine"),
                   QJsonObject{{QStringLiteral("last_cycle_seconds"), e.lastCycleSeconds < 0 ? QJsonValue() : QJsonValue(e.lastCycleSeconds)},
                               {QStringLiteral("cycles"), e.cycles},
                               {QStringLiteral("failed_cycles"), e.failedCycles},
                               {QStringLiteral("ehr_requests"), e.requests},
                               {QStringLiteral("ehr_bytes_sent"), e.bytesSent},
                               {QStringLiteral("ehr_bytes_received"), e.bytesReceived},
                               {QStringLiteral("resources_mirrored"), e.resourcesWritten},
                               {QStringLiteral("errors"), countsJson(e.errorsByKind)},
                               {QStringLiteral("failed_cycles_by_kind"), countsJson(e.failedCyclesByKind)}});
    }
    return out;
}

} // namespace lantern::sync
