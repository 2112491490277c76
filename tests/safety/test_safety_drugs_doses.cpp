// Hazard: a dose given twice, or too much of one ingredient in a day, because
// the check only looked at one order or misread the timing; an order that is
// on hold given without a question.
//
// - paracetamol under order A (scheduled, fixture: 1000 mg at 08:00) and
//   order B (PRN, RxNorm-coded "Ben-u-ron"): too soon across orders, and over
//   4 g in 24 h across orders and sources (mirrored and downtime doses);
// - on-hold, draft and HOLD-annotated (this device, downtime) orders warn;
// - timing: WK is weekly, `when`-only timings are read, a German 1-0-1 written
//   as MORN + EVE in two dosages is 10 h (not 24 h per line), PRN per line.

#include "SafetyDrugsSupport.h"

#include "core/fhir/MedicationMapping.h"
#include "core/record/DosingInterval.h"

#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using namespace lantern::test::drugs;

namespace {

const QString kParaB = QStringLiteral("mr-p2-benuron"); // pat-2, paracetamol PRN q6h, RxNorm 161

// The order as the vault maps it (fhir/MedicationMapping).
model::MedicationOrder orderOf(const Order& o)
{
    auto mapped = fhir::mapMedicationRequest(medicationRequest(o));
    if (!mapped.ok())
        qFatal("order does not map: %s", qPrintable(mapped.error().message));
    return *mapped;
}

} // namespace

