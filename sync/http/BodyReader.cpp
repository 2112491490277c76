#include "sync/http/BodyReader.h"

#include "sync/http/TransportErrors.h"

#include <Poco/InflatingStream.h>

#include <array>
#include <memory>

namespace lantern::sync {

namespace {

Status pump(std::istream& in, const BodyReadContext& context, const BodySink& sink)
{
    // Exceptions from the stream buffer (socket timeouts, zlib errors) must
    // reach the caller with their message instead of just setting badbit.
    in.exceptions(std::ios::badbit);
    std::array<char, 16384> buffer{};
    qint64 total = 0;
    // peek() waits for one read of the stream below (bounded by the socket's read
    // timeout), readsome() takes what that read brought: unlike read(), which
    // waits for a full buffer, this sees a trickling answer after every piece.
    while (in.peek() != std::istream::traits_type::eof()) {
        const std::streamsize got = in.readsome(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (got <= 0)
            break;
        total += got;
        if (context.maxBytes && total > *context.maxBytes) {
            return Error(ErrorCode::Server,
                         QStringLiteral("the response from %1 is larger than the limit of %2 MiB; "
                                        "ask for smaller pages (_count) or raise the limit")
                             .arg(context.where)
                             .arg(static_cast<double>(*context.maxBytes) / (1024.0 * 1024.0), 0, 'f', 1));
        }
        LANTERN_TRY(sink(buffer.data(), static_cast<qsizetype>(got)));
        if (context.deadline && std::chrono::steady_clock::now() > *context.deadline) {
            return Error(ErrorCode::Network,
                         QStringLiteral("timed out after %1 receiving the answer from %2: %3 bytes arrived, too slowly "
                                        "(the whole answer must arrive within the response timeout)")
                             .arg(formatSeconds(context.responseTimeout), context.where)
                             .arg(total));
        }
    }
    return {};
}

} // namespace

Status readBody(std::istream& raw, const BodyReadContext& context, const BodySink& sink)
{
    const QByteArray encoding = context.contentEncoding.trimmed().toLower();
    if (encoding.isEmpty() || encoding == "identity")
        return pump(raw, context, sink);
    if (encoding == "gzip" || encoding == "x-gzip") {
        Poco::InflatingInputStream inflater(raw, Poco::InflatingStreamBuf::STREAM_GZIP);
        return pump(inflater, context, sink);
    }
    if (encoding == "deflate") {
        Poco::InflatingInputStream inflater(raw, Poco::InflatingStreamBuf::STREAM_ZLIB);
        return pump(inflater, context, sink);
    }
    return Error(ErrorCode::Unsupported, QStringLiteral("%1 sent a body with Content-Encoding \"%2\", which Lantern did not ask for")
                                             .arg(context.where, QString::fromLatin1(encoding)));
}

} // namespace lantern::sync
