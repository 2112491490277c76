// A stand-in for a test or benchmark that starts the peer FHIR server and then
// ends badly, for test_peer_cleanup. Usage: peer_server_holder MODE
//   return  leaves main normally (destructors run, as after a failing QVERIFY)
//   exit    std::exit(1) (no destructors, as bench_reconcile on a fatal error)
//   abort   std::abort() (a crash)
//   wait    waits to be killed (the test sends SIGTERM, as ctest on a timeout, or SIGKILL)
// Prints "node PID" once the server listens.
#include "PeerServer.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2)
        return 2;
    lantern::test::PeerServer server;
    const lantern::Status started = server.start();
    if (!started.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().message));
        return 3;
    }
    std::printf("node %lld\n", static_cast<long long>(server.processId()));
    std::fflush(stdout);
    const char* mode = argv[1];
    if (std::strcmp(mode, "exit") == 0)
        std::exit(1);
    if (std::strcmp(mode, "abort") == 0)
        std::abort();
    if (std::strcmp(mode, "wait") == 0) {
        for (int i = 0; i < 600; ++i) // bounded: ten minutes at most
            QThread::msleep(1000);
    }
    return 1;
}
