#include "sync/service/MetricsText.h"

#include <algorithm>

namespace lantern::sync {
namespace {

// Label values: backslash, double quote and line feed escaped (0.0.4).
QByteArray escapeLabel(const QString& value)
{
    QByteArray out;
    for (const char c : value.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

class Writer
{
public:
    void family(const char* name, const char* type, const char* help)
    {
        m_name = QByteArrayLiteral("lantern_") + name;
        m_out += "# HELP " + m_name + ' ' + help + '\n';
        m_out += "# TYPE " + m_name + ' ' + type + '\n';
    }
    void sample(const QByteArray& value) { m_out += m_name + ' ' + value + '\n'; }
    void sample(const char* label, const QString& labelValue, const QByteArray& value)
    {
        m_out += m_name + '{' + label + "=\"" + escapeLabel(labelValue) + "\"} " + value + '\n';
    }
    QByteArray text() const { return m_out; }

private:
    QByteArray m_name;
    QByteArray m_out;
};

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// An age never measured is infinitely old: a "stale data" alert fires for it.
QByteArray age(qint64 seconds)
{
    return seconds < 0 ? QByteArrayLiteral("+Inf") : number(seconds);
}

} // namespace

QByteArray renderMetricsText(const MetricsSnapshot& s)
{
    Writer w;
    w.family("ehr_state", "gauge", "EHR state as the mirror sees it: 1 for the current state, 0 for the others.");
    for (EhrState state : {EhrState::Online, EhrState::Degraded, EhrState::Downtime, EhrState::Recovery})
        w.sample("state", ehrStateName(state), state == s.ehrState ? "1" : "0");

    w.family("data_age_seconds", "gauge",
             "Seconds since the EHR time of the last complete mirror of the ward (Location id); +Inf: never.");
    for (auto it = s.dataAgeSecondsByWard.cbegin(); it != s.dataAgeSecondsByWard.cend(); ++it)
        w.sample("ward", it.key(), age(it.value()));

    if (s.engine) {
        const EngineFigures& e = *s.engine;
        if (e.lastCycleSeconds >= 0) {
            w.family("last_cycle_duration_seconds", "gauge", "Duration of the last mirror cycle that ended.");
            w.sample(QByteArray::number(e.lastCycleSeconds, 'f', 3));
        }
        w.family("cycles_total", "counter", "Mirror cycles ended since the service started, successful or not.");
        w.sample(number(e.cycles));
        w.family("cycles_failed_total", "counter", "Mirror cycles that ended with an error.");
        w.sample(number(e.failedCycles));
        w.family("ehr_requests_total", "counter", "HTTP requests sent to the EHR (each retry counts).");
        w.sample(number(e.requests));
        w.family("ehr_sent_bytes_total", "counter", "Request body bytes sent to the EHR.");
        w.sample(number(e.bytesSent));
        w.family("ehr_received_bytes_total", "counter", "Response body bytes received from the EHR (decompressed).");
        w.sample(number(e.bytesReceived));
        w.family("resources_mirrored_total", "counter", "FHIR resources written (inserted or updated) into the vault.");
        w.sample(number(e.resourcesWritten));
        w.family("errors_total", "counter", "Errors by kind: http, timeout, tls, network, disk, purge_guard, other.");
        for (auto it = e.errorsByKind.cbegin(); it != e.errorsByKind.cend(); ++it)
            w.sample("kind", it.key(), number(it.value()));
        w.family("cycles_failed_by_kind_total", "counter",
                 "Failed mirror cycles by the kind of failure: http, timeout, connection, tls, auth, disk, purge_guard, "
                 "malformed, other.");
        for (auto it = e.failedCyclesByKind.cbegin(); it != e.failedCyclesByKind.cend(); ++it)
            w.sample("kind", it.key(), number(it.value()));
    }

    w.family("last_error", "gauge",
             "Kind of the mirror's last failure (cycle or heartbeat): 1 for the current kind, 0 for the others; "
             "kind=\"none\" is 1 while the mirror works.");
    w.sample("kind", QStringLiteral("none"), s.lastFailure.isNone() ? "1" : "0");
    for (const QString& kind : failureKinds())
        w.sample("kind", kind, !s.lastFailure.isNone() && s.lastFailure.kind == kind ? "1" : "0");
    w.family("last_error_since_seconds", "gauge",
             "Seconds since the first failure of the current run of failures; 0 while the mirror works.");
    w.sample(number(s.lastFailure.isNone() || !s.lastFailure.since.isValid()
                        ? 0
                        : std::max<qint64>(0, s.lastFailure.since.secsTo(s.takenAt))));
    if (s.disk.known()) {
        w.family("disk_free_bytes", "gauge", "Bytes free on the filesystem holding the vault.");
        w.sample(number(s.disk.freeBytes));
    }
    w.family("disk_min_free_bytes", "gauge", "mirror.min_free_mb in bytes: below it the mirror writes no EHR data.");
    w.sample(number(s.disk.watermarkBytes));
    w.family("disk_level", "gauge",
             "The vault disk's level: 1 for the current one of ok, almost_full (below mirror.min_free_mb), full.");
    for (vault::DiskLevel level : {vault::DiskLevel::Ok, vault::DiskLevel::AlmostFull, vault::DiskLevel::Full})
        w.sample("level", vault::diskLevelName(level), level == s.disk.level ? "1" : "0");

    w.family("vault_resources", "gauge", "FHIR resources stored in the vault.");
    w.sample(number(s.resourcesInVault));
    w.family("patients_in_scope", "gauge", "Patients the device mirrors (its wards' in-progress encounters).");
    w.sample(number(s.patientsInScope));
    w.family("outbox_entries", "gauge", "Downtime entries in the outbox by state.");
    for (auto it = s.outboxByState.cbegin(); it != s.outboxByState.cend(); ++it)
        w.sample("state", it.key(), number(it.value()));
    w.family("conflicts_waiting", "gauge", "Reconciliation conflicts waiting for a person's decision.");
    w.sample(number(s.conflictsWaiting));
    w.family("purge_guard_held_patients", "gauge",
             "Patients an EHR answer would remove from the ward, held by the purge guard until IT confirms; 0: none held.");
    for (auto it = s.heldDropByWard.cbegin(); it != s.heldDropByWard.cend(); ++it)
        w.sample("ward", it.key(), number(it.value()));
    w.family("service_heartbeat_age_seconds", "gauge", "Seconds since the mirror service's last heartbeat in the vault; +Inf: never.");
    w.sample(age(s.heartbeatAgeSeconds));
    return w.text();
}

} // namespace lantern::sync
