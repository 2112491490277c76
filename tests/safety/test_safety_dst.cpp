// Hazard: daylight-saving changes. A ward PC in Europe/Berlin: on the night
// the clocks go forward (2026-03-29, 02:00 CET -> 03:00 CEST) two doses whose
// wall-clock times are two hours apart lie one hour apart; on the night they go
// back (2026-10-25, 03:00 CEST -> 02:00 CET) a dose at 02:15 CET comes 45
// minutes AFTER one at 02:30 CEST. The interval check must count real time.
// This test runs in UTC and in Europe/Berlin (tests/safety/CMakeLists.txt);
// the answers must not depend on the zone.

#include "SafetyDrugsSupport.h"

#include <QTest>
#include <QTimeZone>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using namespace lantern::test::drugs;

namespace {

const QString kPrnPara = QStringLiteral("mr-dst-para"); // paracetamol PRN every 6 h

QDateTime berlin(const QDate& day, int hour, int minute, bool summerTime)
{
    // The wall-clock time a nurse in Berlin reads, as the UTC instant it is.
    const int offsetHours = summerTime ? 2 : 1;
    return QDateTime(day, QTime(hour, minute), Qt::UTC).addSecs(-offsetHours * 3600);
}

} // namespace

class TestSafetyDst : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<RecordFixture>();
        QVERIFY(f->create());
        QVERIFY(importResources(
            *f->vault, {medicationRequest({kPrnPara, kPatientNoAllergy, QJsonArray{codingOf(kRxNorm, QStringLiteral("161"))},
                                           QStringLiteral("Paracetamol 1000 mg"),
                                           QJsonArray{dosageLine(everyHours(6), 1000, QStringLiteral("mg"), true)}})}));
    }

    void cleanup() { f.reset(); }

    void springForwardCountsOneHourNotTwo()
    {
        const QDate day(2026, 3, 29);
        const QDateTime first = berlin(day, 1, 30, false);  // 01:30 CET
        const QDateTime second = berlin(day, 3, 30, true);  // 03:30 CEST: one real hour later
        QCOMPARE(first.secsTo(second), qint64(3600));
        checkInterval(first, second, 60);
    }

    void fallBackCountsFortyFiveMinutes()
    {
        const QDate day(2026, 10, 25);
        const QDateTime first = berlin(day, 2, 30, true);   // 02:30 CEST (the first 02:30)
        const QDateTime second = berlin(day, 2, 15, false); // 02:15 CET: 45 real minutes later
        QCOMPARE(first.secsTo(second), qint64(45 * 60));
        checkInterval(first, second, 45);
    }

    void zoneDoesNotMatterForTheClinicalTimes()
    {
        // The Berlin zone database agrees with the offsets used above, so the
        // instants are the ones a Berlin nurse means.
        const QTimeZone zone("Europe/Berlin");
        QVERIFY(zone.isValid());
        QCOMPARE(zone.offsetFromUtc(berlin(QDate(2026, 3, 29), 1, 30, false)), 3600);
        QCOMPARE(zone.offsetFromUtc(berlin(QDate(2026, 3, 29), 3, 30, true)), 7200);
        QCOMPARE(zone.offsetFromUtc(berlin(QDate(2026, 10, 25), 2, 30, true)), 7200);
        QCOMPARE(zone.offsetFromUtc(berlin(QDate(2026, 10, 25), 2, 15, false)), 3600);
    }

private:
    void checkInterval(const QDateTime& mirroredDose, const QDateTime& nextDose, qint64 expectedMinutes)
    {
        QVERIFY(importResources(*f->vault, {administration(QStringLiteral("ma-dst"), kPatientNoAllergy, kPrnPara,
                                                           mirroredDose, 1000, QStringLiteral("mg"))}));
        f->clock.set(nextDose.addSecs(60));
        AdministrationInput input = give(kPatientNoAllergy, kPrnPara, nextDose);
        auto warnings = f->recorder().checkAdministration(input);
        QVERIFY2(warnings.ok(), warnings.ok() ? "" : qPrintable(warnings.error().message));
        const auto interval = findingOf(warnings, SafetyCode::Interval);
        QVERIFY2(interval, qPrintable(kindsOf(warnings).join(QLatin1Char(','))));
        QCOMPARE(interval->otherDoseAt, mirroredDose);
        QCOMPARE(interval->minutesApart, expectedMinutes);
        QCOMPARE(interval->minimumIntervalMinutes, qint64(360));
    }

    std::unique_ptr<RecordFixture> f;
};

QTEST_GUILESS_MAIN(TestSafetyDst)
#include "test_safety_dst.moc"
