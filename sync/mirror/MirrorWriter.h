#pragma once
// Writes one page of incoming resources (and deletions) into the vault in ONE
// transaction, together with whatever progress the caller commits alongside
// (a cursor, "patient loaded"). De-duplicates by version: a version equal to or
// older than the stored one is not rewritten, so a page fetched again after a
// crash changes nothing. A malformed resource is skipped with an error naming
// it; the rest of the page lands. Entered-in-error counts as a deletion.

#include "core/common/Result.h"
#include "core/import/ResourceWriter.h"
#include "sync/mirror/MirrorReport.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace lantern::vault {
class Vault;
}
namespace lantern::fhir {
struct ResourceIndex;
}

namespace lantern::sync {

// Which resources the mirror keeps: types it pulls, patients in scope,
// Observations only for vital signs and pregnancy status (the emergency
// sheet; labs and the rest stay out), administrations inside the history window,
// and resources without a patient (a Medication, a Device without
// Device.patient) that an in-scope resource references (see ReferenceFollower).
class ScopeFilter
{
public:
    static const QStringList& mirroredTypes();
    // Mirrored types searched per patient (all but Medication, which has no patient).
    static bool hasPatient(const QString& type);
    // Types kept without a patient of their own when something in scope references them.
    static bool isFollowedType(const QString& type);

    ScopeFilter(QSet<QString> patientIds, QDateTime administrationWindowStart)
        : m_patients(std::move(patientIds)), m_windowStart(std::move(administrationWindowStart)),
          m_followed(std::make_shared<QSet<QString>>())
    {
    }
    bool wanted(const fhir::ResourceIndex& index, const QJsonObject& resource) const;
    const QSet<QString>& patients() const { return m_patients; }

    // Keeps "Type/id" (a followed type) from now on: an in-scope resource
    // references it, or the vault already holds it. Const because the filter is
    // shared by const reference through a cycle; the set is the cycle's
    // knowledge of what is referenced, not part of the scope's definition.
    void follow(const QString& typeAndId) const { m_followed->insert(typeAndId); }
    bool follows(const QString& typeAndId) const { return m_followed->contains(typeAndId); }

    static bool isVitalSign(const QJsonObject& observation);
    // Vital signs, or pregnancy status (fhir::isPregnancyStatusObservation).
    static bool isMirroredObservation(const QJsonObject& observation);
    // status entered-in-error, or (AllergyIntolerance, Condition) verificationStatus entered-in-error.
    static bool isEnteredInError(const fhir::ResourceIndex& index, const QJsonObject& resource);
    static QDateTime administrationTime(const QJsonObject& administration);

private:
    QSet<QString> m_patients;
    QDateTime m_windowStart;
    std::shared_ptr<QSet<QString>> m_followed;
};

struct ResourceKey
{
    QString type;
    QString id;
};

class MirrorWriter
{
public:
    static constexpr int kMaxProblemsKept = 200;

    MirrorWriter(vault::Vault& vault, vault::MirrorRepository& mirror);

    // `alsoInTransaction` runs inside the same transaction after the resources.
    Status commitPage(const QList<QJsonObject>& resources, const QList<ResourceKey>& deletions, const ScopeFilter& filter,
                      const std::function<Status()>& alsoInTransaction, MirrorCycleReport& report);

    // Is `incoming` newer than what the vault holds?
    static bool isNewer(const QString& incomingVersion, const QString& incomingLastUpdated,
                        const QString& storedVersion, const QString& storedLastUpdated);

private:
    Result<bool> removeIfStored(const QString& type, const QString& id);
    void noteProblem(MirrorCycleReport& report, const Error& problem);

    vault::Vault& m_vault;
    vault::MirrorRepository& m_mirror;
    vault::ResourceRepository m_resources;
    import::ResourceWriter m_writer;
};

} // namespace lantern::sync
