#pragma once
// Reads a response body from a stream: undoes Content-Encoding gzip/deflate,
// enforces a size limit on the decoded bytes (a small gzip bomb must not fill
// the memory of a ward PC) and hands the bytes to a sink.

#include "sync/http/HttpTypes.h"

#include <chrono>
#include <istream>
#include <optional>

namespace lantern::sync {

struct BodyReadContext
{
    QByteArray contentEncoding;     // as sent by the server; empty for identity
    std::optional<qint64> maxBytes; // nullopt: no limit (streamed downloads)
    QString where;                  // "ehr.example:443", for messages
    // The whole body must have arrived by then (nullopt: no deadline); checked
    // after each read, so it is exceeded by at most one read timeout.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::chrono::milliseconds responseTimeout{0}; // what the deadline allows, for the message
};

// Stream errors propagate as exceptions of the underlying stream (the caller
// turns them into Errors); limits, unknown encodings and sink errors come back
// as an Error; a missed deadline is an ErrorCode::Network "timed out" Error.
Status readBody(std::istream& raw, const BodyReadContext& context, const BodySink& sink);

} // namespace lantern::sync
