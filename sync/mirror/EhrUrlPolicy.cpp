#include "sync/mirror/EhrUrlPolicy.h"

namespace lantern::sync {
namespace {

const QString kBearerToken = QStringLiteral("mirror.bearer_token");
const QString kProxy = QStringLiteral("mirror.proxy");

// mirror.proxy is read as the mirror client reads it: "host:port" or a URL.
QUrl proxyUrl(const QString& value)
{
    return QUrl::fromUserInput(value);
}

} // namespace

Status checkEhrBaseUrl(const QUrl& url)
{
    if (url.isEmpty())
        return {};
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")) || url.host().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("mirror.base_url: give the FHIR base URL, e.g. https://ehr.example/fhir/R4"));
    if (!url.userInfo().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("mirror.base_url: no user name or password inside the URL (it would be stored and shown "
                                    "in clear); give the URL without \"user:password@\" and set mirror.auth with "
                                    "`lanternctl config set mirror.bearer_token -` (read from standard input)"));
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("mirror.base_url: http:// would send patient data in clear over the network; use "
                                    "https:// (http:// is allowed only to this machine: localhost, 127.0.0.1, ::1)"));
    return {};
}

bool isSecretSetting(const QString& key, const QString& value)
{
    return key == kBearerToken || (key == kProxy && !proxyUrl(value).password().isEmpty());
}

QString redactedSettingValue(const QString& key, const QString& value)
{
    if (value.isEmpty())
        return value;
    if (key == kBearerToken)
        return QStringLiteral("(set, %1 characters)").arg(value.size());
    if (key == kProxy && !proxyUrl(value).password().isEmpty()) {
        QUrl url = proxyUrl(value);
        url.setPassword(QStringLiteral("***"));
        return url.toString();
    }
    return value;
}

} // namespace lantern::sync
