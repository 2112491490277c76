#pragma once
// Values the FHIR client hands back: a resource or a Bundle page as
// QJsonObject plus what the server said about it (status, Date, ETag).

#include "core/common/Result.h"
#include "sync/fhir/FhirResult.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace lantern::sync {

// Search parameters in order; names may repeat (date=ge…&date=lt…).
using SearchParams = QList<QPair<QString, QString>>;

struct FhirResource
{
    QJsonObject json; // empty when the server answered without a body (create/update without representation)
    ResponseInfo info;

    // meta.versionId, or the version in a W/"…" ETag.
    QString versionId() const;
};

struct BundlePage
{
    QJsonObject bundle;
    ResponseInfo info;

    QList<QJsonObject> resources() const; // entry[].resource in order
    QString nextLink() const;             // the `next` link as sent; empty on the last page
    std::optional<qint64> total() const;
};

struct PagingSummary
{
    int pages = 0;
    qint64 resources = 0;
    std::optional<QDateTime> firstServerDate; // Date of the first page: a safe _since for the next run
};

// Called once per page; returning an Error stops the paging and is passed on.
using PageCallback = std::function<Status(const BundlePage& page)>;

// "a=b&c=d" with every reserved character percent-encoded except ',', ':',
// '$' and '/', which FHIR values use and servers expect literally.
QByteArray encodeQuery(const SearchParams& params);
// base + "/" + path segments joined, + "?" + query.
QUrl resolveFhirUrl(const QUrl& base, const QString& relativePath, const SearchParams& params = {});

bool isValidResourceType(const QString& type);
bool isValidResourceId(const QString& id);
// A FHIR instant in UTC with milliseconds: 2026-03-01T08:00:00.000Z
QString fhirInstant(const QDateTime& time);

} // namespace lantern::sync
