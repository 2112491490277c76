#pragma once
// Reads a FHIR JSON file: a single resource, a Bundle of any kind
// (collection, transaction, batch, document, searchset, history and their
// responses), or NDJSON (Bulk Data export, one resource per line). Every
// resource comes with its index columns, the fullUrl → Type/id map of its
// Bundle, and its exact bytes from the file where they can be found (so the
// vault stores FHIR verbatim; otherwise a compact re-serialization).
//
// An entry with a broken resource gives an error naming the entry (or line)
// and the field; the other entries still come through.

#include "core/common/Result.h"
#include "core/fhir/ResourceIndex.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::fhir {

struct BundleEntry
{
    int position = -1;           // Bundle.entry position (0-based); NDJSON: line number (1-based); single resource: 0
    QString fullUrl;
    QJsonObject resource;        // empty for a deleted history entry
    QByteArray raw;              // the resource as bytes
    bool rawVerbatim = false;    // true: raw is exactly the text of the file; false: compact re-serialization
    ResourceIndex index;
    QString requestMethod;       // transaction / batch / history: POST, PUT, DELETE ...
    QString requestUrl;
    QString searchMode;          // searchset: match | include | outcome
    bool deleted = false;        // history or transaction DELETE without a resource; index.type/id from requestUrl
};

struct EntryError
{
    int position = -1;           // as BundleEntry::position
    Error error;                 // "entry[3]: Observation/abc: subject.reference is not a string"
};

struct FhirContent
{
    bool isBundle = false;
    QString bundleId;
    QString bundleType;
    QString nextLink;            // Bundle.link with relation "next" (paging)
    std::optional<int> total;    // searchset total
    ReferenceResolver references;
    QList<BundleEntry> entries;
    QList<EntryError> errors;
};

class BundleReader
{
public:
    // A single resource or a Bundle. Fails only when the whole file is unusable
    // (not JSON, not an object, a Bundle without a valid type or entry list, a
    // single resource that fails indexing).
    static Result<FhirContent> read(const QByteArray& bytes);
    // One resource per line; empty lines are skipped; errors name the line.
    static FhirContent readNdjson(const QByteArray& bytes);
};

} // namespace lantern::fhir
