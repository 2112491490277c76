#include "ChildProcess.h"

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace lantern::test {

void endWithThisProcess(QProcess& child)
{
    const pid_t parent = ::getpid();
    child.setChildProcessModifier([parent] {
        // Runs in the child between fork and exec: only async-signal-safe calls.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) // the parent died before prctl took effect
            ::_exit(127);
    });
}

} // namespace lantern::test
