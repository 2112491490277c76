#include "sync/fhir/FhirClient.h"

#include "sync/SyncLogging.h"

#include <QJsonDocument>

namespace lantern::sync {

namespace {

const QByteArray kFhirJson = QByteArrayLiteral("application/fhir+json");

ResponseInfo infoOf(const HttpResponse& response)
{
    ResponseInfo info;
    info.status = response.status;
    info.serverDate = response.serverDate;
    info.etag = QString::fromLatin1(response.header("ETag"));
    info.location = QString::fromLatin1(response.header("Location"));
    if (info.location.isEmpty())
        info.location = QString::fromLatin1(response.header("Content-Location"));
    info.lastModified = QString::fromLatin1(response.header("Last-Modified"));
    return info;
}

// Parses a JSON object body; an empty body gives an empty object when allowed.
FhirResult<QJsonObject> parseObject(const HttpRequest& request, const HttpResponse& response, bool allowEmpty)
{
    if (response.body.trimmed().isEmpty() && allowEmpty)
        return QJsonObject();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (!document.isObject()) {
        // A portal's sign-in page or a proxy's error page with 200: say what came instead of JSON.
        const QByteArray contentType = response.header("Content-Type").split(';').first().trimmed().toLower();
        if (!contentType.isEmpty() && !contentType.contains("json")) {
            return FhirResult<QJsonObject>(
                Error(ErrorCode::InvalidInput,
                      QStringLiteral("%1: the server answered with %2, not FHIR JSON (a sign-in or proxy page?); check "
                                     "mirror.base_url and what stands between Lantern and the EHR")
                          .arg(describeRequest(request.method, request.url), QString::fromLatin1(contentType))),
                response.status);
        }
        return FhirResult<QJsonObject>(
            Error(ErrorCode::InvalidInput, QStringLiteral("%1: the server's answer is not a FHIR JSON resource (%2 at byte %3)")
                                               .arg(describeRequest(request.method, request.url), parseError.errorString())
                                               .arg(parseError.offset)),
            response.status);
    }
    return document.object();
}

HttpRequest makeRequest(const QByteArray& method, const QUrl& url)
{
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.setHeader("Accept", kFhirJson);
    return request;
}

Error invalid(const QString& message)
{
    return Error(ErrorCode::InvalidInput, message);
}

} // namespace

FhirClient::FhirClient(FhirClientConfig config, std::shared_ptr<HttpTransport> transport, std::shared_ptr<AuthProvider> auth,
                       const Clock& clock, Sleeper sleeper)
    : m_config(std::move(config)),
      m_executor(std::move(transport), std::move(auth), m_config.retry, clock, std::move(sleeper))
{
}

FhirResult<HttpResponse> FhirClient::get(const QUrl& url, RequestTraits traits) const
{
    return m_executor.execute(makeRequest("GET", url), traits);
}

FhirResult<FhirResource> FhirClient::readAt(const QUrl& url, const QString& expectedType) const
{
    const HttpRequest request = makeRequest("GET", url);
    auto response = m_executor.execute(request, {});
    if (!response.ok())
        return FhirResult<FhirResource>(response.error(), response.httpStatus());
    auto json = parseObject(request, response.value(), false);
    if (!json.ok())
        return FhirResult<FhirResource>(json.error(), json.httpStatus());
    const QString actual = json.value().value(QLatin1String("resourceType")).toString();
    if (!expectedType.isEmpty() && actual != expectedType) {
        return FhirResult<FhirResource>(invalid(QStringLiteral("%1: expected a %2 but the server sent a %3")
                                                    .arg(describeRequest(request.method, url), expectedType, actual)),
                                        response.value().status);
    }
    return FhirResource{std::move(json.value()), infoOf(response.value())};
}

FhirResult<BundlePage> FhirClient::bundleAt(const QUrl& url) const
{
    auto resource = readAt(url, QStringLiteral("Bundle"));
    if (!resource.ok())
        return FhirResult<BundlePage>(resource.error(), resource.httpStatus());
    return BundlePage{std::move(resource.value().json), resource.value().info};
}

FhirResult<FhirResource> FhirClient::read(const QString& type, const QString& id) const
{
    if (!isValidResourceType(type) || !isValidResourceId(id))
        return invalid(QStringLiteral("\"%1/%2\" is not a valid FHIR resource reference").arg(type, id));
    return readAt(resolveFhirUrl(m_config.baseUrl, type + QLatin1Char('/') + id), type);
}

FhirResult<FhirResource> FhirClient::vread(const QString& type, const QString& id, const QString& versionId) const
{
    if (!isValidResourceType(type) || !isValidResourceId(id) || !isValidResourceId(versionId))
        return invalid(QStringLiteral("\"%1/%2/_history/%3\" is not a valid FHIR version reference").arg(type, id, versionId));
    return readAt(resolveFhirUrl(m_config.baseUrl, type + QLatin1Char('/') + id + QStringLiteral("/_history/") + versionId), type);
}

FhirResult<BundlePage> FhirClient::search(const QString& type, const SearchParams& params) const
{
    if (!isValidResourceType(type))
        return invalid(QStringLiteral("\"%1\" is not a FHIR resource type").arg(type));
    return bundleAt(resolveFhirUrl(m_config.baseUrl, type, params));
}

FhirResult<BundlePage> FhirClient::followNext(const BundlePage& page) const
{
    const QString link = page.nextLink();
    if (link.isEmpty())
        return FhirResult<BundlePage>(Error(ErrorCode::NotFound, QStringLiteral("the Bundle has no next page")));
    const QUrl next = m_config.baseUrl.resolved(QUrl::fromEncoded(link.toUtf8(), QUrl::TolerantMode));
    if (!sameOrigin(next, m_config.baseUrl)) {
        return invalid(QStringLiteral("the server's next link points to %1, outside %2; Lantern only follows links to the EHR itself")
                           .arg(originOf(next), originOf(m_config.baseUrl)));
    }
    return bundleAt(next);
}

FhirResult<PagingSummary> FhirClient::forEachPage(FhirResult<BundlePage> first, const PageCallback& onPage) const
{
    PagingSummary summary;
    FhirResult<BundlePage> page = std::move(first);
    QString previousLink;
    while (true) {
        if (!page.ok())
            return FhirResult<PagingSummary>(page.error(), page.httpStatus());
        if (summary.pages == 0)
            summary.firstServerDate = page.value().info.serverDate;
        ++summary.pages;
        summary.resources += page.value().resources().size();
        LANTERN_TRY(onPage(page.value()));

        const QString link = page.value().nextLink();
        if (link.isEmpty())
            return summary;
        if (link == previousLink)
            return invalid(QStringLiteral("the server sent the same next link twice; paging stopped after %1 pages").arg(summary.pages));
        if (summary.pages >= m_config.maxPages)
            return invalid(QStringLiteral("paging stopped after %1 pages (the configured maximum)").arg(summary.pages));
        previousLink = link;
        page = followNext(page.value());
    }
}

FhirResult<PagingSummary> FhirClient::searchAll(const QString& type, const SearchParams& params, const PageCallback& onPage) const
{
    return forEachPage(search(type, params), onPage);
}

FhirResult<BundlePage> FhirClient::history(const QString& type, const std::optional<QDateTime>& since, const SearchParams& extra) const
{
    if (!type.isEmpty() && !isValidResourceType(type))
        return invalid(QStringLiteral("\"%1\" is not a FHIR resource type").arg(type));
    SearchParams params;
    if (since)
        params.append({QStringLiteral("_since"), fhirInstant(*since)});
    params += extra;
    const QString path = type.isEmpty() ? QStringLiteral("_history") : type + QStringLiteral("/_history");
    return bundleAt(resolveFhirUrl(m_config.baseUrl, path, params));
}

FhirResult<FhirResource> FhirClient::create(const QJsonObject& resource, const SearchParams& ifNoneExist) const
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    if (!isValidResourceType(type))
        return invalid(QStringLiteral("the resource to create has no valid resourceType"));
    HttpRequest request = makeRequest("POST", resolveFhirUrl(m_config.baseUrl, type));
    request.setHeader("Content-Type", kFhirJson);
    request.setHeader("Prefer", "return=representation");
    if (!ifNoneExist.isEmpty())
        request.setHeader("If-None-Exist", encodeQuery(ifNoneExist));
    request.body = QJsonDocument(resource).toJson(QJsonDocument::Compact);

