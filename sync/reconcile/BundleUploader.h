#pragma once
// Files several entries in one round trip: a FHIR transaction Bundle whose
// every entry is a conditional create keyed on the entry's identifier
// (request.ifNoneExist), so the Bundle as a whole can be sent again after a
// lost answer or a crash without writing anything twice; the server answers
// 201 for what it created and 200 for what it already held. fullUrl is a
// urn:uuid derived from the entry's uuid (name-based, v5): unique in the
// Bundle, stable across retries, and never a reference the server must rewrite.
//
// Only where the server offers transactions (supported()): its
// CapabilityStatement lists the system interaction "transaction"; a server that
// answers /metadata with no CapabilityStatement (Medplum) is asked once with a
// read-only transaction Bundle.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/EntryUploader.h"
#include "sync/reconcile/RequestFailure.h"

#include <QJsonObject>
#include <QList>

namespace lantern::sync {

struct BundleEntry
{
    QString uuid;          // the outbox entry
    QJsonObject resource;  // patient references already mapped to the EHR's ids
};

class BundleUploader
{
public:
    explicit BundleUploader(const FhirClient& client) : m_client(client) {}

    // Whether the server takes transaction Bundles; stop() when it did not answer.
    static StepResult<bool> supported(const FhirClient& client);

    static QString fullUrlOf(const QString& entryUuid); // "urn:uuid:<v5 of the entry uuid>"
    static QJsonObject buildBundle(const QList<BundleEntry>& entries);

    // ok(): one UploadedAs per entry, in order. conflict(): the server refused the
    // Bundle as a whole (4xx; the caller files its entries one by one to learn
    // which); stop(): no usable answer, nothing is known to be filed.
    StepResult<QList<UploadedAs>> upload(const QList<BundleEntry>& entries) const;

private:
    const FhirClient& m_client;
};

} // namespace lantern::sync