class TestSafetyDrugsDoses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<RecordFixture>();
        QVERIFY(f->create());
        QVERIFY(importResources(
            *f->vault,
            {medicationRequest({kParaB, kPatientNoAllergy, QJsonArray{codingOf(kRxNorm, QStringLiteral("161"))},
                                QStringLiteral("Ben-u-ron 1000 mg Supp."),
                                QJsonArray{dosageLine(everyHours(6), 1000, QStringLiteral("mg"), true)}}),
             medicationRequest({QStringLiteral("mr-p2-onhold"), kPatientNoAllergy, QJsonArray{codingOf(kAtcWho, QStringLiteral("C09AA05"))},
                                QStringLiteral("Ramipril 5 mg"), QJsonArray{dosageLine(everyHours(24), 5, QStringLiteral("mg"))},
                                QStringLiteral("on-hold")}),
             medicationRequest({QStringLiteral("mr-p2-draft"), kPatientNoAllergy, QJsonArray{codingOf(kAtcWho, QStringLiteral("C07AB02"))},
                                QStringLiteral("Metoprolol 47,5 mg"), QJsonArray{dosageLine(everyHours(12), 47.5, QStringLiteral("mg"))},
                                QStringLiteral("draft")})}));
    }

    void sameIngredientTooSoonUnderAnotherOrder()
    {
        // Order A gave 1000 mg at 08:00 (EHR). Order B at 10:00 is paracetamol again.
        auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, kParaB, at(10)));
        QVERIFY2(w.ok(), why(w));
        const auto finding = findingOf(w, SafetyCode::Interval);
        QVERIFY2(finding, qPrintable(kindsOf(w).join(QLatin1Char(','))));
        QVERIFY(finding->otherOrder);
        QCOMPARE(finding->otherDoseAt, at(8));
        QCOMPARE(finding->minutesApart, qint64(120));
        QCOMPARE(finding->minimumIntervalMinutes, qint64(360));
        QVERIFY(w->first().message.contains(QStringLiteral("another order")));

        // The other way round, with a downtime entry: B given at 12:00 on this device,
        // then A's 14:00 dose... is checked against it.
        f->clock.set(at(14, 30));
        AdministrationInput b = give(kPatientNoAllergy, kParaB, at(14));
        auto recorded = f->recorder().recordAdministration(b); // 6 h after A's 08:00 dose: allowed
        QVERIFY2(recorded.ok(), why(recorded));
        auto a = f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2, at(14, 30)));
        const auto local = findingOf(a, SafetyCode::Interval);
        QVERIFY2(local, qPrintable(kindsOf(a).join(QLatin1Char(','))));
        QVERIFY(local->otherOrder);
        QVERIFY(local->otherDoseLocal);
    }

    void maximumDailyDoseAcrossOrders()
    {
        // 1000 mg at 08:00 (A, fixture), plus mirrored: A 01:00, A 04:30, B 14:00 -> 4 g; B at 20:00 is the fifth gram.
        QVERIFY(importResources(*f->vault,
                                {administration(QStringLiteral("ma-a-0100"), kPatientNoAllergy, kOrderPat2, at(1), 1000,
                                                QStringLiteral("mg")),
                                 administration(QStringLiteral("ma-a-0430"), kPatientNoAllergy, kOrderPat2, at(4, 30), 1, QStringLiteral("g")),
                                 administration(QStringLiteral("ma-b-1400"), kPatientNoAllergy, kParaB, at(14), 1000,
                                                QStringLiteral("mg"))}));
        f->clock.set(at(20));
        auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, kParaB));
        QVERIFY2(w.ok(), why(w));
        QCOMPARE(kindsOf(w), QStringList{QStringLiteral("interval")});
        const auto finding = findingOf(w, SafetyCode::MaxDosePerPeriod);
        QVERIFY(finding);
        QVERIFY(finding->limitFromTable);
        QCOMPARE(finding->ingredient, QStringLiteral("paracetamol"));
        QCOMPARE(finding->unit, QStringLiteral("g"));
        QCOMPARE(finding->totalAmount, 5.0);
        QCOMPARE(finding->maximumAmount, 4.0);
        QCOMPARE(finding->periodMinutes, qint64(24 * 60));
        // Refused unless confirmed; confirmed, it is stored with the warning.
        QVERIFY(!f->recorder().recordAdministration(give(kPatientNoAllergy, kParaB)).ok());
        auto recorded = f->recorder().recordAdministration(give(kPatientNoAllergy, kParaB), *w);
        QVERIFY2(recorded.ok(), why(recorded));
        QVERIFY(recorded->warnings.first().message.contains(QStringLiteral("at most 4 g")));
    }

    void heldDraftAndHoldAnnotatedOrdersWarn()
    {
        for (const char* order : {"mr-p2-onhold", "mr-p2-draft"}) {
            auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, QLatin1String(order)));
            QVERIFY2(w.ok(), why(w));
            QCOMPARE(kindsOf(w), QStringList{QStringLiteral("order-on-hold")});
            QCOMPARE(w->first().finding.code, SafetyCode::OrderNotActive);
            QVERIFY(!f->recorder().recordAdministration(give(kPatientNoAllergy, QLatin1String(order))).ok());
            QVERIFY(f->recorder().recordAdministration(give(kPatientNoAllergy, QLatin1String(order)), *w).ok());
        }
        const auto draft = findingOf(f->recorder().checkAdministration(give(kPatientNoAllergy, QStringLiteral("mr-p2-draft"))),
                                     SafetyCode::OrderNotActive);
        QVERIFY(draft);
        QCOMPARE(draft->orderStatus, QStringLiteral("draft"));

        // A physician holds the active paracetamol order during the downtime.
        QVERIFY(f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2))->isEmpty());
        auto hold = f->recorder(kPhysician).recordOrderAnnotation(
            {kPatientNoAllergy, kOrderPat2, AnnotationKind::Hold, QStringLiteral("Leberwerte abwarten")});
        QVERIFY2(hold.ok(), why(hold));
        auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2));
        QVERIFY2(w.ok(), why(w));
        const auto held = findingOf(w, SafetyCode::OrderHeldLocally);
        QVERIFY2(held, qPrintable(kindsOf(w).join(QLatin1Char(','))));
        QCOMPARE(held->endedAt, f->clock.now());
        QVERIFY(!w->first().message.contains(QStringLiteral("Leberwerte"))); // the note stays with the annotation
        QVERIFY(!f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2)).ok());
    }

    void weeklyTimingCode()
    {
        const Order weekly{QStringLiteral("mr-p2-weekly"), kPatientNoAllergy, QJsonArray{codingOf(kAtcWho, QStringLiteral("L04AX03"))},
                           QStringLiteral("Methotrexat 15 mg"), QJsonArray{dosageLine(timingCode(QStringLiteral("WK")), 15, QStringLiteral("mg"))}};
        const auto interval = minimumInterval(orderOf(weekly));
        QVERIFY(interval);
        QCOMPARE(interval->seconds, qint64(7 * 24 * 3600));
        QVERIFY(!interval->prn);
        // Given on Friday in the EHR; again on Sunday is too soon.
        QVERIFY(importResources(*f->vault, {medicationRequest(weekly),
                                            administration(QStringLiteral("ma-mtx"), kPatientNoAllergy, weekly.id,
                                                           at(9, 0, -2), 15, QStringLiteral("mg"))}));
        auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, weekly.id));
        QVERIFY2(w.ok(), why(w));
        QVERIFY(findingOf(w, SafetyCode::Interval));
    }

    void whenOnlyTiming()
    {
        const Order tid{QStringLiteral("mr-p2-when"), kPatientNoAllergy, QJsonArray{codingOf(kAtcWho, QStringLiteral("A02BC02"))},
                        QStringLiteral("Pantoprazol"),
                        QJsonArray{dosageLine(whenOnly({QStringLiteral("MORN"), QStringLiteral("NOON"), QStringLiteral("EVE")}),
                                              20, QStringLiteral("mg"))}};
        const auto interval = minimumInterval(orderOf(tid));
        QVERIFY(interval);
        QCOMPARE(interval->seconds, qint64(4 * 3600)); // 08:00 -> 12:00
        const Order nightly{QStringLiteral("x"), kPatientNoAllergy, {}, {},
                            QJsonArray{dosageLine(whenOnly({QStringLiteral("HS")}), 1, QStringLiteral("mg"))}};
        QCOMPARE(minimumInterval(orderOf(nightly))->seconds, qint64(24 * 3600));
    }

    void germanOneZeroOneAsTwoDosages()
    {
        // 1-0-1: MORN and EVE as two dosage lines, each "once a day".
        QJsonObject morn = whenOnly({QStringLiteral("MORN")});
        QJsonObject eve = whenOnly({QStringLiteral("EVE")});
        for (QJsonObject* t : {&morn, &eve}) {
            QJsonObject repeat = t->value(QLatin1String("repeat")).toObject();
            repeat.insert(QStringLiteral("frequency"), 1);
            repeat.insert(QStringLiteral("period"), 1);
            repeat.insert(QStringLiteral("periodUnit"), QStringLiteral("d"));
            t->insert(QStringLiteral("repeat"), repeat);
        }
        const Order bid{QStringLiteral("mr-p2-bid"), kPatientNoAllergy, QJsonArray{codingOf(kAtcWho, QStringLiteral("A10BA02"))},
                        QStringLiteral("Metformin 500 mg"),
                        QJsonArray{dosageLine(morn, 500, QStringLiteral("mg")), dosageLine(eve, 500, QStringLiteral("mg"))}};
        const auto interval = minimumInterval(orderOf(bid));
        QVERIFY(interval);
        QCOMPARE(interval->seconds, qint64(10 * 3600));
        QVERIFY(!interval->prn);

        // Morning dose at 08:00 (EHR); the evening dose at 18:00 is no warning, one at 11:00 is.
        QVERIFY(importResources(*f->vault, {medicationRequest(bid),
                                            administration(QStringLiteral("ma-bid-morn"), kPatientNoAllergy, bid.id, at(8), 500,
                                                           QStringLiteral("mg"))}));
        f->clock.set(at(18));
        auto evening = f->recorder().checkAdministration(give(kPatientNoAllergy, bid.id));
        QVERIFY2(evening.ok(), why(evening));
        QVERIFY2(evening->isEmpty(), qPrintable(kindsOf(evening).join(QLatin1Char(','))));
        auto early = f->recorder().checkAdministration(give(kPatientNoAllergy, bid.id, at(11)));
        QVERIFY(findingOf(early, SafetyCode::Interval));
    }

    void prnIsPerDosageLine()
    {
        // Scheduled every 4 h plus a PRN line every 12 h: the 4 h interval is a scheduled one (window applies).
        const Order mixed{QStringLiteral("m"), kPatientNoAllergy, {}, {},
                          QJsonArray{dosageLine(everyHours(4), 1, QStringLiteral("mg")),
                                     dosageLine(everyHours(12), 1, QStringLiteral("mg"), true)}};
        const auto scheduled = minimumInterval(orderOf(mixed));
        QVERIFY(scheduled);
        QCOMPARE(scheduled->seconds, qint64(4 * 3600));
        QVERIFY(!scheduled->prn);
        // Scheduled every 12 h plus PRN every 4 h: the PRN line's 4 h is a hard limit.
        const Order prn{QStringLiteral("p"), kPatientNoAllergy, {}, {},
                        QJsonArray{dosageLine(everyHours(12), 1, QStringLiteral("mg")),
                                   dosageLine(everyHours(4), 1, QStringLiteral("mg"), true)}};
        const auto hard = minimumInterval(orderOf(prn));
        QVERIFY(hard);
        QCOMPARE(hard->seconds, qint64(4 * 3600));
        QVERIFY(hard->prn);
    }

private:
    std::unique_ptr<RecordFixture> f;
};

QTEST_GUILESS_MAIN(TestSafetyDrugsDoses)
#include "test_safety_drugs_doses.moc"
