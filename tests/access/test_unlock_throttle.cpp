// Unlock throttling: free attempts, growing delays, persistence across restarts,
// reset on success - with a ManualClock, never by sleeping.

#include "core/access/UnlockThrottle.h"
#include "core/access/VaultAccess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::access;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {
const QString Anna = QStringLiteral("anna");
const QString AdminPass = QStringLiteral("Lantern-ward-3B-night-shift");
} // namespace

class TestUnlockThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void delaySchedule();
    void fiveFreeAttempts();
    void delayElapses();
    void survivesRestart();
    void successResets();
    void usersAreIndependent();
    void clockSetBackwardsIsCapped();
    void damagedFileStartsAfresh();
    void unlockIsThrottled();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_file;
    ManualClock m_clock;
};

void TestUnlockThrottle::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_file = m_tmp->filePath(QStringLiteral("throttle.json"));
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
}

void TestUnlockThrottle::delaySchedule()
{
    for (int n = 0; n < UnlockThrottle::FreeAttempts; ++n)
        QCOMPARE(UnlockThrottle::delayAfter(n), 0);
    QCOMPARE(UnlockThrottle::delayAfter(5), 30);
    QCOMPARE(UnlockThrottle::delayAfter(6), 60);
    QCOMPARE(UnlockThrottle::delayAfter(7), 120);
    QCOMPARE(UnlockThrottle::delayAfter(8), 240);
    QCOMPARE(UnlockThrottle::delayAfter(9), 480);
    QCOMPARE(UnlockThrottle::delayAfter(10), 900);
    QCOMPARE(UnlockThrottle::delayAfter(1000), 900);
}

void TestUnlockThrottle::fiveFreeAttempts()
{
    UnlockThrottle throttle(m_file, m_clock);
    for (int n = 0; n < 4; ++n) {
        QVERIFY_OK(throttle.recordFailure(Anna));
        QVERIFY_OK(throttle.check(Anna));
    }
    QVERIFY_OK(throttle.recordFailure(Anna)); // the fifth
    const Status refused = throttle.check(Anna);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Throttled);
    QVERIFY2(refused.error().message.contains(QStringLiteral("30 seconds")),
             qPrintable(refused.error().message));
    QCOMPARE(throttle.secondsToWait(Anna), 30);
    QCOMPARE(throttle.failures(Anna), 5);
}

void TestUnlockThrottle::delayElapses()
{
    UnlockThrottle throttle(m_file, m_clock);
    for (int n = 0; n < 5; ++n)
        QVERIFY_OK(throttle.recordFailure(Anna));
    m_clock.advanceSecs(20);
    QCOMPARE(throttle.secondsToWait(Anna), 10);
    m_clock.advanceMSecs(9500);
    QCOMPARE(throttle.secondsToWait(Anna), 1); // rounded up, never "wait 0 seconds"
    m_clock.advanceMSecs(500);
    QVERIFY_OK(throttle.check(Anna));
    // The next failure doubles the delay, counted from that failure.
    QVERIFY_OK(throttle.recordFailure(Anna));
    QCOMPARE(throttle.secondsToWait(Anna), 60);
}

void TestUnlockThrottle::survivesRestart()
{
    {
        UnlockThrottle throttle(m_file, m_clock);
        for (int n = 0; n < 7; ++n)
            QVERIFY_OK(throttle.recordFailure(Anna));
    }
    m_clock.advanceSecs(100);
    UnlockThrottle restarted(m_file, m_clock);
    QCOMPARE(restarted.failures(Anna), 7);
    QCOMPARE(restarted.secondsToWait(Anna), 20);
    QCOMPARE(restarted.check(Anna).error().code, ErrorCode::Throttled);
}

void TestUnlockThrottle::successResets()
{
    UnlockThrottle throttle(m_file, m_clock);
    for (int n = 0; n < 6; ++n)
        QVERIFY_OK(throttle.recordFailure(Anna));
    m_clock.advanceSecs(60);
    QVERIFY_OK(throttle.recordSuccess(Anna));
    QCOMPARE(UnlockThrottle(m_file, m_clock).failures(Anna), 0);
    for (int n = 0; n < 4; ++n)
        QVERIFY_OK(throttle.recordFailure(Anna));
    QVERIFY_OK(throttle.check(Anna)); // counting starts again from zero
}

void TestUnlockThrottle::usersAreIndependent()
{
    UnlockThrottle throttle(m_file, m_clock);
    for (int n = 0; n < 5; ++n)
        QVERIFY_OK(throttle.recordFailure(Anna));
    QCOMPARE(throttle.check(Anna).error().code, ErrorCode::Throttled);
    QVERIFY_OK(throttle.check(QStringLiteral("kim")));
}

void TestUnlockThrottle::clockSetBackwardsIsCapped()
{
    UnlockThrottle throttle(m_file, m_clock);
    for (int n = 0; n < 5; ++n)
        QVERIFY_OK(throttle.recordFailure(Anna));
    m_clock.advanceSecs(-3 * 24 * 3600);
    QCOMPARE(throttle.secondsToWait(Anna), 30);
}

void TestUnlockThrottle::damagedFileStartsAfresh()
{
    QFile f(m_file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"lantern-thrott");
    f.close();
    UnlockThrottle throttle(m_file, m_clock);
    QCOMPARE(throttle.failures(Anna), 0);
    QVERIFY_OK(throttle.recordFailure(Anna));
    QCOMPARE(UnlockThrottle(m_file, m_clock).failures(Anna), 1);
}

void TestUnlockThrottle::unlockIsThrottled()
{
    VaultAccess access(m_clock, keys::KdfParameters::minimumForTesting());
    const QString dir = m_tmp->filePath(QStringLiteral("vault"));
    QVERIFY_OK(access.initialise(dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass));
    for (int n = 0; n < 5; ++n)
        QCOMPARE(
            access.unlock(dir, QStringLiteral("it-admin"), QStringLiteral("Wrong-guess-number-%1").arg(n))
                .error()
                .code,
            ErrorCode::WrongKey);
    // Now even the right passphrase is refused until the delay is over.
    auto refused = access.unlock(dir, QStringLiteral("it-admin"), AdminPass);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Throttled);
    QVERIFY2(refused.error().message.contains(QStringLiteral("30 seconds")),
             qPrintable(refused.error().message));
    QCOMPARE(access.secondsToWait(dir, QStringLiteral("it-admin")), 30);
    // A restart (new VaultAccess) does not help.
    VaultAccess restarted(m_clock, keys::KdfParameters::minimumForTesting());
    QCOMPARE(restarted.unlock(dir, QStringLiteral("it-admin"), AdminPass).error().code, ErrorCode::Throttled);

    m_clock.advanceSecs(30);
    QVERIFY_OK(restarted.unlock(dir, QStringLiteral("it-admin"), AdminPass));
    QCOMPARE(UnlockThrottle(VaultDirectory(dir).throttleFile(), m_clock).failures(QStringLiteral("it-admin")),
             0);
}

QTEST_GUILESS_MAIN(TestUnlockThrottle)
#include "test_unlock_throttle.moc"
