// The unlock throttle holds across processes: eight lanternctl runs started
// together, all with a wrong passphrase, get exactly UnlockThrottle::FreeAttempts
// guesses between them; the rest are throttled without a guess, and
// throttle.json counts exactly the guesses made. (Before throttle.lock every
// run passed the check before any had recorded its failure: eight guesses.)
// Counts only, no timing.

#include "ChildProcess.h"
#include "LanternctlRun.h"

#include "core/access/UnlockThrottle.h"
#include "core/common/Clock.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace lantern;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
constexpr int kRuns = 8;

} // namespace

class TestCliThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parallelWrongPassphrasesAreCountedOneByOne();

private:
    QTemporaryDir m_dir;
    QString m_vault;
};

void TestCliThrottle::initTestCase()
{
    QVERIFY2(QFile::exists(test::lanternctlPath()), "lanternctl not built");
    m_vault = m_dir.filePath(QStringLiteral("vault"));
    QVERIFY(test::initVaultWithLanternctl(m_vault, kAdmin, kAdminPass));
}

void TestCliThrottle::parallelWrongPassphrasesAreCountedOneByOne()
{
    std::vector<std::unique_ptr<QProcess>> runs; // each ends with the test (destructor, or parent death)
    for (int i = 0; i < kRuns; ++i) {
        auto p = std::make_unique<QProcess>();
        test::endWithThisProcess(*p);
        p->start(test::lanternctlPath(), {QStringLiteral("--vault"), m_vault, QStringLiteral("--user"), kAdmin, QStringLiteral("user"),
                               QStringLiteral("list")});
        QVERIFY(p->waitForStarted());
        runs.push_back(std::move(p));
    }
    // All are started before any gets its passphrase: they reach the check together.
    for (auto& p : runs) {
        p->write(QStringLiteral("wrong-guess-%1\n").arg(&p - runs.data()).toUtf8());
        p->closeWriteChannel();
    }
    int guessed = 0, throttled = 0;
    for (auto& p : runs) {
        QVERIFY(p->waitForFinished(240000));
        QCOMPARE(p->exitCode(), 3);
        const QString err = QString::fromUtf8(p->readAllStandardError());
        if (err.contains(QStringLiteral("too many failed unlock attempts")))
            ++throttled;
        else
            ++guessed;
    }
    QCOMPARE(guessed, access::UnlockThrottle::FreeAttempts);
    QCOMPARE(throttled, kRuns - access::UnlockThrottle::FreeAttempts);
    const access::UnlockThrottle throttle(m_vault + QStringLiteral("/throttle.json"), SystemClock::instance());
    QCOMPARE(throttle.failures(kAdmin), access::UnlockThrottle::FreeAttempts);
    QVERIFY(throttle.secondsToWait(kAdmin) > 0);
}

QTEST_GUILESS_MAIN(TestCliThrottle)
#include "test_cli_throttle.moc"
