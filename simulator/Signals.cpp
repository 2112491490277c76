#include "Signals.h"

#include <csignal>
#include <pthread.h>

namespace lantern::sim {

namespace {

sigset_t terminationSignals()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}

} // namespace

void blockTerminationSignals()
{
    const sigset_t set = terminationSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int waitForTerminationSignal()
{
    const sigset_t set = terminationSignals();
    int signal = 0;
    sigwait(&set, &signal);
    return signal;
}

} // namespace lantern::sim
