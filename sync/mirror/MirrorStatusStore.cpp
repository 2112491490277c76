#include "sync/mirror/MirrorStatusStore.h"

#include "core/vault/DrillRepository.h"

#include "sync/health/EhrHealthMonitor.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::sync {
namespace {

QString instant(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

std::optional<EhrState> stateFromName(const QString& name)
{
    for (EhrState s : {EhrState::Online, EhrState::Degraded, EhrState::Downtime, EhrState::Recovery})
        if (ehrStateName(s) == name)
            return s;
    return std::nullopt;
}

const QString kAlarmPrefix = QStringLiteral("drop_alarm/");
const QString kConfirmPrefix = QStringLiteral("drop_confirmed/");
const QString kDataGeneration = QStringLiteral("data_generation");
const QString kError = QStringLiteral("last_error");
const QString kErrorKind = QStringLiteral("last_error_kind");
const QString kErrorStatus = QStringLiteral("last_error_status");
const QString kErrorSince = QStringLiteral("last_error_since");
const QString kErrorAt = QStringLiteral("last_error_at");

QString toJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

Status MirrorStatusStore::saveHealth(const EhrHealthMonitor& health)
{
    LANTERN_TRY(m_mirror.setState(QStringLiteral("ehr_state"), ehrStateName(health.state())));
    return m_mirror.setState(QStringLiteral("ehr_state_since"), instant(health.stateSince()));
}

Status MirrorStatusStore::saveCycle(const QDateTime& deviceTime, qint64 changed)
{
    LANTERN_TRY(m_mirror.setState(QStringLiteral("last_cycle_at"), instant(deviceTime)));
    LANTERN_TRY(m_mirror.setState(QStringLiteral("last_cycle_changed"), QString::number(changed)));
    if (changed > 0) {
        auto generation = m_mirror.state(kDataGeneration);
        if (!generation.ok())
            return generation.error();
        LANTERN_TRY(m_mirror.setState(kDataGeneration, QString::number(generation->toLongLong() + 1)));
    }
    return {};
}

Status MirrorStatusStore::saveFailure(const MirrorFailure& failure)
{
    auto earlier = m_mirror.state(kErrorSince);
    if (!earlier.ok())
        return earlier.error();
    const QString since = earlier->isEmpty() ? instant(failure.since.isValid() ? failure.since : failure.at) : *earlier;
    LANTERN_TRY(m_mirror.setState(kErrorKind, failure.kind));
    LANTERN_TRY(m_mirror.setState(kErrorStatus, failure.httpStatus > 0 ? QString::number(failure.httpStatus) : QString()));
    LANTERN_TRY(m_mirror.setState(kErrorSince, since));
    LANTERN_TRY(m_mirror.setState(kErrorAt, instant(failure.at)));
    return m_mirror.setState(kError, failure.message);
}

Status MirrorStatusStore::clearFailure()
{
    auto message = m_mirror.state(kError);
    auto kind = m_mirror.state(kErrorKind);
    if (message.ok() && kind.ok() && message->isEmpty() && kind->isEmpty())
        return {}; // nothing to clear: no write on every good cycle
    for (const QString& key : {kErrorKind, kErrorStatus, kErrorSince, kErrorAt, kError})
        LANTERN_TRY(m_mirror.setState(key, QString()));
    return {};
}

Result<MirrorFailure> MirrorStatusStore::failure()
{
    auto message = m_mirror.state(kError);
    auto kind = m_mirror.state(kErrorKind);
    auto status = m_mirror.state(kErrorStatus);
    auto since = m_mirror.state(kErrorSince);
    auto at = m_mirror.state(kErrorAt);
    if (!message.ok() || !kind.ok() || !status.ok() || !since.ok() || !at.ok())
        return Error(ErrorCode::Database, QStringLiteral("cannot read the mirror's last error"));
    MirrorFailure f;
    f.message = *message;
    // A message stored before kinds existed still tells the truth: kind "other".
    f.kind = kind->isEmpty() && !message->isEmpty() ? QStringLiteral("other") : *kind;
    f.httpStatus = status->toInt();
    f.since = QDateTime::fromString(*since, Qt::ISODateWithMs);
    f.at = QDateTime::fromString(*at, Qt::ISODateWithMs);
    if (!f.since.isValid())
        f.since = f.at;
    return f;
}

Result<ScopeDropAlarms> MirrorStatusStore::dropAlarms()
{
    auto rows = m_mirror.statesWithPrefix(kAlarmPrefix);
    if (!rows.ok())
        return rows.error();
    ScopeDropAlarms out;
    for (auto it = rows->constBegin(); it != rows->constEnd(); ++it) {
        const QJsonObject o = fromJson(it.value());
        ScopeDropAlarm a;
        a.ward = it.key().mid(kAlarmPrefix.size());
        a.before = o.value(QLatin1String("before")).toInteger();
        a.after = o.value(QLatin1String("after")).toInteger();
        a.removed = o.value(QLatin1String("removed")).toInteger();
        a.since = QDateTime::fromString(o.value(QLatin1String("since")).toString(), Qt::ISODateWithMs);
        out.append(a);
    }
    std::sort(out.begin(), out.end(), [](const ScopeDropAlarm& a, const ScopeDropAlarm& b) { return a.ward < b.ward; });
    return out;
}

Status MirrorStatusStore::raiseDropAlarm(const ScopeDropAlarm& alarm)
{
    auto existing = m_mirror.state(kAlarmPrefix + alarm.ward);
    if (!existing.ok())
        return existing.error();
    QString since = instant(alarm.since);
    if (!existing->isEmpty()) {
        const QString earlier = fromJson(*existing).value(QLatin1String("since")).toString();
        if (!earlier.isEmpty())
            since = earlier; // still the same incident: "since when" stays its first cycle
    }
    const QJsonObject o{{QStringLiteral("before"), alarm.before},
                        {QStringLiteral("after"), alarm.after},
                        {QStringLiteral("removed"), alarm.removed},
                        {QStringLiteral("since"), since}};
    return m_mirror.setState(kAlarmPrefix + alarm.ward, toJson(o));
}

Status MirrorStatusStore::clearDropAlarm(const QString& ward)
{
    return m_mirror.removeState(kAlarmPrefix + ward);
}

Result<std::optional<qint64>> MirrorStatusStore::dropConfirmation(const QString& ward)
{
    auto value = m_mirror.state(kConfirmPrefix + ward);
    if (!value.ok())
        return value.error();
    if (value->isEmpty())
        return std::optional<qint64>();
    return std::optional<qint64>(fromJson(*value).value(QLatin1String("removed")).toInteger());
}

Status MirrorStatusStore::confirmDrop(const QString& ward, qint64 removed, const QString& by, const QDateTime& at)
{
    const QJsonObject o{{QStringLiteral("removed"), removed}, {QStringLiteral("by"), by}, {QStringLiteral("at"), instant(at)}};
    return m_mirror.setState(kConfirmPrefix + ward, toJson(o));
}

Status MirrorStatusStore::clearDropConfirmation(const QString& ward)
{
    return m_mirror.removeState(kConfirmPrefix + ward);
}

Status MirrorStatusStore::fill(MirrorStatus& status, bool withStoredState)
{
    auto wards = m_mirror.dataAsOf();
    if (!wards.ok())
        return wards.error();
    status.dataAsOfByWard = *wards;
    status.dataAsOf = {};
    for (const QDateTime& t : std::as_const(*wards))
        if (!status.dataAsOf.isValid() || t < status.dataAsOf)
            status.dataAsOf = t;
    auto patients = m_mirror.patientsInScope();
    if (!patients.ok())
        return patients.error();
    status.patientsInScope = *patients;
    auto alarms = dropAlarms();
    if (!alarms.ok())
        return alarms.error();
    status.dropAlarms = *alarms;
    if (withStoredState) {
        auto state = m_mirror.state(QStringLiteral("ehr_state"));
        auto since = m_mirror.state(QStringLiteral("ehr_state_since"));
        auto failed = failure();
        auto generation = m_mirror.state(kDataGeneration);
        if (!state.ok() || !since.ok() || !failed.ok() || !generation.ok())
            return Error(ErrorCode::Database, QStringLiteral("cannot read the mirror state"));
        status.state = stateFromName(*state).value_or(EhrState::Online);
        status.stateSince = QDateTime::fromString(*since, Qt::ISODateWithMs);
        status.lastFailure = *failed;
        status.lastError = failed->message;
        status.dataGeneration = generation->toLongLong();
    }
    return {};
}

Result<MirrorStatus> loadMirrorStatus(vault::Vault& vault)
{
    vault::MirrorRepository mirror(vault.db());
    MirrorStatus status;
    LANTERN_TRY(MirrorStatusStore(mirror).fill(status, true));
    auto count = vault::ResourceRepository(vault.db()).count();
    if (!count.ok())
        return count.error();
    status.resourcesInVault = *count;
    auto config = loadMirrorConfig(vault);
    status.disk = assessVaultDisk(vault, config.ok() ? config->minFreeMb : MirrorConfig{}.minFreeMb);
    auto drill = vault::DrillRepository(vault.db()).current();
    if (!drill.ok())
        return drill.error();
    if (drill->has_value())
        status.drill = lantern::drill::ActiveDrill{(*drill)->id, (*drill)->startedAt, (*drill)->startedBy};
    return status;
}

vault::DiskStatus assessVaultDisk(const vault::Vault& vault, int minFreeMb)
{
    return vault::assessDisk(QFileInfo(vault.path()).absolutePath(), qint64(minFreeMb) * vault::kMebibyte);
}

} // namespace lantern::sync
