#pragma once
// Children a test or benchmark starts (the peer FHIR server, lantern-ehr-sim)
// must end with it on every exit path: a failing assertion, std::exit, an
// uncaught signal, ctest's timeout (SIGTERM, then SIGKILL). A destructor covers
// only the first; the kernel's parent-death signal covers the rest.

#include <QProcess>

namespace lantern::test {

// Call before QProcess::start(): the child receives SIGTERM when this thread's
// process ends, however it ends. (Linux: PR_SET_PDEATHSIG. Start the child from
// the thread that lives as long as it should: the signal follows the thread.)
void endWithThisProcess(QProcess& child);

} // namespace lantern::test
