#pragma once
// Waiting for Ctrl-C / SIGTERM in a program whose work happens on other threads.

namespace lantern::sim {

// Call before starting any thread, so that only waitForTerminationSignal() sees the signals.
void blockTerminationSignals();
// Blocks until SIGINT or SIGTERM; returns the signal number.
int waitForTerminationSignal();

} // namespace lantern::sim
