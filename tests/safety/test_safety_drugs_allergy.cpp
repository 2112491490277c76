// Hazard: an allergy missed because the order is coded in another system than
// the allergy (SNOMED CT allergy, RxNorm or BfArM-ATC order), or named only by
// a brand. The patient (pat-1 of the record fixture) has a SNOMED CT-coded
// penicillin allergy (764146007, text "Penicillin").
//
// - an RxNorm-coded amoxicillin order whose text never says "amoxi" warns (by code);
// - an order coded J01CR02 under the BfArM ATC system warns (by code);
// - "Augmentan" with no code warns, and says it matched by name only;
// - a cephalosporin or carbapenem order gives the separate, milder
//   cross-reactivity finding; a macrolide gives none.

#include "SafetyDrugsSupport.h"

#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using namespace lantern::test::drugs;

class TestSafetyDrugsAllergy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<RecordFixture>();
        QVERIFY(f->create());
        const QJsonArray q8h{dosageLine(everyHours(8), 1, QStringLiteral("{tbl}"))};
        QVERIFY(importResources(
            *f->vault,
            {medicationRequest({QStringLiteral("mr-rx-amox"), kPatient, QJsonArray{codingOf(kRxNorm, QStringLiteral("723"))},
                                QStringLiteral("Antibiotikum Saft 250 mg/5 ml"), q8h}),
             medicationRequest({QStringLiteral("mr-bfarm-amox"), kPatient,
                                QJsonArray{codingOf(kAtcBfarm, QStringLiteral("J01CR02"))},
                                QStringLiteral("Antibiotikum Filmtablette 875/125"), q8h}),
             medicationRequest({QStringLiteral("mr-augmentan"), kPatient, QJsonArray{},
                                QStringLiteral("Augmentan 875 mg/125 mg Filmtabletten"), q8h}),
             medicationRequest({QStringLiteral("mr-cefuroxim"), kPatient, QJsonArray{codingOf(kAtcWho, QStringLiteral("J01DC02"))},
                                QStringLiteral("Cefuroxim 1,5 g i.v."), q8h}),
             medicationRequest({QStringLiteral("mr-meropenem"), kPatient, QJsonArray{codingOf(kRxNorm, QStringLiteral("29561"))},
                                QStringLiteral("Carbapenem i.v. 1 g"), q8h}),
             medicationRequest({QStringLiteral("mr-clarithro"), kPatient, QJsonArray{codingOf(kAtcBfarm, QStringLiteral("J01FA09"))},
                                QStringLiteral("Klacid 500 mg"), q8h})}));
    }

    void rxnormOrderWithoutTheWordWarnsByCode()
    {
        auto w = f->recorder().checkAdministration(give(kPatient, QStringLiteral("mr-rx-amox")));
        QVERIFY2(w.ok(), why(w));
        QCOMPARE(kindsOf(w), QStringList{QStringLiteral("allergy")});
        const auto finding = findingOf(w, SafetyCode::AllergyClass);
        QVERIFY(finding);
        QCOMPARE(finding->drugClass, QStringLiteral("penicillin"));
        QCOMPARE(finding->matchedBy, MatchedBy::Code);
        QVERIFY(!w->first().message.contains(QStringLiteral("name only")));
        // Unconfirmed, it is not recorded.
        QVERIFY(!f->recorder().recordAdministration(give(kPatient, QStringLiteral("mr-rx-amox"))).ok());
    }

    void bfarmAtcOrderWarnsByCode()
    {
        auto w = f->recorder().checkAdministration(give(kPatient, QStringLiteral("mr-bfarm-amox")));
        QVERIFY2(w.ok(), why(w));
        const auto finding = findingOf(w, SafetyCode::AllergyClass);
        QVERIFY2(finding, qPrintable(kindsOf(w).join(QLatin1Char(','))));
        QCOMPARE(finding->drugClass, QStringLiteral("penicillin"));
        QCOMPARE(finding->matchedBy, MatchedBy::Code);
    }

    void brandNameWarnsAndSaysSo()
    {
        auto w = f->recorder().checkAdministration(give(kPatient, QStringLiteral("mr-augmentan")));
        QVERIFY2(w.ok(), why(w));
        const auto finding = findingOf(w, SafetyCode::AllergyClass);
        QVERIFY(finding);
        QCOMPARE(finding->drugClass, QStringLiteral("penicillin"));
        QCOMPARE(finding->matchedBy, MatchedBy::Word);
        QVERIFY2(w->first().message.contains(QStringLiteral("matched by name only")), qPrintable(w->first().message));
    }

    void betaLactamCrossReactivityIsMilderAndSeparate()
    {
        for (const char* order : {"mr-cefuroxim", "mr-meropenem"}) {
            auto w = f->recorder().checkAdministration(give(kPatient, QLatin1String(order)));
            QVERIFY2(w.ok(), why(w));
            QCOMPARE(kindsOf(w), QStringList{QStringLiteral("allergy")});
            QVERIFY2(!findingOf(w, SafetyCode::AllergyClass) && !findingOf(w, SafetyCode::Allergy), order);
            const auto finding = findingOf(w, SafetyCode::AllergyCrossReactivity);
            QVERIFY2(finding, order);
            QCOMPARE(finding->allergyClass, QStringLiteral("penicillin"));
            QVERIFY(w->first().message.contains(QStringLiteral("may cross-react")));
        }
        QCOMPARE(findingOf(f->recorder().checkAdministration(give(kPatient, QStringLiteral("mr-cefuroxim"))),
                           SafetyCode::AllergyCrossReactivity)
                     ->drugClass,
                 QStringLiteral("cephalosporin"));
        // A macrolide is no beta-lactam.
        auto macrolide = f->recorder().checkAdministration(give(kPatient, QStringLiteral("mr-clarithro")));
        QVERIFY2(macrolide.ok(), why(macrolide));
        QVERIFY(!kindsOf(macrolide).contains(QStringLiteral("allergy")));
    }

    void sameIngredientAcrossCodeSystemsIsADirectAllergy()
    {
        // Amoxicillin allergy in SNOMED CT (372687004) against the RxNorm-coded order.
        QVERIFY(importResources(
            *f->vault,
            {QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
                         {QStringLiteral("id"), QStringLiteral("ai-amox-p2")},
                         {QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"),
                                                               QJsonArray{codingOf(kSct, QStringLiteral("372687004"))}}}},
                         {QStringLiteral("patient"), QJsonObject{{QStringLiteral("reference"),
                                                                  QString(QStringLiteral("Patient/") + kPatientNoAllergy)}}}},
             medicationRequest({QStringLiteral("mr-p2-rx-amox"), kPatientNoAllergy,
                                QJsonArray{codingOf(kRxNorm, QStringLiteral("723"))}, QStringLiteral("Saft 250 mg/5 ml"),
                                QJsonArray{dosageLine(everyHours(8), 5, QStringLiteral("mL"))}})}));
        auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, QStringLiteral("mr-p2-rx-amox")));
        QVERIFY2(w.ok(), why(w));
        const auto finding = findingOf(w, SafetyCode::Allergy);
        QVERIFY2(finding, qPrintable(kindsOf(w).join(QLatin1Char(','))));
        QCOMPARE(finding->matchedBy, MatchedBy::Code);
    }

private:
    std::unique_ptr<RecordFixture> f;
};

QTEST_GUILESS_MAIN(TestSafetyDrugsAllergy)
#include "test_safety_drugs_allergy.moc"
