#include "mirror/MirrorStatusStore.h"

#include "health/EhrHealthMonitor.h"
#include "vault/ResourceRepository.h"
#include "vault/Vault.h"

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

} // namespace

Status MirrorStatusStore::saveHealth(const EhrHealthMonitor& health)
{
    LANTERN_TRY(m_mirror.setState(QStringLiteral("ehr_state"), ehrStateName(health.state())));
    return m_mirror.setState(QStringLiteral("ehr_state_since"), instant(health.stateSince()));
}

Status MirrorStatusStore::saveCycle(const QDateTime& deviceTime, qint64 changed, const QString& error)
{
    LANTERN_TRY(m_mirror.setState(QStringLiteral("last_cycle_at"), instant(deviceTime)));
    LANTERN_TRY(m_mirror.setState(QStringLiteral("last_cycle_changed"), QString::number(changed)));
    return m_mirror.setState(QStringLiteral("last_error"), error);
}

Status MirrorStatusStore::saveError(const QDateTime& deviceTime, const QString& error)
{
    LANTERN_TRY(m_mirror.setState(QStringLiteral("last_error_at"), instant(deviceTime)));
    return m_mirror.setState(QStringLiteral("last_error"), error);
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
    if (withStoredState) {
        auto state = m_mirror.state(QStringLiteral("ehr_state"));
        auto since = m_mirror.state(QStringLiteral("ehr_state_since"));
        auto error = m_mirror.state(QStringLiteral("last_error"));
        if (!state.ok() || !since.ok() || !error.ok())
            return Error(ErrorCode::Database, QStringLiteral("cannot read the mirror state"));
        status.state = stateFromName(*state).value_or(EhrState::Online);
        status.stateSince = QDateTime::fromString(*since, Qt::ISODateWithMs);
        status.lastError = *error;
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
    return status;
}

} // namespace lantern::sync
