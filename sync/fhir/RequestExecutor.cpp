#include "sync/fhir/RequestExecutor.h"

#include "sync/SyncLogging.h"
#include "sync/fhir/OperationOutcome.h"
#include "sync/http/HttpDate.h"
#include "sync/http/TransportErrors.h"

namespace lantern::sync {

RequestExecutor::RequestExecutor(std::shared_ptr<HttpTransport> transport, std::shared_ptr<AuthProvider> auth,
                                 RetryPolicy policy, const Clock& clock, Sleeper sleeper)
    : m_transport(std::move(transport)),
      m_auth(auth ? std::move(auth) : std::make_shared<NoAuth>()),
      m_policy(policy),
      m_clock(clock),
      m_sleeper(sleeper ? std::move(sleeper) : threadSleeper())
{
    m_policy.maxAttempts = std::max(1, m_policy.maxAttempts);
}

FhirResult<HttpResponse> RequestExecutor::execute(const HttpRequest& request, RequestTraits traits) const
{
    return run(request, traits, nullptr);
}

FhirResult<HttpResponse> RequestExecutor::execute(const HttpRequest& request, RequestTraits traits, const BodySink& sink) const
{
    return run(request, traits, &sink);
}

Error httpStatusError(const HttpRequest& request, const HttpResponse& response)
{
    QString message = describeRequest(request.method, request.url) + QStringLiteral(": HTTP ") + QString::number(response.status);
    if (!response.reason.isEmpty())
        message += QLatin1Char(' ') + QString::fromLatin1(response.reason);
    if (response.status >= 300 && response.status < 400 && response.status != 304) {
        // Redirects are never followed, so credentials never go to wherever they point.
        const QUrl to = request.url.resolved(QUrl::fromEncoded(response.header("Location")));
        message += QStringLiteral(": redirected to %1, which Lantern does not follow (no credentials go there); "
                                  "check mirror.base_url")
                       .arg(to.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
                                .toDisplayString());
        return Error(ErrorCode::Server, message);
    }
    const QString outcome = summarizeOperationOutcome(response.body);
    if (!outcome.isEmpty())
        message += QStringLiteral(": ") + outcome;
    return Error(ErrorCode::Server, message);
}

namespace {

QString attemptsNote(int attempts)
{
    return attempts > 1 ? QStringLiteral(" (gave up after %1 attempts)").arg(attempts) : QString();
}

} // namespace

FhirResult<HttpResponse> RequestExecutor::run(const HttpRequest& original, RequestTraits traits, const BodySink* sink) const
{
    const int maxAttempts = traits.retry && traits.idempotent ? m_policy.maxAttempts : 1;
    const QString what = describeRequest(original.method, original.url);
    bool credentialRefreshed = false;
    qint64 delivered = 0; // bytes already handed to the sink
    const BodySink counting = [&](const char* data, qsizetype size) -> Status {
        delivered += size;
        return (*sink)(data, size);
    };

    for (int attempt = 1;; ++attempt) {
        HttpRequest request = original;
        request.repeatable = traits.idempotent;
        if (traits.authenticate) {
            Result<SecureBuffer> header = m_auth->authorization();
            if (!header.ok()) {
                const bool transient = header.error().code == ErrorCode::Network;
                if (transient && attempt < maxAttempts && m_sleeper(backoffDelay(m_policy, attempt)))
                    continue;
                return header.error().prefixed(what);
            }
            if (!header.value().isEmpty()) {
                if (request.url.scheme() != QLatin1String("https") && !isLoopbackHost(request.url.host())) {
                    return Error(ErrorCode::Denied,
                                 QStringLiteral("%1: refusing to send credentials over unencrypted http; use an https URL").arg(what));
                }
                request.authorization = QByteArray(header.value().chars(), static_cast<qsizetype>(header.value().size()));
            }
        }

        HttpResult result = sink ? m_transport->send(request, counting) : m_transport->send(request);
        wipe(request.authorization);

        if (!result.ok()) {
            const bool mayRetry = result.transient() && delivered == 0 && attempt < maxAttempts;
            if (mayRetry) {
                const auto delay = backoffDelay(m_policy, attempt);
                qCInfo(lcFhirClient) << what << "attempt" << attempt << "failed, retrying in" << delay.count() << "ms:" << result.error().message;
                if (m_sleeper(delay))
                    continue;
            }
            return Error(result.error().code, what + QStringLiteral(": ") + result.error().message + attemptsNote(attempt));
        }

        HttpResponse& response = result.value();
        if (response.isSuccess() || response.status == 304)
            return std::move(response);

        if (response.status == 401 && traits.authenticate && !credentialRefreshed && m_auth->credentialRejected()) {
            credentialRefreshed = true; // one fresh token; a second 401 is final
            --attempt;
            continue;
        }

        if (isRetryableStatus(response.status) && attempt < maxAttempts) {
            std::chrono::milliseconds delay = backoffDelay(m_policy, attempt);
            if (response.status == 429 || response.status == 503) {
                const QDateTime reference = response.serverDate.value_or(m_clock.now());
                if (const auto retryAfter = parseRetryAfter(response.header("Retry-After"), reference)) {
                    if (*retryAfter > m_policy.maxDelay) {
                        Error error = httpStatusError(original, response);
                        error.message += QStringLiteral(" (the server asked to wait %1, longer than the configured maximum of %2)")
                                             .arg(formatSeconds(*retryAfter), formatSeconds(m_policy.maxDelay));
                        return FhirResult<HttpResponse>(error, response.status);
                    }
                    delay = *retryAfter;
                }
            }
            qCInfo(lcFhirClient) << what << "answered" << response.status << "- retrying in" << delay.count() << "ms";
            if (m_sleeper(delay))
                continue;
        }

        Error error = httpStatusError(original, response);
        error.message += attemptsNote(attempt);
        return FhirResult<HttpResponse>(error, response.status);
    }
}

} // namespace lantern::sync
