#include "sync/reconcile/PatientMergeCheck.h"

#include "core/fhir/PatientMapping.h"

namespace lantern::sync {

StepResult<PatientMergeStatus> PatientMergeCheck::readOne(const QString& id) const
{
    auto patient = m_client.read(QStringLiteral("Patient"), id);
    if (!patient.ok()) {
        if (patient.httpStatus() == 404 || patient.httpStatus() == 410)
            return {PatientMergeStatus{}};
        return fromFailure<PatientMergeStatus>(patient);
    }
    auto mapped = fhir::mapPatient(patient->json);
    if (!mapped.ok() || !mapped->isMergedAway()) // unreadable: the upload is checked by the server anyway
        return {PatientMergeStatus{}};
    return {PatientMergeStatus{true, mapped->replacedBy->survivorId}};
}

StepResult<PatientMergeStatus> PatientMergeCheck::status(const QString& serverPatientId)
{
    if (const auto it = m_cache.constFind(serverPatientId); it != m_cache.constEnd())
        return {*it};
    StepResult<PatientMergeStatus> first = readOne(serverPatientId);
    if (!first.ok())
        return first;
    PatientMergeStatus result = first.value();
    // A survivor merged again: follow to the record in use (bounded: foreign data may loop).
    QString next = result.survivorId;
    for (int hop = 1; result.mergedAway && !next.isEmpty() && next != serverPatientId && hop < kMaxChain; ++hop) {
        StepResult<PatientMergeStatus> further = readOne(next);
        if (!further.ok())
            return further;
        if (!further.value().mergedAway)
            break;
        if (further.value().survivorId.isEmpty())
            break; // the last survivor known by id is named
        result.survivorId = further.value().survivorId;
        next = result.survivorId;
    }
    m_cache.insert(serverPatientId, result);
    return {result};
}

ConflictFinding PatientMergeCheck::finding(const PatientMergeStatus& status)
{
    const QString survivor = status.survivorId.isEmpty() ? QStringLiteral("a record the EHR does not name by id")
                                                         : QStringLiteral("Patient/") + status.survivorId;
    return {record::ConflictReason::PatientMerged,
            QStringLiteral("patient merged into %1; review and file on the surviving record (upload anyway files it there)")
                .arg(survivor)};
}

} // namespace lantern::sync
