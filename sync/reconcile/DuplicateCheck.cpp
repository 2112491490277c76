#include "sync/reconcile/DuplicateCheck.h"

#include "sync/reconcile/EntryResource.h"

#include <QJsonArray>

namespace lantern::sync {

namespace {

// "system|code" of the first coding of medicationCodeableConcept, or empty.
QString medicationToken(const QJsonObject& resource)
{
    const QJsonArray codings =
        resource.value(QLatin1String("medicationCodeableConcept")).toObject().value(QLatin1String("coding")).toArray();
    for (const QJsonValue& value : codings) {
        const QJsonObject coding = value.toObject();
        const QString code = coding.value(QLatin1String("code")).toString();
        if (!code.isEmpty())
            return coding.value(QLatin1String("system")).toString() + QLatin1Char('|') + code;
    }
    return {};
}

} // namespace

bool DuplicateCheck::appliesTo(const record::RecordEntry& entry)
{
    return entry.kind == record::EntryKind::Administration && entry.corrects.isEmpty() &&
           entry.clinicalTime.isValid();
}

StepResult<bool> DuplicateCheck::check(const record::RecordEntry& entry, const QString& serverPatientId) const
{
    SearchParams params{{QStringLiteral("patient"), QStringLiteral("Patient/") + serverPatientId},
                        {QStringLiteral("effective-time"),
                         QStringLiteral("ge") + fhirInstant(entry.clinicalTime.addSecs(-60LL * m_windowMinutes))},
                        {QStringLiteral("effective-time"),
                         QStringLiteral("le") + fhirInstant(entry.clinicalTime.addSecs(60LL * m_windowMinutes))},
                        {QStringLiteral("_count"), QStringLiteral("50")}};
    if (!entry.orderId.isEmpty()) {
        params.append({QStringLiteral("request"), QStringLiteral("MedicationRequest/") + entry.orderId});
    } else {
        const QString token = medicationToken(entry.resource);
        if (token.isEmpty())
            return {true}; // nothing to compare by
        params.append({QStringLiteral("code"), token});
    }
    QStringList foreign;
    Status status;
    auto paged = m_client.searchAll(QStringLiteral("MedicationAdministration"), params, [&](const BundlePage& page) {
        const QList<QJsonObject> resources = page.resources();
        for (const QJsonObject& resource : resources) {
            if (resource.value(QLatin1String("resourceType")).toString() != QLatin1String("MedicationAdministration") ||
                resource.value(QLatin1String("status")).toString() == QLatin1String("entered-in-error"))
                continue;
            const QStringList uuids = entryUuidsOf(resource);
            bool own = false;
            for (const QString& uuid : uuids)
                own = own || uuid == entry.uuid || (m_isOwnEntry && m_isOwnEntry(uuid));
            if (!own)
                foreign.append(resource.value(QLatin1String("id")).toString());
        }
        return Status();
    });
    if (!paged.ok()) {
        // A refused search is no verdict on this entry: stop instead of queueing every entry.
        StepResult<bool> failed = fromFailure<bool>(paged);
        if (failed.conflict())
            return {paged.error().prefixed(QStringLiteral("the EHR refused the duplicate search")), FailureKind::Rejected};
        return failed;
    }
    if (foreign.isEmpty())
        return {true};
    return {ConflictFinding{record::ConflictReason::PossibleDuplicate,
                            QStringLiteral("MedicationAdministration %1 already in the EHR within %2 min")
                                .arg(foreign.join(QStringLiteral(", ")))
                                .arg(m_windowMinutes)}};
}

} // namespace lantern::sync