    // Only a conditional create can be repeated without risking a duplicate.
    auto response = m_executor.execute(request, RequestTraits{.idempotent = !ifNoneExist.isEmpty()});
    if (!response.ok())
        return FhirResult<FhirResource>(response.error(), response.httpStatus());
    auto json = parseObject(request, response.value(), true);
    if (!json.ok())
        return FhirResult<FhirResource>(json.error(), json.httpStatus());
    return FhirResource{std::move(json.value()), infoOf(response.value())};
}

FhirResult<FhirResource> FhirClient::update(const QJsonObject& resource, const QString& ifMatchVersionId) const
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    const QString id = resource.value(QLatin1String("id")).toString();
    if (!isValidResourceType(type) || !isValidResourceId(id))
        return invalid(QStringLiteral("the resource to update needs a valid resourceType and id"));
    HttpRequest request = makeRequest("PUT", resolveFhirUrl(m_config.baseUrl, type + QLatin1Char('/') + id));
    request.setHeader("Content-Type", kFhirJson);
    request.setHeader("Prefer", "return=representation");
    if (!ifMatchVersionId.isEmpty()) {
        if (!isValidResourceId(ifMatchVersionId))
            return invalid(QStringLiteral("\"%1\" is not a valid version id").arg(ifMatchVersionId));
        request.setHeader("If-Match", "W/\"" + ifMatchVersionId.toLatin1() + '"');
    }
    request.body = QJsonDocument(resource).toJson(QJsonDocument::Compact);

    auto response = m_executor.execute(request, {});
    if (!response.ok())
        return FhirResult<FhirResource>(response.error(), response.httpStatus());
    auto json = parseObject(request, response.value(), true);
    if (!json.ok())
        return FhirResult<FhirResource>(json.error(), json.httpStatus());
    return FhirResource{std::move(json.value()), infoOf(response.value())};
}

