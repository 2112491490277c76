#pragma once
// Renders a MetricsSnapshot as Prometheus text exposition format 0.0.4: every
// metric prefixed lantern_, with HELP and TYPE lines. A pure function, so the
// format is tested without a server, a vault or a clock.
// Figures the snapshot does not have (the engine's counters outside the
// service's process) are left out, not reported as 0.

#include "sync/service/MetricsSnapshot.h"

#include <QByteArray>

namespace lantern::sync {

QByteArray renderMetricsText(const MetricsSnapshot& snapshot);

} // namespace lantern::sync
