// No stray processes: the peer FHIR server a harness starts ends with the
// harness on every exit path — a normal return, std::exit, a crash, ctest's
// SIGTERM on a timeout, SIGKILL. Drives peer_server_holder, which starts the
// server through test::PeerServer exactly as tests and benchmarks do.
#include "TestConfig.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>

namespace {

// Gone, or a zombie nobody reaps (a container's PID 1 may not): either way it
// no longer runs or holds its port.
bool processRuns(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && close + 2 < line.size() && line.at(close + 2) != 'Z' && line.at(close + 2) != 'X';
}

} // namespace

class TestPeerCleanup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverEndsWithItsHarness_data();
    void serverEndsWithItsHarness();
};

void TestPeerCleanup::serverEndsWithItsHarness_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("signal"); // sent by this test to the harness; 0: the harness ends by itself
    QTest::newRow("failing test returns") << QStringLiteral("return") << 0;
    QTest::newRow("std::exit") << QStringLiteral("exit") << 0;
    QTest::newRow("crash") << QStringLiteral("abort") << 0;
    QTest::newRow("ctest timeout SIGTERM") << QStringLiteral("wait") << int(SIGTERM);
    QTest::newRow("SIGKILL") << QStringLiteral("wait") << int(SIGKILL);
}

void TestPeerCleanup::serverEndsWithItsHarness()
{
    QFETCH(QString, mode);
    QFETCH(int, signal);
    QProcess harness;
    harness.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    harness.start(QStringLiteral(LANTERN_BINARY_DIR "/tests/peer/peer_server_holder"), {mode});
    QVERIFY2(harness.waitForStarted(), qPrintable(harness.errorString()));

    qint64 node = 0;
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (node == 0 && waited.elapsed() < 120'000 && harness.state() == QProcess::Running) {
        harness.waitForReadyRead(500);
        out += harness.readAllStandardOutput();
        if (out.startsWith("node ") && out.contains('\n'))
            node = out.mid(5, out.indexOf('\n') - 5).toLongLong();
    }
    if (node == 0) {
        harness.kill();
        harness.waitForFinished();
        QFAIL("the harness did not start the peer server (is Medplum installed? npm ci --prefix tests/peer/server)");
    }
    QVERIFY(processRuns(node));

    if (signal != 0)
        ::kill(pid_t(harness.processId()), signal);
    QVERIFY(harness.waitForFinished(30'000));

    // Bounded wait for the server to notice (a correctness bound, not a speed goal).
    QElapsedTimer gone;
    gone.start();
    while (processRuns(node) && gone.elapsed() < 20'000)
        QThread::msleep(100);
    const bool stray = processRuns(node);
    if (stray)
        ::kill(pid_t(node), SIGKILL); // clean up after the failure itself
    QVERIFY2(!stray, qPrintable(QStringLiteral("node %1 outlived its harness (%2)").arg(node).arg(mode)));
}

QTEST_GUILESS_MAIN(TestPeerCleanup)
#include "test_peer_cleanup.moc"
