#pragma once
// Which patients are in scope right now, asked of the EHR: in-progress
// Encounters at the configured ward Locations, the members of a Group, or an
// explicit list. Also returns the server time the answer stands for.

#include "core/common/Result.h"
#include "sync/fhir/FhirTypes.h"
#include "sync/mirror/MirrorContext.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace lantern::sync {

struct ResolvedScope
{
    QDateTime serverTime;              // of the first scope request: the cycle's "as of"
    QHash<QString, QString> patientWard; // patient id -> ward id (or scope key)
    QStringList scopeKeys;             // ward ids, "group:<id>", "patients"
};

class ScopeResolver
{
public:
    explicit ScopeResolver(const MirrorContext& ctx) : m_ctx(ctx) {}
    Result<ResolvedScope> resolve() const;

    static QString groupKey(const QString& groupId) { return QStringLiteral("group:") + groupId; }
    static QString patientsKey() { return QStringLiteral("patients"); }
    // "Patient/x", an absolute URL ending in Patient/x, → "x"; empty otherwise.
    static QString patientIdOf(const QString& reference);
    // The ward of `wards` (by their order: the first wins, as the per-ward
    // searches did) that one of the Encounter's locations names; empty when none.
    static QString wardOfEncounter(const QJsonObject& encounter, const QStringList& wards);

private:
    // One Encounter search for many wards (location=Location/a,Location/b…);
    // false when an answer cannot be placed on a ward (its locations are beds,
    // or the server dropped them): the caller then asks ward by ward.
    Result<bool> resolveWardBatch(const QStringList& wardIds, ResolvedScope& scope) const;
    Status resolveWard(const QString& wardId, ResolvedScope& scope) const;
    Status takeServerTime(const BundlePage& page, ResolvedScope& scope) const;
    Status resolveGroup(const QString& groupId, ResolvedScope& scope) const;
    Status resolvePatients(const QStringList& ids, ResolvedScope& scope) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
