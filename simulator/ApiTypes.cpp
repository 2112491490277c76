#include "ApiTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace lantern::sim {

QString ApiRequest::param(const QString& name) const
{
    for (const auto& [k, v] : query)
        if (k == name)
            return v;
    return {};
}

QStringList ApiRequest::params(const QString& name) const
{
    QStringList out;
    for (const auto& [k, v] : query)
        if (k == name)
            out.append(v);
    return out;
}

QString ApiRequest::url() const
{
    QString u = base + u'/' + path;
    if (!query.isEmpty())
        u += u'?' + buildQuery(query);
    return u;
}

void ApiResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    for (auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray ApiResponse::header(const QByteArray& name) const
{
    for (const auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

ApiResponse ApiResponse::json(int status, const QJsonObject& object, const QByteArray& contentType)
{
    return raw(status, QJsonDocument(object).toJson(QJsonDocument::Compact), contentType);
}

ApiResponse ApiResponse::raw(int status, const QByteArray& body, const QByteArray& contentType)
{
    ApiResponse r;
    r.status = status;
    r.body = body;
    r.contentType = contentType;
    return r;
}

ApiResponse ApiResponse::empty(int status)
{
    ApiResponse r;
    r.status = status;
    return r;
}

QJsonObject operationOutcome(const QString& severity, const QString& code, const QString& diagnostics)
{
    return QJsonObject{{u"resourceType"_s, u"OperationOutcome"_s},
        {u"issue"_s,
            QJsonArray{QJsonObject{{u"severity"_s, severity}, {u"code"_s, code}, {u"diagnostics"_s, diagnostics}}}}};
}

ApiResponse ApiResponse::outcome(int status, const QString& code, const QString& diagnostics, const QString& severity)
{
    return json(status, operationOutcome(severity, code, diagnostics));
}

ApiResponse ApiResponse::fromError(const Error& error, int conflictStatus)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return outcome(404, u"not-found"_s, error.message);
    case ErrorCode::InvalidInput:
        return outcome(400, u"invalid"_s, error.message);
    case ErrorCode::Unsupported:
        return outcome(422, u"processing"_s, error.message);
    case ErrorCode::Conflict:
        return outcome(conflictStatus, u"conflict"_s, error.message);
    default:
        return outcome(500, u"exception"_s, error.message);
    }
}

void splitTarget(const QString& target, QString& path, QList<QPair<QString, QString>>& query)
{
    const qsizetype q = target.indexOf(u'?');
    path = q < 0 ? target : target.left(q);
    query.clear();
    if (q >= 0) {
        // QUrlQuery keeps a literal '+' (FHIR timestamps carry one), decodes %2B to '+'.
        const QUrlQuery parsed(target.mid(q + 1));
        const auto items = parsed.queryItems(QUrl::FullyDecoded);
        for (const auto& item : items)
            query.append(item);
    }
}

QString buildQuery(const QList<QPair<QString, QString>>& items)
{
    QStringList parts;
    for (const auto& [k, v] : items)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(k)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(v, QByteArrayLiteral("|:,"))));
    return parts.join(u'&');
}

} // namespace lantern::sim
