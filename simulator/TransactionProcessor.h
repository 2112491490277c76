#pragma once
// FHIR transaction Bundles: all entries succeed together or none is written.
// urn:uuid (and other fullUrl) references between entries are rewritten to the
// Type/id the server assigns. Conditional creates (ifNoneExist) and If-Match
// (ifMatch) are honoured per entry. Also used to load foreign bundles.

#include "FhirStore.h"

#include "core/common/Result.h"

#include <QHash>
#include <QJsonObject>

namespace lantern::sim {

struct TransactionResult
{
    QJsonObject responseBundle;       // type transaction-response; GET entries left for the caller
    QHash<QString, QString> resolved; // fullUrl (and original Type/id) -> Type/id on this server
    QList<WriteOutcome> writes;       // in the order applied
    QList<int> getEntries;            // indexes of GET entries, answered by the caller
};

struct TransactionOptions
{
    bool includeResources = true; // entry.resource in the response (Prefer: return=representation)
    // Treat every entry as a POST to its type (collection and document bundles from elsewhere).
    bool postEverything = false;
};

class TransactionProcessor
{
public:
    explicit TransactionProcessor(FhirStore& store) : m_store(store) {}

    // Errors: InvalidInput (400), NotFound (404), Unsupported (422), Conflict (412: If-Match or
    // an ambiguous If-None-Exist). Messages name the failing entry by index.
    Result<TransactionResult> apply(const QJsonObject& bundle, const TransactionOptions& options = {});

private:
    FhirStore& m_store;
};

// Replaces every Reference.reference found in `map` (recursively).
QJsonObject rewriteReferences(const QJsonObject& object, const QHash<QString, QString>& map);
QString httpStatusLine(int status); // "201 Created"

} // namespace lantern::sim
