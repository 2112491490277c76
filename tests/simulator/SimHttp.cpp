#include "SimHttp.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace simtest {

Reply http(quint16 port, const QByteArray& method, const QString& target, const QByteArray& body,
    const QList<QPair<QByteArray, QByteArray>>& headers)
{
    Reply r;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(method.toStdString(), target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [name, value] : headers)
            request.set(name.toStdString(), value.toStdString());
        if (!body.isEmpty()) {
            request.setContentType("application/fhir+json");
            request.setContentLength(body.size());
            session.sendRequest(request).write(body.constData(), body.size());
        } else {
            session.sendRequest(request);
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        r.status = response.getStatus();
        for (const auto& [name, value] : response)
            r.headers.insert(QByteArray::fromStdString(name).toLower(), QByteArray::fromStdString(value));
        std::string data;
        Poco::StreamCopier::copyToString(in, data);
        r.body = QByteArray::fromStdString(data);
    } catch (const Poco::Exception& e) {
        r.error = QString::fromStdString(e.displayText());
    }
    return r;
}

QByteArray toJson(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QStringList pageThrough(quint16 port, QString target, int* pages)
{
    QStringList seen;
    const QString prefix = u"http://127.0.0.1:"_s + QString::number(port);
    int n = 0;
    while (!target.isEmpty() && n < 10000) {
        const Reply r = http(port, "GET", target);
        if (r.status != 200)
            return {u"HTTP "_s + QString::number(r.status)};
        ++n;
        const QJsonObject bundle = r.json();
        for (const QJsonValue& e : bundle.value(u"entry"_s).toArray()) {
            const QJsonObject res = e.toObject().value(u"resource"_s).toObject();
            seen.append(res.value(u"resourceType"_s).toString() + u'/' + res.value(u"id"_s).toString());
        }
        target.clear();
        for (const QJsonValue& l : bundle.value(u"link"_s).toArray())
            if (l.toObject().value(u"relation"_s).toString() == u"next"_s)
                target = l.toObject().value(u"url"_s).toString().mid(prefix.size());
    }
    if (pages)
        *pages = n;
    return seen;
}

} // namespace simtest
