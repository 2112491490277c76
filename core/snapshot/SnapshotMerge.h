#pragma once
// Merges one snapshot record into the vault, inside the import's transaction:
// a resource only when it is newer than the vault's copy (VersionOrder, as the
// importer and the mirror decide), an outbox entry only when its uuid is new
// here (entries are immutable; an unreconciled one is never overwritten).

#include "core/common/Result.h"
#include "core/import/ResourceWriter.h"
#include "core/snapshot/SnapshotPayload.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/SnapshotRepository.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::snapshot {

struct ImportReport;

class SnapshotMerge
{
public:
    SnapshotMerge(vault::Vault& vault, ImportReport& report);
    Status apply(const PayloadRecord& record);

private:
    Status applyResource(const PayloadRecord& record);
    Status applyEntry(const PayloadRecord& record);

    ImportReport& m_report;
    vault::ResourceRepository m_resources;
    import::ResourceWriter m_writer;
    vault::SnapshotRepository m_entries;
};

} // namespace lantern::snapshot