FhirResult<BundlePage> FhirClient::transaction(const QJsonObject& bundle, TransactionOptions options) const
{
    const QString bundleType = bundle.value(QLatin1String("type")).toString();
    if (bundle.value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle") ||
        (bundleType != QLatin1String("transaction") && bundleType != QLatin1String("batch"))) {
        return invalid(QStringLiteral("a transaction needs a Bundle of type transaction or batch"));
    }
    HttpRequest request = makeRequest("POST", resolveFhirUrl(m_config.baseUrl, QString()));
    request.setHeader("Content-Type", kFhirJson);
    if (options.minimal)
        request.setHeader("Prefer", "return=minimal");
    request.body = QJsonDocument(bundle).toJson(QJsonDocument::Compact);

    auto response = m_executor.execute(request, RequestTraits{.idempotent = options.repeatable});
    if (!response.ok())
        return FhirResult<BundlePage>(response.error(), response.httpStatus());
    auto json = parseObject(request, response.value(), false);
    if (!json.ok())
        return FhirResult<BundlePage>(json.error(), json.httpStatus());
    return BundlePage{std::move(json.value()), infoOf(response.value())};
}

FhirResult<FhirResource> FhirClient::capabilities() const
{
    return readAt(resolveFhirUrl(m_config.baseUrl, QStringLiteral("metadata")), QStringLiteral("CapabilityStatement"));
}

FhirResult<ResponseInfo> FhirClient::ping() const
{
    auto response = get(resolveFhirUrl(m_config.baseUrl, m_config.heartbeatPath), RequestTraits{.retry = false});
    if (!response.ok())
        return FhirResult<ResponseInfo>(response.error(), response.httpStatus());
    return infoOf(response.value());
}

} // namespace lantern::sync
