#pragma once
// Plain HTTP to the simulator on 127.0.0.1 (a Poco client, independent of
// Lantern's own FHIR client), shared by the simulator's tests.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

namespace simtest {

struct Reply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QString error;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

Reply http(quint16 port, const QByteArray& method, const QString& target, const QByteArray& body = {},
    const QList<QPair<QByteArray, QByteArray>>& headers = {});

QByteArray toJson(const QJsonObject& o);

// Follows next links from `target`, returning every entry's "Type/id".
QStringList pageThrough(quint16 port, QString target, int* pages = nullptr);

} // namespace simtest
