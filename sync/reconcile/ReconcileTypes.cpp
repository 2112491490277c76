#include "sync/reconcile/ReconcileTypes.h"

namespace lantern::sync {

FailureKind classifyFailure(int httpStatus, const Error& error)
{
    if (httpStatus == 401 || httpStatus == 403)
        return FailureKind::Auth;
    if (httpStatus == 0 || httpStatus == 429 || httpStatus >= 500)
        return FailureKind::Transient;
    if (httpStatus >= 400)
        return FailureKind::Rejected;
    // A 2xx/3xx that still failed (an unreadable body): the server misbehaves right now.
    (void)error;
    return FailureKind::Transient;
}

QString runEndName(RunEnd end)
{
    switch (end) {
    case RunEnd::Done:
        return QStringLiteral("done");
    case RunEnd::Stopped:
        return QStringLiteral("stopped");
    case RunEnd::NetworkFailure:
        return QStringLiteral("network-failure");
    case RunEnd::AuthFailure:
        return QStringLiteral("auth-failure");
    case RunEnd::ServerFailure:
        return QStringLiteral("server-failure");
    case RunEnd::LocalFailure:
        return QStringLiteral("local-failure");
    }
    return QStringLiteral("done");
}

} // namespace lantern::sync
