#include "core/record/RecordContext.h"

#include "core/access/Role.h"
#include "core/audit/AuditLog.h"
#include "core/fhir/MedicationMapping.h"
#include "core/records/PatientRecords.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>
#include <QUuid>

namespace lantern::record {

Error invalidField(const QString& field, const QString& problem)
{
    return Error(ErrorCode::InvalidInput, field + QStringLiteral(": ") + problem);
}

QDateTime amendedClinicalTime(vault::Vault& vault, const QString& amends, vault::OutboxStore store)
{
    if (amends.isEmpty())
        return {};
    auto item = vault::OutboxRepository(vault.db(), store).item(amends);
    if (!item.ok() || !item->has_value())
        return {};
    return (*item)->entry.clinicalTime;
}

Result<QDateTime> clinicalTimeWithinLimits(const QDateTime& requested, const Clock& clock, const QString& field,
                                           const QDateTime& amended)
{
    const QDateTime now = clock.now().toUTC();
    if (requested.isNull())
        return now;
    if (!requested.isValid())
        return invalidField(field, QStringLiteral("not a valid time"));
    const QDateTime t = requested.toUTC();
    QDateTime earliest = now.addSecs(-kMaxPastSecs);
    if (amended.isValid() && amended.addSecs(-kMaxPastSecs) < earliest)
        earliest = amended.addSecs(-kMaxPastSecs);
    if (t < earliest)
        return invalidField(field, QStringLiteral("more than 24 hours in the past; record older events on paper and "
                                                  "have them back-charted"));
    if (t > now.addSecs(kMaxFutureSecs))
        return invalidField(field, QStringLiteral("more than 15 minutes in the future; check the time and the device clock"));
    return t;
}

Result<Person> RecordContext::author(const QString& username, bool physicianOnly)
{
    if (username.trimmed().isEmpty())
        return invalidField(QStringLiteral("author"), QStringLiteral("no user is signed in"));
    vault::UserRepository users(m_vault);
    auto known = users.exists(username);
    if (!known.ok())
        return known.error();
    if (!*known)
        return Person{username, username};
    auto user = users.find(username);
    if (!user.ok())
        return user.error();
    if (user->disabled)
        return Error(ErrorCode::Denied, QStringLiteral("user %1 is disabled and cannot record").arg(username));
    if (!user->hasPermission(access::Permission::Record))
        return Error(ErrorCode::Denied, QStringLiteral("the role of %1 may not record entries").arg(username));
    if (physicianOnly && user->role != access::Role::Physician)
        return Error(ErrorCode::Denied, QStringLiteral("only a physician may annotate a medication order"));
    return Person{user->username, user->displayName};
}

Result<Person> RecordContext::witness(const QString& username, const QString& author)
{
    if (username == author)
        return invalidField(QStringLiteral("witness"), QStringLiteral("must be a second person, not the one recording"));
    vault::UserRepository users(m_vault);
    auto known = users.exists(username);
    if (!known.ok())
        return known.error();
    if (!*known)
        return invalidField(QStringLiteral("witness"), QStringLiteral("not a user of this device"));
    auto user = users.find(username);
    if (!user.ok())
        return user.error();
    if (user->disabled)
        return invalidField(QStringLiteral("witness"), QStringLiteral("this user is disabled"));
    return Person{user->username, user->displayName};
}

Status mayRecordFor(const model::PatientChart& chart)
{
    if (!chart.patient)
        return {};
    const model::Patient& p = *chart.patient;
    if (p.isMergedAway()) {
        const QString survivor = p.replacedBy->survivorId.isEmpty() ? p.mergedInto()
                                                                     : QStringLiteral("Patient/") + p.replacedBy->survivorId;
        return Error(ErrorCode::Denied,
                     QStringLiteral("patient record %1 was merged into %2 in the EHR and must not be used: nothing can be "
                                    "recorded against it; open the surviving record %2 and record there")
                         .arg(QStringLiteral("Patient/") + chart.patientId, survivor));
    }
    if (p.isInactive())
        return Error(ErrorCode::Denied, QStringLiteral("patient record %1 is marked inactive in the EHR: nothing can be "
                                                       "recorded against it; find the patient's current record")
                                            .arg(QStringLiteral("Patient/") + chart.patientId));
    return {};
}

Result<model::PatientChart> RecordContext::chart(const QString& patientId)
{
    if (patientId.isEmpty())
        return invalidField(QStringLiteral("patientId"), QStringLiteral("missing"));
    auto chart = records::PatientRecords(m_vault).chart(patientId);
    if (!chart.ok())
        return chart;
    LANTERN_TRY(mayRecordFor(*chart));
    return chart;
}

Result<QDateTime> RecordContext::dataAsOf(const QString& patientId)
{
    vault::MirrorRepository mirror(m_vault.db());
    auto member = mirror.member(patientId);
    if (!member.ok())
        return member.error();
    if (!member->has_value())
        return QDateTime();
    auto wards = mirror.dataAsOf();
    if (!wards.ok())
        return wards.error();
    return wards->value((*member)->ward);
}

Result<OrderContext> RecordContext::order(const QString& patientId, const QString& orderId)
{
    if (orderId.isEmpty())
        return invalidField(QStringLiteral("orderId"), QStringLiteral("missing"));
    auto chartResult = chart(patientId);
    if (!chartResult.ok())
        return chartResult.error();
    OrderContext ctx;
    ctx.chart = std::move(chartResult).value();
    bool found = false;
    for (const model::MedicationOrder& o : ctx.chart.orders) {
        if (o.source == model::MedicationOrder::Source::Request && o.meta.id == orderId) {
            ctx.order = o;
            found = true;
            break;
        }
    }
    if (!found)
        return Error(ErrorCode::NotFound,
                     QStringLiteral("orderId: medication order %1 is not among this patient's orders in the vault").arg(orderId));
    auto stored = vault::ResourceRepository(m_vault.db()).get(QStringLiteral("MedicationRequest"), orderId);
    if (!stored.ok())
        return stored.error();
    if (!stored->has_value())
        return Error(ErrorCode::NotFound, QStringLiteral("orderId: medication order %1 is not in the vault").arg(orderId));
    ctx.orderJson = QJsonDocument::fromJson((*stored)->json).object();
    ctx.orderVersionId = ctx.order.meta.versionId.isEmpty() ? (*stored)->versionId : ctx.order.meta.versionId;
    auto asOf = dataAsOf(patientId);
    if (!asOf.ok())
        return asOf.error();
    ctx.dataAsOf = *asOf;
    return ctx;
}

Status RecordContext::commit(const RecordEntry& entry, const QString& auditDetail, const std::function<Status()>& before)
{
    audit::AuditLog log(m_vault, m_clock);
    vault::OutboxRepository outbox(m_vault.db(), m_store);
    const bool drill = m_store == vault::OutboxStore::Drill;
    return vault::runAtomically(m_vault.db(), [&]() -> Status {
        if (before)
            LANTERN_TRY(before());
        LANTERN_TRY(outbox.append(entry));
        audit::AuditEvent event;
        event.actor = entry.author;
        event.action = audit::AuditAction::RecordEntry;
        event.patientId = entry.patientId;
        // A drill entry says so in the trail: it never reaches the EHR.
        event.detail = drill ? auditDetail + QStringLiteral(" drill") : auditDetail;
        auto appended = log.append(event);
        if (!appended.ok())
            return appended.error();
        return {};
    });
}

QString RecordContext::newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
}

} // namespace lantern::record
