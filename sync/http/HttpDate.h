#pragma once
// HTTP dates (Date, Retry-After, Last-Modified): IMF-fixdate, RFC 850 and
// asctime forms, always returned in UTC.

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace lantern::sync {

std::optional<QDateTime> parseHttpDate(const QByteArray& value);
QByteArray formatHttpDate(const QDateTime& time);

// Retry-After is either delta-seconds or an HTTP-date; a date is measured from
// `reference` (the response's own Date header where there is one, so a
// skewed client clock does not matter). Past dates give zero.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& reference);

} // namespace lantern::sync
