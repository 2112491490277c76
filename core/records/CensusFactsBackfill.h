#pragma once
// Derives the census facts (fhir/CensusFacts.h) of resources stored before the
// vault kept them, or under an older kCensusFactsVersion: once per vault, in
// batches of one transaction each, then records the version in meta. A vault
// whose facts are current costs one meta read. Every writer (import, mirror,
// downtime admission) stores facts with the resource, so nothing falls behind
// afterwards.

#include "core/common/Result.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::records {

class CensusFactsBackfill
{
public:
    explicit CensusFactsBackfill(vault::Vault& vault) : m_vault(vault) {}

    // Number of resources derived (0 when the facts were current).
    Result<qint64> ensure();

private:
    vault::Vault& m_vault;
};

} // namespace lantern::records
