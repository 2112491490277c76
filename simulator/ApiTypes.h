#pragma once
// The simulator's HTTP exchange without Poco: the front end turns a Poco
// request into an ApiRequest, the FHIR and admin APIs answer with an
// ApiResponse. Keeps the REST logic testable and the socket code small.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

namespace lantern::sim {

struct ApiRequest
{
    QByteArray method;                   // GET, POST, ...
    QString path;                        // decoded path below the FHIR base: "Patient/pat-1"
    QList<QPair<QString, QString>> query; // decoded, in order
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QString base;                        // absolute FHIR base URL, e.g. http://127.0.0.1:8080/fhir

    QString header(const char* lowerName) const { return QString::fromUtf8(headers.value(QByteArray(lowerName))); }
    QString param(const QString& name) const;
    QStringList params(const QString& name) const;
    // The request URL (absolute) for self links and bulk-export manifests.
    QString url() const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    void setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const;

    static ApiResponse json(int status, const QJsonObject& object,
        const QByteArray& contentType = QByteArrayLiteral("application/fhir+json"));
    static ApiResponse raw(int status, const QByteArray& body, const QByteArray& contentType);
    static ApiResponse empty(int status);
    // An OperationOutcome with one issue; `code` is the FHIR issue type (not-found, processing, ...).
    static ApiResponse outcome(int status, const QString& code, const QString& diagnostics,
        const QString& severity = QStringLiteral("error"));
    // Maps an Error to an OperationOutcome: NotFound 404, InvalidInput 400, Unsupported 422,
    // Conflict `conflictStatus` (409, or 412 when the request carried If-Match), else 500.
    static ApiResponse fromError(const Error& error, int conflictStatus = 409);
};

QJsonObject operationOutcome(const QString& severity, const QString& code, const QString& diagnostics);

// Splits "Patient?identifier=a|b&_count=2" into path and decoded query items.
void splitTarget(const QString& target, QString& path, QList<QPair<QString, QString>>& query);
QString buildQuery(const QList<QPair<QString, QString>>& items);

} // namespace lantern::sim
