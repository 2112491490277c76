#pragma once
// Result of a FHIR interaction: the core Result with an error that also
// carries the HTTP status, and what the server said besides the body.

#include "core/common/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>

namespace lantern::sync {

// What the server said besides the body, on success.
struct ResponseInfo
{
    int status = 0;
    std::optional<QDateTime> serverDate; // the Date header (UTC): use it for cursors, not the client clock
    QString etag;                        // W/"3"
    QString location;                    // Location / Content-Location
    QString lastModified;
};

// An Error with the HTTP status of the failed response (0 when no response
// arrived), so callers can branch on 404, 409 or 412 without parsing messages.
struct FhirError : Error
{
    int httpStatus = 0;

    FhirError() = default;
    FhirError(Error error, int status = 0) : Error(std::move(error)), httpStatus(status) {}
};

template <typename T>
using FhirResult = Result<T, FhirError>;

} // namespace lantern::sync
