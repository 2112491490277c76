#pragma once
// What the parts of one mirror cycle share: the FHIR client, the vault, the
// mirror's own tables, the writer, the configuration and the stop flag.

#include "core/common/Clock.h"
#include "sync/fhir/FhirClient.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorWriter.h"
#include "sync/mirror/SearchPager.h"
#include "core/vault/MirrorRepository.h"

#include <functional>

namespace lantern::sync {

struct MirrorContext
{
    const FhirClient& client;
    vault::Vault& vault;
    vault::MirrorRepository& mirror;
    MirrorWriter& writer;
    const MirrorConfig& config;
    const Clock& clock;
    std::function<bool()> stopRequested;
    std::function<void(const QString& phase, qint64 done, qint64 total)> progress;

    // The error every part returns when asked to stop between transactions.
    static Error stoppedError() { return Error(ErrorCode::Internal, QStringLiteral("the mirror was stopped")); }
    Status checkStop() const { return stopRequested && stopRequested() ? Status(stoppedError()) : Status(); }
    int pageSize() const { return 1000; } // fewer round trips; one page is the memory bound
    // Searches that never hand back part of a result as all of it (see SearchPager).
    SearchPager pager() const { return SearchPager(client, pageSize(), [this] { return checkStop(); }); }
};

} // namespace lantern::sync
