#include "sync/http/HttpTypes.h"

#include <QStringList>

namespace lantern::sync {

QByteArray findHeader(const HttpHeaders& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value)
{
    headers.removeIf([&name](const QPair<QByteArray, QByteArray>& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

QString originOf(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    return scheme + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':') + QString::number(url.port(defaultPort));
}

bool sameOrigin(const QUrl& a, const QUrl& b)
{
    return a.isValid() && b.isValid() && !a.host().isEmpty() && originOf(a) == originOf(b);
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    if (host == QLatin1String("::1") || host == QLatin1String("[::1]"))
        return true;
    const QStringList parts = host.split(QLatin1Char('.'));
    if (parts.size() != 4 || parts.first() != QLatin1String("127"))
        return false;
    for (const QString& part : parts) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || value < 0 || value > 255)
            return false;
    }
    return true;
}

QString describeRequest(const QByteArray& method, const QUrl& url)
{
    QString path = url.path();
    if (path.isEmpty())
        path = QStringLiteral("/");
    return QString::fromLatin1(method) + QLatin1Char(' ') + url.host() + path;
}

} // namespace lantern::sync
