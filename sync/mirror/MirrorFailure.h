#pragma once
// Why the mirror is failing, as `status`, the banner and the metrics tell it:
// the kind of the last failed cycle or heartbeat, its message, the HTTP status
// where there was one, and since when (the first failure of the current run
// of failures; a successful cycle ends the run and clears it).

#include "core/common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lantern::sync {

struct MirrorFailure
{
    QString kind;    // one of failureKinds(); empty: no failure
    QString message; // what happened, never patient data
    int httpStatus = 0;
    QDateTime since; // first failure of this run of failures
    QDateTime at;    // the latest one

    bool isNone() const { return kind.isEmpty() && message.isEmpty(); }
};

// http, timeout, connection, tls, auth, disk, purge_guard, malformed, other.
const QStringList& failureKinds();

// The kind of a failure: `httpStatus` is the status of the failing answer (0: none).
QString classifyFailure(const Error& error, int httpStatus);

// "timeout: GET … timed out after 10 s since 2026-12-06T09:12:00Z"; "none" when there is none.
QString describeFailure(const MirrorFailure& failure);

} // namespace lantern::sync
