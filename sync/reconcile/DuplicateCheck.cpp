#include "sync/reconcile/DuplicateCheck.h"

#include "sync/reconcile/EntryResource.h"

#include <QJsonArray>

#include <algorithm>

namespace lantern::sync {

namespace {

constexpr int kPageSize = 1000;

QStringList medicationTokens(const QJsonObject& resource)
{
    QStringList tokens;
    const QJsonArray codings =
        resource.value(QLatin1String("medicationCodeableConcept")).toObject().value(QLatin1String("coding")).toArray();
    for (const QJsonValue& value : codings) {
        const QJsonObject coding = value.toObject();
        const QString code = coding.value(QLatin1String("code")).toString();
        if (!code.isEmpty())
            tokens.append(coding.value(QLatin1String("system")).toString() + QLatin1Char('|') + code);
    }
    return tokens;
}

// "MedicationRequest/<id>" of a reference, also when the server made it absolute.
QString requestOf(const QJsonObject& resource)
{
    const QString reference = resource.value(QLatin1String("request")).toObject().value(QLatin1String("reference")).toString();
    const qsizetype at = reference.lastIndexOf(QLatin1String("MedicationRequest/"));
    return at < 0 ? QString() : reference.mid(at).section(QLatin1Char('/'), 0, 1);
}

DuplicateCheck::Candidate candidateOf(const QJsonObject& resource)
{
    DuplicateCheck::Candidate candidate;
    candidate.id = resource.value(QLatin1String("id")).toString();
    candidate.request = requestOf(resource);
    candidate.medications = medicationTokens(resource);
    candidate.uuids = entryUuidsOf(resource);
    const QString at = resource.value(QLatin1String("effectiveDateTime")).toString();
    const QJsonObject period = resource.value(QLatin1String("effectivePeriod")).toObject();
    candidate.start = QDateTime::fromString(at.isEmpty() ? period.value(QLatin1String("start")).toString() : at, Qt::ISODateWithMs);
    candidate.end = at.isEmpty() ? QDateTime::fromString(period.value(QLatin1String("end")).toString(), Qt::ISODateWithMs)
                                 : candidate.start;
    if (!candidate.end.isValid())
        candidate.end = candidate.start;
    return candidate;
}

} // namespace

bool DuplicateCheck::appliesTo(const record::RecordEntry& entry)
{
    return entry.kind == record::EntryKind::Administration && entry.corrects.isEmpty() &&
           entry.clinicalTime.isValid();
}

StepResult<bool> DuplicateCheck::fetch(const QString& serverPatientId, const Window& window, const SearchParams& narrowing,
                                       QList<Candidate>& into)
{
    SearchParams params{{QStringLiteral("patient"), QStringLiteral("Patient/") + serverPatientId},
                        {QStringLiteral("effective-time"), QStringLiteral("ge") + fhirInstant(window.from)},
                        {QStringLiteral("effective-time"), QStringLiteral("le") + fhirInstant(window.to)},
                        {QStringLiteral("_count"), QString::number(kPageSize)}};
    params += narrowing;
    ++m_searches;
    qint64 received = 0;
    bool complete = true;
    auto paged = m_client.searchAll(QStringLiteral("MedicationAdministration"), params, [&](const BundlePage& page) {
        const QList<QJsonObject> resources = page.resources();
        for (const QJsonObject& resource : resources) {
            if (resource.value(QLatin1String("resourceType")).toString() != QLatin1String("MedicationAdministration"))
                continue;
            ++received;
            if (resource.value(QLatin1String("status")).toString() != QLatin1String("entered-in-error"))
                into.append(candidateOf(resource));
        }
        // A server that does not page (Medplum sends no next link) says more matched than it sent.
        if (page.nextLink().isEmpty() && page.total() && *page.total() > received)
            complete = false;
        return Status();
    });
    if (!paged.ok()) {
        // A refused search is no verdict on any entry: stop instead of queueing every entry.
        StepResult<bool> failed = fromFailure<bool>(paged);
        if (failed.conflict())
            return {paged.error().prefixed(QStringLiteral("the EHR refused the duplicate search")), FailureKind::Rejected};
        return failed;
    }
    return {complete};
}

StepResult<bool> DuplicateCheck::prepare(const QList<record::RecordEntry>& entries, const QString& serverPatientId)
{
    QList<QDateTime> times;
    for (const record::RecordEntry& entry : entries)
        if (appliesTo(entry))
            times.append(entry.clinicalTime);
    std::sort(times.begin(), times.end());
    const qint64 window = 60LL * m_windowMinutes;
    for (qsizetype i = 0; i < times.size();) {
        qsizetype j = i;
        // A wider window costs bytes, not round trips: one search per day of entries.
        while (j + 1 < times.size() && times.at(i).secsTo(times.at(j + 1)) <= 3600LL * kMaxClusterHours)
            ++j;
        const Window cluster{times.at(i).addSecs(-window), times.at(j).addSecs(window)};
        QList<Candidate> found;
        const StepResult<bool> fetched = fetch(serverPatientId, cluster, {}, found);
        if (fetched.stop())
            return fetched;
        if (fetched.ok() && fetched.value()) {
            m_windows[serverPatientId].append(cluster);
            m_candidates[serverPatientId] += found;
        }
        i = j + 1;
    }
    return {true};
}

StepResult<bool> DuplicateCheck::verdict(const record::RecordEntry& entry, const QList<Candidate>& candidates) const
{
    const QString request = entry.orderId.isEmpty() ? QString() : QStringLiteral("MedicationRequest/") + entry.orderId;
    const QStringList tokens = medicationTokens(entry.resource);
    const QString token = tokens.isEmpty() ? QString() : tokens.first();
    const QDateTime from = entry.clinicalTime.addSecs(-60LL * m_windowMinutes);
    const QDateTime to = entry.clinicalTime.addSecs(60LL * m_windowMinutes);
    QStringList foreign;
    for (const Candidate& candidate : candidates) {
        const bool same = request.isEmpty() ? candidate.medications.contains(token) : candidate.request == request;
        if (!same || !candidate.start.isValid() || candidate.end < from || candidate.start > to)
            continue;
        bool own = false;
        for (const QString& uuid : candidate.uuids)
            own = own || uuid == entry.uuid || (m_isOwnEntry && m_isOwnEntry(uuid));
        if (!own && !foreign.contains(candidate.id))
            foreign.append(candidate.id);
    }
    if (foreign.isEmpty())
        return {true};
    return {ConflictFinding{record::ConflictReason::PossibleDuplicate,
                            QStringLiteral("MedicationAdministration %1 already in the EHR within %2 min")
                                .arg(foreign.join(QStringLiteral(", ")))
                                .arg(m_windowMinutes)}};
}

StepResult<bool> DuplicateCheck::check(const record::RecordEntry& entry, const QString& serverPatientId)
{
    const QString request = entry.orderId.isEmpty() ? QString() : QStringLiteral("MedicationRequest/") + entry.orderId;
    const QStringList tokens = medicationTokens(entry.resource);
    if (request.isEmpty() && tokens.isEmpty())
        return {true}; // nothing to compare by
    const Window own{entry.clinicalTime.addSecs(-60LL * m_windowMinutes), entry.clinicalTime.addSecs(60LL * m_windowMinutes)};
    const QList<Window> windows = m_windows.value(serverPatientId);
    const bool covered = std::any_of(windows.begin(), windows.end(),
                                     [&](const Window& w) { return w.from <= own.from && own.to <= w.to; });
    if (covered)
        return verdict(entry, m_candidates.value(serverPatientId));
    QList<Candidate> found;
    const SearchParams narrowing{request.isEmpty() ? qMakePair(QStringLiteral("code"), tokens.first())
                                                   : qMakePair(QStringLiteral("request"), request)};
    const StepResult<bool> fetched = fetch(serverPatientId, own, narrowing, found);
    if (!fetched.ok())
        return fetched;
    return verdict(entry, found);
}

} // namespace lantern::sync
