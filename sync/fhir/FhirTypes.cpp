#include "sync/fhir/FhirTypes.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace lantern::sync {

QString FhirResource::versionId() const
{
    const QString fromMeta = json.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString();
    if (!fromMeta.isEmpty())
        return fromMeta;
    QString tag = info.etag.trimmed();
    if (tag.startsWith(QLatin1String("W/")))
        tag = tag.mid(2);
    if (tag.size() >= 2 && tag.startsWith(QLatin1Char('"')) && tag.endsWith(QLatin1Char('"')))
        tag = tag.mid(1, tag.size() - 2);
    return tag;
}

QList<QJsonObject> BundlePage::resources() const
{
    QList<QJsonObject> out;
    const QJsonArray entries = bundle.value(QLatin1String("entry")).toArray();
    out.reserve(entries.size());
    for (const QJsonValue& entry : entries) {
        const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
        if (!resource.isEmpty())
            out.append(resource);
    }
    return out;
}

QString BundlePage::nextLink() const
{
    const QJsonArray links = bundle.value(QLatin1String("link")).toArray();
    for (const QJsonValue& link : links) {
        const QJsonObject object = link.toObject();
        if (object.value(QLatin1String("relation")).toString() == QLatin1String("next"))
            return object.value(QLatin1String("url")).toString();
    }
    return {};
}

std::optional<qint64> BundlePage::total() const
{
    const QJsonValue value = bundle.value(QLatin1String("total"));
    if (!value.isDouble())
        return std::nullopt;
    return static_cast<qint64>(value.toDouble());
}

QByteArray encodeQuery(const SearchParams& params)
{
    static const QByteArray keep = QByteArrayLiteral(",:$/");
    QByteArray out;
    for (const auto& [name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name, keep) + '=' + QUrl::toPercentEncoding(value, keep);
    }
    return out;
}

QUrl resolveFhirUrl(const QUrl& base, const QString& relativePath, const SearchParams& params)
{
    QUrl url = base;
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!relativePath.isEmpty())
        path += QLatin1Char('/') + relativePath;
    url.setPath(path, QUrl::StrictMode);
    url.setQuery(params.isEmpty() ? QString() : QString::fromLatin1(encodeQuery(params)), QUrl::StrictMode);
    url.setFragment(QString());
    return url;
}

bool isValidResourceType(const QString& type)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Z][A-Za-z]{1,63}$"));
    return pattern.match(type).hasMatch();
}

bool isValidResourceId(const QString& id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    return pattern.match(id).hasMatch();
}

QString fhirInstant(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace lantern::sync
