#pragma once
// Resources an order or a device statement points to but that belong to no
// patient: the Medication of a medicationReference (Epic's MedicationRequest,
// the IPS MedicationStatement), the Device of a DeviceUseStatement. Without
// them an order has no codes (the allergy check by code cannot fire) and,
// when the reference carries no display, no name.
//
// Every page the mirror commits goes through commitPage: the references of its
// in-scope resources are collected; a referenced resource that came along on
// the page (_include, an export file) or that the vault already holds is kept;
// the rest are read from the EHR by _id in URL-sized batches (PatientBatcher), once, and committed in the SAME
// transaction as the page, so a cursor never moves past an order whose
// Medication is missing. A reference the EHR cannot resolve stays unresolved
// and the chart says so.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace lantern::sync {

class ReferenceFollower
{
public:
    explicit ReferenceFollower(const MirrorContext& ctx) : m_ctx(ctx) {}

    // "Medication/x" and "Device/y" that `resource` references through
    // medicationReference or DeviceUseStatement.device (contained "#x" excluded).
    static QStringList referencesOf(const QJsonObject& resource);

    // MirrorWriter::commitPage, after following the references of `resources`.
    Status commitPage(QList<QJsonObject> resources, const QList<ResourceKey>& deletions, const ScopeFilter& filter,
                      const std::function<Status()>& alsoInTransaction, MirrorCycleReport& report) const;

    // Removes followed resources (Medication, Device without a patient) that no
    // resource in the vault references any more, in one transaction; returns
    // how many. Reads every referencing resource: run it after a purge, not
    // every cycle.
    Result<qint64> removeOrphans() const;

private:
    // Every current resource of `type` among `ids` (ids the EHR does not have are simply absent).
    Status read(const QString& type, const QStringList& ids, QList<QJsonObject>& into) const;

    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
