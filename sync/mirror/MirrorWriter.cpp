#include "sync/mirror/MirrorWriter.h"

#include "core/common/Clock.h"
#include "core/fhir/PregnancyMapping.h"
#include "core/fhir/ResourceIndex.h"
#include "core/import/Quarantine.h"
#include "sync/mirror/MirrorLogging.h"
#include "sync/mirror/PagePreparation.h"
#include "sync/mirror/ServerTime.h"
#include "core/vault/QuarantineRepository.h"
#include "core/vault/Vault.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace lantern::sync {

const QStringList& ScopeFilter::mirroredTypes()
{
    static const QStringList types = {
        QStringLiteral("Patient"),           QStringLiteral("Encounter"),          QStringLiteral("MedicationRequest"),
        QStringLiteral("MedicationAdministration"), QStringLiteral("AllergyIntolerance"), QStringLiteral("Condition"),
        QStringLiteral("Device"),            QStringLiteral("Consent"),            QStringLiteral("Flag"),
        QStringLiteral("Observation"),       QStringLiteral("MedicationStatement"), QStringLiteral("DeviceUseStatement"),
        // Last: by then the resources that reference Medications of this cycle are in.
        QStringLiteral("Medication"),
    };
    return types;
}

bool ScopeFilter::hasPatient(const QString& type)
{
    return type != QLatin1String("Medication");
}

bool ScopeFilter::isFollowedType(const QString& type)
{
    return type == QLatin1String("Medication") || type == QLatin1String("Device");
}

bool ScopeFilter::isVitalSign(const QJsonObject& observation)
{
    const QJsonArray categories = observation.value(QLatin1String("category")).toArray();
    for (const QJsonValue& category : categories) {
        const QJsonArray codings = category.toObject().value(QLatin1String("coding")).toArray();
        for (const QJsonValue& coding : codings)
            if (coding.toObject().value(QLatin1String("code")).toString() == QLatin1String("vital-signs"))
                return true;
    }
    return false;
}

bool ScopeFilter::isMirroredObservation(const QJsonObject& observation)
{
    return isVitalSign(observation) || fhir::isPregnancyStatusObservation(observation);
}

bool ScopeFilter::isEnteredInError(const fhir::ResourceIndex& index, const QJsonObject& resource)
{
    if (index.status == QLatin1String("entered-in-error"))
        return true;
    const QJsonArray codings =
        resource.value(QLatin1String("verificationStatus")).toObject().value(QLatin1String("coding")).toArray();
    for (const QJsonValue& coding : codings)
        if (coding.toObject().value(QLatin1String("code")).toString() == QLatin1String("entered-in-error"))
            return true;
    return false;
}

QDateTime ScopeFilter::administrationTime(const QJsonObject& administration)
{
    const QJsonValue when = administration.value(QLatin1String("effectiveDateTime"));
    if (when.isString())
        return parseFhirInstant(when.toString());
    const QJsonObject period = administration.value(QLatin1String("effectivePeriod")).toObject();
    const QString start = period.value(QLatin1String("start")).toString();
    return parseFhirInstant(period.value(QLatin1String("end")).toString(start));
}

bool ScopeFilter::wanted(const fhir::ResourceIndex& index, const QJsonObject& resource) const
{
    if (!mirroredTypes().contains(index.type))
        return false;
    if (index.patientId.isEmpty() && isFollowedType(index.type))
        return follows(index.typeAndId());
    if (!m_patients.contains(index.patientId))
        return false;
    if (index.type == QLatin1String("Observation"))
        return isMirroredObservation(resource);
    if (index.type == QLatin1String("MedicationAdministration") && m_windowStart.isValid()) {
        const QDateTime when = administrationTime(resource);
        return !when.isValid() || when >= m_windowStart; // undated: keep rather than lose it
    }
    return true;
}

MirrorWriter::MirrorWriter(vault::Vault& vault, vault::MirrorRepository& mirror)
    : m_vault(vault), m_mirror(mirror), m_resources(vault.db()), m_writer(m_resources)
{
}

bool MirrorWriter::isNewer(const QString& incomingVersion, const QString& incomingLastUpdated,
                           const QString& storedVersion, const QString& storedLastUpdated)
{
    // The one rule every writer from outside follows (the importer too): see import/VersionOrder.h.
    return import::VersionOrder::replaces({incomingVersion, incomingLastUpdated}, {storedVersion, storedLastUpdated});
}

Result<bool> MirrorWriter::removeIfStored(const QString& type, const QString& id)
{
    auto stored = m_mirror.storedVersion(type, id);
    if (!stored.ok())
        return stored.error();
    if (!stored->has_value())
        return false;
    LANTERN_TRY(m_writer.remove(type, id));
    return true;
}

void MirrorWriter::noteProblem(MirrorCycleReport& report, const Error& problem)
{
    ++report.skipped;
    qCWarning(lcMirror).noquote() << "skipped:" << problem.message;
    if (report.problems.size() < kMaxProblemsKept)
        report.problems.append(problem);
}

