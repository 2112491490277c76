#pragma once
// What `service run`, `mirror` and `reconcile run` start from: the device
// context (device.key, mirror settings) with an EHR configured, and the
// SIGTERM/SIGINT notifier. Ok, or the exit code after the reason was printed.

#include "CliContext.h"

#include "sync/service/DeviceContext.h"
#include "sync/service/TerminationSignals.h"

#include <optional>

namespace lantern::cli {

int openServiceDevice(CliContext& ctx, std::optional<sync::DeviceContext>& device, sync::TerminationSignals& termination);

} // namespace lantern::cli
