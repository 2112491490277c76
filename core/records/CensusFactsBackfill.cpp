#include "core/records/CensusFactsBackfill.h"

#include "core/common/Logging.h"
#include "core/fhir/CensusFacts.h"
#include "core/vault/CensusRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::records {
namespace {

const QString kVersionKey = QStringLiteral("census_facts_version");
constexpr int kBatch = 2000;

// Schema migration 10 marks an empty vault as holding facts of version 3. Raising the
// version needs a new migration that marks empty vaults with the new number, or every
// new vault re-derives all its resources at its first census.
static_assert(fhir::kCensusFactsVersion == 3, "add a schema migration marking empty vaults current (see Schema.cpp, 10)");

} // namespace

Result<qint64> CensusFactsBackfill::ensure()
{
    const QString current = QString::number(fhir::kCensusFactsVersion);
    auto stored = m_vault.meta(kVersionKey);
    if (!stored.ok())
        return stored.error();
    if (*stored == current)
        return qint64(0);

    qCInfo(lcVault) << "deriving the census facts of stored resources (once, after an update of Lantern)";
    vault::CensusRepository census(m_vault.db());
    qint64 derived = 0;
    qint64 after = 0;
    for (;;) {
        auto transaction = vault::Transaction::begin(m_vault.db());
        if (!transaction.ok())
            return transaction.error();
        auto batch = census.resourcesToDerive(fhir::factTypes(), after, kBatch);
        if (!batch.ok())
            return batch.error();
        for (const vault::ResourceToDerive& r : std::as_const(*batch)) {
            const QJsonObject json = QJsonDocument::fromJson(r.json).object();
            LANTERN_TRY(census.setFacts(r.rowId, fhir::censusFacts(r.type, json)));
            after = r.rowId;
        }
        if (batch->isEmpty()) {
            // The version is recorded with the last (empty) batch: a crash before it means a rerun, never a gap.
            LANTERN_TRY(m_vault.setMeta(kVersionKey, current));
            LANTERN_TRY((*transaction)->commit());
            break;
        }
        LANTERN_TRY((*transaction)->commit());
        derived += batch->size();
    }
    qCInfo(lcVault) << "census facts derived for" << derived << "resources";
    return derived;
}

} // namespace lantern::records
