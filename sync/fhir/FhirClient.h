#pragma once
// FHIR R4 REST interactions against one server: read, vread, search with
// paging, history, create, update, transaction, capabilities and a cheap
// heartbeat request. Every response carries the server's Date so the mirror
// keeps its cursors in server time. Const and thread-safe (state lives in the
// transport and the auth provider, which are).

#include "sync/auth/AuthProvider.h"
#include "core/common/Clock.h"
#include "sync/fhir/FhirTypes.h"
#include "sync/fhir/RequestExecutor.h"
#include "sync/fhir/RetryPolicy.h"
#include "sync/http/HttpTransport.h"

#include <memory>

namespace lantern::sync {

struct FhirClientConfig
{
    QUrl baseUrl;                                       // https://ehr.example/fhir/R4
    RetryPolicy retry;
    QString heartbeatPath = QStringLiteral("metadata"); // relative to baseUrl; GET, one attempt
    int maxPages = 10'000;                              // stops servers whose next links never end
};

class FhirClient
{
public:
    FhirClient(FhirClientConfig config, std::shared_ptr<HttpTransport> transport, std::shared_ptr<AuthProvider> auth,
               const Clock& clock = SystemClock::instance(), Sleeper sleeper = {});

    const QUrl& baseUrl() const { return m_config.baseUrl; }
    const RequestExecutor& executor() const { return m_executor; }

    FhirResult<FhirResource> read(const QString& type, const QString& id) const;
    FhirResult<FhirResource> vread(const QString& type, const QString& id, const QString& versionId) const;

    FhirResult<BundlePage> search(const QString& type, const SearchParams& params) const;
    // The page behind `page`'s next link. Only links to the base URL's origin
    // are followed (the token must not travel elsewhere); NotFound when there
    // is no next link.
    FhirResult<BundlePage> followNext(const BundlePage& page) const;
    // Every page of a search, one at a time: memory holds one page, not the result set.
    FhirResult<PagingSummary> searchAll(const QString& type, const SearchParams& params, const PageCallback& onPage) const;
    // _history of a type (or of the whole server when `type` is empty) since an instant.
    FhirResult<BundlePage> history(const QString& type, const std::optional<QDateTime>& since,
                                   const SearchParams& extra = {}) const;
    // Hands `first` and all pages after it to onPage.
    FhirResult<PagingSummary> forEachPage(FhirResult<BundlePage> first, const PageCallback& onPage) const;

    // POST; with ifNoneExist the create is conditional (and then also safe to retry).
    FhirResult<FhirResource> create(const QJsonObject& resource, const SearchParams& ifNoneExist = {}) const;
    // PUT to type/id; with a version, If-Match: W/"version" (412 when it changed meanwhile).
    FhirResult<FhirResource> update(const QJsonObject& resource, const QString& ifMatchVersionId = {}) const;
    // POST a transaction or batch Bundle to the base. Sent once, unless `repeatable`:
    // every entry is conditional (ifNoneExist, ifMatch), so a repeat cannot write twice
    // and the Bundle is retried like a conditional create. `minimal` asks the server
    // to leave the resources out of the answer (Prefer: return=minimal).
    struct TransactionOptions
    {
        bool repeatable = false;
        bool minimal = false;
    };
    FhirResult<BundlePage> transaction(const QJsonObject& bundle, TransactionOptions options) const;
    FhirResult<BundlePage> transaction(const QJsonObject& bundle) const { return transaction(bundle, TransactionOptions{}); }

    FhirResult<FhirResource> capabilities() const;
    // One GET of the heartbeat path, no retries: is the EHR answering right now?
    FhirResult<ResponseInfo> ping() const;

private:
    FhirResult<HttpResponse> get(const QUrl& url, RequestTraits traits = {}) const;
    FhirResult<FhirResource> readAt(const QUrl& url, const QString& expectedType) const;
    FhirResult<BundlePage> bundleAt(const QUrl& url) const;

    FhirClientConfig m_config;
    RequestExecutor m_executor;
};

} // namespace lantern::sync