Status MirrorWriter::commitPage(const QList<QJsonObject>& resources, const QList<ResourceKey>& deletions,
                                const ScopeFilter& filter, const std::function<Status()>& alsoInTransaction,
                                MirrorCycleReport& report)
{
    MirrorCycleReport page;
    auto tx = vault::Transaction::begin(m_vault.db());
    if (!tx.ok())
        return tx.error().prefixed(QStringLiteral("mirror"));
    // Quarantine (resources that failed indexing but belong to a patient in scope): kept, not dropped.
    vault::QuarantineRepository quarantine(m_vault.db());
    auto quarantineEmpty = quarantine.isEmpty();
    if (!quarantineEmpty.ok())
        return quarantineEmpty.error();
    const auto release = [&](const QString& type, const QString& id) -> Status {
        return *quarantineEmpty ? Status{} : quarantine.release(type, id);
    };
    for (const ResourceKey& key : deletions) {
        auto removed = removeIfStored(key.type, key.id);
        if (!removed.ok())
            return removed.error().prefixed(QStringLiteral("removing %1/%2").arg(key.type, key.id));
        LANTERN_TRY(release(key.type, key.id));
        page.removed += *removed ? 1 : 0;
    }
    // The keys decide what is written; what is written is then mapped and
    // serialised (on two threads, PagePreparation) and stored in page order.
    PagePreparation pending;
    QHash<QString, import::VersionStamp> pendingVersions; // "Type/id" -> the newest version pending on this page
    const auto writePending = [&]() -> Status {
        pending.prepareAll();
        for (PagePreparation::Item& item : pending.items) {
            const Result<import::PreparedResource>& prepared = *item.prepared;
            if (!prepared.ok()) {
                noteProblem(page, prepared.error().prefixed(QStringLiteral("skipped")));
                continue;
            }
            Status written = m_writer.write(*prepared);
            if (!written.ok()) // the transaction rolls back: the page is not half-written
                return written.error().prefixed(QStringLiteral("storing %1/%2").arg(item.index.type, item.index.id));
            LANTERN_TRY(release(item.index.type, item.index.id)); // a readable version replaces the quarantined one
            ++page.written;
        }
        pending.items.clear();
        pendingVersions.clear();
        return {};
    };
    for (const QJsonObject& resource : resources) {
        // The keys decide; only a resource that is written is mapped (PagePreparation).
        auto index = fhir::indexKeys(resource);
        if (!index.ok()) {
            const QString type = resource.value(QLatin1String("resourceType")).toString();
            const QString id = resource.value(QLatin1String("id")).toString();
            const QString what = type.isEmpty() ? QStringLiteral("a resource without resourceType")
                                                : QStringLiteral("%1/%2").arg(type, id.isEmpty() ? QStringLiteral("?") : id);
            const QByteArray raw = QJsonDocument(resource).toJson(QJsonDocument::Compact);
            const auto kept = import::quarantineRow(resource, raw, {}, index.error(), QStringLiteral("mirror"),
                                                    SystemClock::instance().now());
            if (kept && filter.patients().contains(kept->patientId) && ScopeFilter::mirroredTypes().contains(kept->type)) {
                LANTERN_TRY(quarantine.put(*kept));
                *quarantineEmpty = false;
                noteProblem(page, index.error().prefixed(QStringLiteral("kept unreadable %1 in quarantine").arg(what.left(120))));
                continue;
            }
            noteProblem(page, index.error().prefixed(QStringLiteral("skipped %1").arg(what.left(120))));
            continue;
        }
        if (!filter.wanted(*index, resource))
            continue;
        const QString key = index->typeAndId();
        if (ScopeFilter::isEnteredInError(*index, resource)) {
            if (pendingVersions.contains(key)) // written first, then removed: the page's order holds
                LANTERN_TRY(writePending());
            auto removed = removeIfStored(index->type, index->id);
            if (!removed.ok())
                return removed.error();
            LANTERN_TRY(release(index->type, index->id));
            page.removed += *removed ? 1 : 0;
            continue;
        }
        // Compared with what this page writes before it, else with the vault's copy.
        std::optional<import::VersionStamp> held;
        if (const auto it = pendingVersions.constFind(key); it != pendingVersions.constEnd()) {
            held = *it;
        } else {
            auto stored = m_mirror.storedVersion(index->type, index->id);
            if (!stored.ok())
                return stored.error();
            if (stored->has_value())
                held = import::VersionStamp{(*stored)->versionId, (*stored)->lastUpdated};
        }
        if (held && !isNewer(index->versionId, index->lastUpdated, held->versionId, held->lastUpdated)) {
            const bool older = import::VersionOrder::compare({index->versionId, index->lastUpdated}, *held) ==
                               import::VersionVerdict::Older;
            ++(older ? page.olderNotApplied : page.unchanged);
            continue;
        }
        pendingVersions.insert(key, import::VersionStamp{index->versionId, index->lastUpdated});
        pending.items.append(PagePreparation::Item{std::move(*index), resource, std::nullopt});
    }
    LANTERN_TRY(writePending());
    if (alsoInTransaction)
        LANTERN_TRY(alsoInTransaction());
    LANTERN_TRY((*tx)->commit());
    report.written += page.written;
    report.unchanged += page.unchanged;
    report.olderNotApplied += page.olderNotApplied;
    report.removed += page.removed;
    report.skipped += page.skipped;
    for (const Error& e : std::as_const(page.problems))
        if (report.problems.size() < kMaxProblemsKept)
            report.problems.append(e);
    return {};
}

} // namespace lantern::sync
