#include "sync/mirror/MirrorFailure.h"

#include "sync/http/HttpTraffic.h"

namespace lantern::sync {

const QStringList& failureKinds()
{
    static const QStringList kinds = {QStringLiteral("http"),        QStringLiteral("timeout"), QStringLiteral("connection"),
                                      QStringLiteral("tls"),         QStringLiteral("auth"),    QStringLiteral("disk"),
                                      QStringLiteral("purge_guard"), QStringLiteral("malformed"), QStringLiteral("other")};
    return kinds;
}

QString classifyFailure(const Error& error, int httpStatus)
{
    if (httpStatus == 401 || httpStatus == 403 || error.code == ErrorCode::Denied)
        return QStringLiteral("auth");
    if (httpStatus > 0)
        return QStringLiteral("http");
    switch (error.code) {
    case ErrorCode::Io:
    case ErrorCode::Database:
        return QStringLiteral("disk"); // the vault or the disk under it
    case ErrorCode::Network:
        // Worded by sync/http itself (TransportErrors.cpp), classified beside it.
        switch (classifyTransportFailure(error)) {
        case TransportFailureKind::Timeout: return QStringLiteral("timeout");
        case TransportFailureKind::Tls: return QStringLiteral("tls");
        case TransportFailureKind::Network: return QStringLiteral("connection");
        }
        return QStringLiteral("connection");
    case ErrorCode::InvalidInput:
    case ErrorCode::Server: // an answer without an error status that could not be used
        return QStringLiteral("malformed");
    default:
        return QStringLiteral("other");
    }
}

QString describeFailure(const MirrorFailure& f)
{
    if (f.isNone())
        return QStringLiteral("none");
    QString text = (f.kind.isEmpty() ? QStringLiteral("other") : f.kind) + QStringLiteral(": ") + f.message;
    if (f.since.isValid())
        text += QStringLiteral(" since ") + f.since.toUTC().toString(Qt::ISODate);
    return text;
}

} // namespace lantern::sync
