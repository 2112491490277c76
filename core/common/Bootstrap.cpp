#include "core/common/Bootstrap.h"

#include "core/common/Sodium.h"

#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace lantern {

void hardenProcess()
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    // Also stops other processes of the same user from ptrace-attaching to read memory.
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    // A write past a file size limit then fails with an error Lantern reports
    // ("the disk is full") instead of killing the process mid-transaction.
    std::signal(SIGXFSZ, SIG_IGN);
    ensureSodium();
}

} // namespace lantern
