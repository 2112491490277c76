#pragma once
// The FHIR R4 REST interface of the simulator over the store: read, vread,
// search, history, create (with If-None-Exist), update (with If-Match),
// delete, transaction/batch, CapabilityStatement and the Bulk Data endpoints
// (delegated to BulkExportManager). Pure request -> response, no sockets.

#include "ApiTypes.h"
#include "FhirStore.h"
#include "TransactionGate.h"
#include "TransactionProcessor.h"

#include <atomic>

namespace lantern::sim {

class BulkExportManager;

class FhirRestApi
{
public:
    FhirRestApi(FhirStore& store, BulkExportManager& exports);

    ApiResponse handle(const ApiRequest& request);

    // Off: type- and system-level _history answer 404, as on servers without
    // them (Medplum), so clients must search by _lastUpdated. Instance history stays.
    void setTypeHistory(bool offered) { m_typeHistory = offered; }
    bool typeHistory() const { return m_typeHistory; }
    // Transactions on or off (setTransactions(false): servers without them), the
    // transaction hold and the request counters: TransactionGate.h.
    void setTransactions(bool offered) { m_gate.setOffered(offered); }
    TransactionGate& transactionGate() { return m_gate; }

private:
    ApiResponse handleType(const ApiRequest& req, const QStringList& parts);
    ApiResponse read(const ApiRequest& req, const QString& type, const QString& id);
    ApiResponse vread(const QString& type, const QString& id, const QString& vid);
    ApiResponse create(const ApiRequest& req, const QString& type);
    ApiResponse update(const ApiRequest& req, const QString& type, const QString& id);
    ApiResponse remove(const ApiRequest& req, const QString& type, const QString& id);
    ApiResponse search(const ApiRequest& req, const QString& type, const QueryItems& items);
    ApiResponse history(const ApiRequest& req, const QString& type, const QString& id);
    ApiResponse bundle(const ApiRequest& req);
    ApiResponse batch(const ApiRequest& req, const QJsonObject& bundle);
    ApiResponse transaction(const ApiRequest& req, const QJsonObject& bundle);
    QJsonObject subRequestEntry(const ApiRequest& outer, const QJsonObject& entry);
    ApiResponse capability(const ApiRequest& req);

    FhirStore& m_store;
    BulkExportManager& m_exports;
    TransactionProcessor m_transactions;
    TransactionGate m_gate;
    std::atomic<bool> m_typeHistory{true};
};

// Prefer header tokens: return=minimal, respond-async, handling=strict ...
bool preferHas(const ApiRequest& req, const QString& token);
// The response to a successful write: status, ETag, Last-Modified, Location, body per Prefer.
ApiResponse writeResponse(const ApiRequest& req, const WriteOutcome& written, int status);

} // namespace lantern::sim
