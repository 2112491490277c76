#pragma once
// The entries of one patient that passed their checks wait here and go up
// together: in one transaction Bundle per patient, or per kBundleSize entries
// (BundleUploader), where the server offers transactions; else one conditional
// create each (EntryUploader), as before. When the server refuses a Bundle as
// a whole, its entries are filed one by one, so the entry it objects to becomes
// a conflict for a person and the others go in: the same rules as without
// Bundles. Every way is keyed on the entry's identifier, so nothing is filed twice.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/EntryUploader.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

#include <QJsonObject>
#include <QList>

namespace lantern::vault {
class OutboxRepository;
}

namespace lantern::sync {

class ReconcilerFiling
{
public:
    static constexpr int kBundleSize = 100;

    ReconcilerFiling(const FhirClient& client, vault::OutboxRepository& outbox) : m_client(client), m_outbox(outbox) {}

    void setTransactions(bool offered) { m_transactions = offered; }
    bool transactionsOffered() const { return m_transactions; }

    // `resource`: the entry's resource with patient references mapped to the EHR's ids.
    void queue(const record::OutboxItem& item, const QJsonObject& resource);
    bool isEmpty() const { return m_queue.isEmpty(); }
    bool full() const { return m_queue.size() >= (m_transactions ? kBundleSize : 1); }
    void clear() { m_queue.clear(); } // what was queued stays pending in the outbox

    struct Filed
    {
        record::OutboxItem item;
        StepResult<UploadedAs> result;
    };
    // Sends the queue and empties it. The results in order, ending with the first
    // stop(); entries after it are not in the list (they stay pending).
    QList<Filed> send();

    int transactions() const { return m_sent; } // Bundles the server took

private:
    struct Queued
    {
        record::OutboxItem item;
        QJsonObject resource;
    };
    QList<Filed> oneByOne(const QList<Queued>& queued) const;

    const FhirClient& m_client;
    vault::OutboxRepository& m_outbox;
    bool m_transactions = false;
    QList<Queued> m_queue;
    int m_sent = 0;
};

} // namespace lantern::sync
