#pragma once
// The first load of a Group scope through Bulk Data Group/$export, when the
// server's CapabilityStatement offers it: one export, NDJSON files streamed
// and committed in batches, then the members marked loaded. Any failure
// leaves the patients unloaded, and the cycle falls back to searches next time.

#include "core/common/Result.h"
#include "sync/mirror/MirrorContext.h"

#include <QStringList>

namespace lantern::sync {

class BulkLoader
{
public:
    static constexpr int kBatchSize = 500;

    explicit BulkLoader(const MirrorContext& ctx) : m_ctx(ctx) {}

    // Does the CapabilityStatement list the export operation on Group?
    static bool offersGroupExport(const QJsonObject& capabilityStatement);

    Status load(const QString& groupId, const QStringList& patientIds, const ScopeFilter& filter,
                MirrorCycleReport& report) const;

private:
    const MirrorContext& m_ctx;
};

} // namespace lantern::sync
