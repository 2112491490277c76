#pragma once
// Result of a FHIR interaction: a value, or an Error together with the HTTP
// status of the failed response (0 when no response arrived) so callers can
// branch on 404, 409 or 412 without parsing messages.

#include "common/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

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

template <typename T>
class [[nodiscard]] FhirResult
{
public:
    FhirResult(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    FhirResult(Error error, int httpStatus = 0) : m_data(std::in_place_index<1>, std::move(error)), m_httpStatus(httpStatus) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }
    // HTTP status of the failed response; 0 for transport failures and local errors.
    int httpStatus() const { return m_httpStatus; }

    Status toStatus() const { return ok() ? Status() : Status(error()); }

private:
    std::variant<T, Error> m_data;
    int m_httpStatus = 0;
};

} // namespace lantern::sync
