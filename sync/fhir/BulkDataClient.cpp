#include "sync/fhir/BulkDataClient.h"

#include "sync/http/HttpDate.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace lantern::sync {

namespace {

QList<BulkOutputFile> parseFiles(const QJsonArray& array, const QUrl& base)
{
    QList<BulkOutputFile> files;
    for (const QJsonValue& value : array) {
        const QJsonObject object = value.toObject();
        BulkOutputFile file;
        file.type = object.value(QLatin1String("type")).toString();
        file.url = base.resolved(QUrl(object.value(QLatin1String("url")).toString()));
        if (object.value(QLatin1String("count")).isDouble())
            file.count = static_cast<qint64>(object.value(QLatin1String("count")).toDouble());
        files.append(file);
    }
    return files;
}

} // namespace

Status BulkDataClient::checkStatusUrl(const QUrl& statusUrl) const
{
    if (!sameOrigin(statusUrl, m_client.baseUrl())) {
        return Error(ErrorCode::Denied, QStringLiteral("the bulk export status URL points to %1, outside %2; not polling it with the EHR's credentials")
                                            .arg(originOf(statusUrl), originOf(m_client.baseUrl())));
    }
    return {};
}

FhirResult<QUrl> BulkDataClient::kickOff(const BulkExportRequest& request) const
{
    SearchParams params;
    if (!request.types.isEmpty())
        params.append({QStringLiteral("_type"), request.types.join(QLatin1Char(','))});
    if (request.since)
        params.append({QStringLiteral("_since"), fhirInstant(*request.since)});
    HttpRequest http;
    http.url = resolveFhirUrl(m_client.baseUrl(), request.operation, params);
    http.setHeader("Accept", "application/fhir+json");
    http.setHeader("Prefer", "respond-async");

    auto response = m_client.executor().execute(http, {});
    if (!response.ok())
        return FhirResult<QUrl>(response.error(), response.httpStatus());
    const QUrl statusUrl = m_client.baseUrl().resolved(QUrl(QString::fromLatin1(response.value().header("Content-Location"))));
    if (response.value().status != 202 || statusUrl.isEmpty()) {
        return FhirResult<QUrl>(Error(ErrorCode::Unsupported, QStringLiteral("%1: the server did not start an asynchronous export (HTTP %2 without a status URL)")
                                                                  .arg(describeRequest(http.method, http.url))
                                                                  .arg(response.value().status)),
                                response.value().status);
    }
    return statusUrl;
}

FhirResult<BulkExportStatus> BulkDataClient::status(const QUrl& statusUrl) const
{
    LANTERN_TRY(checkStatusUrl(statusUrl));
    HttpRequest http;
    http.url = statusUrl;
    http.setHeader("Accept", "application/json");
    auto response = m_client.executor().execute(http, {});
    if (!response.ok())
        return FhirResult<BulkExportStatus>(response.error(), response.httpStatus());

    const HttpResponse& answer = response.value();
    BulkExportStatus status;
    if (answer.status == 202) {
        status.progress = QString::fromUtf8(answer.header("X-Progress"));
        status.retryAfter = parseRetryAfter(answer.header("Retry-After"), answer.serverDate.value_or(m_client.executor().clock().now()));
        return status;
    }
    const QJsonDocument document = QJsonDocument::fromJson(answer.body);
    if (!document.isObject()) {
        return FhirResult<BulkExportStatus>(Error(ErrorCode::InvalidInput, QStringLiteral("the bulk export manifest from %1 is not JSON")
                                                                               .arg(originOf(statusUrl))),
                                            answer.status);
    }
    const QJsonObject manifest = document.object();
    status.complete = true;
    const QDateTime transactionTime = QDateTime::fromString(manifest.value(QLatin1String("transactionTime")).toString(), Qt::ISODateWithMs);
    if (transactionTime.isValid())
        status.transactionTime = transactionTime.toUTC();
    status.requiresAccessToken = manifest.value(QLatin1String("requiresAccessToken")).toBool();
    status.output = parseFiles(manifest.value(QLatin1String("output")).toArray(), statusUrl);
    status.errors = parseFiles(manifest.value(QLatin1String("error")).toArray(), statusUrl);
    return status;
}

FhirResult<BulkExportStatus> BulkDataClient::waitUntilComplete(const QUrl& statusUrl, std::chrono::milliseconds defaultInterval,
                                                               int maxPolls) const
{
    for (int poll = 1;; ++poll) {
        auto current = status(statusUrl);
        if (!current.ok() || current.value().complete)
            return current;
        if (poll >= maxPolls) {
            return Error(ErrorCode::Server, QStringLiteral("the bulk export at %1 was still running after %2 status checks (%3)")
                                                .arg(originOf(statusUrl))
                                                .arg(poll)
                                                .arg(current.value().progress));
        }
        const auto wait = std::clamp(current.value().retryAfter.value_or(defaultInterval), std::chrono::milliseconds(0),
                                     m_client.executor().policy().maxDelay);
        if (!m_client.executor().sleep(wait))
            return Error(ErrorCode::Network, QStringLiteral("waiting for the bulk export was interrupted"));
    }
}

FhirResult<qint64> BulkDataClient::download(const BulkOutputFile& file, bool requiresAccessToken, const ResourceCallback& onResource) const
{
    const bool sameServer = sameOrigin(file.url, m_client.baseUrl());
    if (requiresAccessToken && !sameServer) {
        return Error(ErrorCode::Denied, QStringLiteral("the export file at %1 wants the EHR's access token but is on another server; not sending it")
                                            .arg(originOf(file.url)));
    }
    if (!sameServer && file.url.scheme() != QLatin1String("https"))
        return Error(ErrorCode::Denied, QStringLiteral("the export file at %1 is not served over https").arg(originOf(file.url)));

    HttpRequest http;
    http.url = file.url;
    http.setHeader("Accept", "application/fhir+ndjson");
    NdjsonReader reader(onResource);
    const BodySink sink = [&reader](const char* data, qsizetype size) { return reader.feed(data, size); };
    auto response = m_client.executor().execute(http, RequestTraits{.authenticate = requiresAccessToken}, sink);
    if (!response.ok())
        return FhirResult<qint64>(response.error(), response.httpStatus());
    LANTERN_TRY(reader.finish());
    return reader.lines();
}

FhirResult<ResponseInfo> BulkDataClient::cancel(const QUrl& statusUrl) const
{
    LANTERN_TRY(checkStatusUrl(statusUrl));
    HttpRequest http;
    http.method = "DELETE";
    http.url = statusUrl;
    auto response = m_client.executor().execute(http, {});
    if (!response.ok())
        return FhirResult<ResponseInfo>(response.error(), response.httpStatus());
    ResponseInfo info;
    info.status = response.value().status;
    info.serverDate = response.value().serverDate;
    return info;
}

} // namespace lantern::sync
