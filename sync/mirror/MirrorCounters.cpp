#include "sync/mirror/MirrorCounters.h"

namespace lantern::sync {

void MirrorCounters::countCycleError(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Network:
    case ErrorCode::Server:
        return; // a failed exchange: CountingHttpTransport counted it when it happened
    case ErrorCode::Io:
    case ErrorCode::Database:
        ++diskErrors;
        return;
    default:
        ++otherErrors;
        return;
    }
}

} // namespace lantern::sync
