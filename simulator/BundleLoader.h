#pragma once
// Loads FHIR bundles written elsewhere (Synthea transaction bundles with
// urn:uuid references, IPS documents, collections) into the store, rewriting
// references to the ids this server assigns, then admits each loaded patient
// to a ward bed (an in-progress Encounter) and charts recent administrations
// for their active orders, which such data never carries.

#include "Census.h"
#include "FhirStore.h"
#include "Generator.h"
#include "TransactionProcessor.h"

#include "core/common/Result.h"

#include <atomic>

namespace lantern::sim {

struct LoadReport
{
    int resources = 0;
    QStringList patients;   // "Patient/x"
    QStringList encounters; // the new in-progress stays
    int administrations = 0;
};

class BundleLoader
{
public:
    BundleLoader(FhirStore& store, Census& census, Generator& generator);

    Result<LoadReport> loadFile(const QString& path);
    Result<LoadReport> loadBundle(const QJsonObject& bundle);

private:
    Result<QString> admit(const QString& patientRef, Rng& rng, LoadReport& report);

    FhirStore& m_store;
    Census& m_census;
    Generator& m_generator;
    TransactionProcessor m_transactions;
    std::atomic<int> m_loaded{0};
};

} // namespace lantern::sim
