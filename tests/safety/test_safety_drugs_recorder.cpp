// Hazard: a rule the record dialog shows is bypassed by any other caller (the
// CLI, a script, a test calling the Recorder), or a typed dose is misread.
// The core Recorder itself:
// - refuses a high-alert drug recorded as given without a witness, decided
//   from the drug-class table by code alone (heparin by RxNorm, insulin by
//   BfArM ATC; neither text names the drug);
// - refuses a dose unit the order does not use and a dose over ten times the
//   ordered one; warns (to be confirmed) when the dose is not the ordered one.
// And core's dose parser reads "2,5" in German as 2.5 but refuses "2.500"
// (2500 or 2,5?) and any grouping, with a hint.

#include "SafetyDrugsSupport.h"

#include "core/record/DoseParser.h"
#include "core/record/DrugClasses.h"
#include "core/vault/OutboxRepository.h"

#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using namespace lantern::test::drugs;
using vault::OutboxRepository;

namespace {

const QString kHeparinByCode = QStringLiteral("mr-p2-hep-code");
const QString kInsulinByCode = QStringLiteral("mr-p2-ins-code");

} // namespace

class TestSafetyDrugsRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<RecordFixture>();
        QVERIFY(f->create());
        QVERIFY(importResources(
            *f->vault,
            {medicationRequest({kHeparinByCode, kPatientNoAllergy, QJsonArray{codingOf(kRxNorm, QStringLiteral("5224"))},
                                QStringLiteral("Antikoagulans s.c. 5000 I.E./0,2 ml"),
                                QJsonArray{dosageLine(everyHours(8), 5000, QStringLiteral("[iU]"))}}),
             medicationRequest({kInsulinByCode, kPatientNoAllergy, QJsonArray{codingOf(kAtcBfarm, QStringLiteral("A10AB05"))},
                                QStringLiteral("Bolus nach Schema, Fertigpen"),
                                QJsonArray{dosageLine(everyHours(6), 6, QStringLiteral("[iU]"))}})}));
    }

    void witnessEnforcedByCoreForHighAlertByCode()
    {
        for (const QString& order : {kHeparinByCode, kInsulinByCode}) {
            // No allergy, no interval: nothing to confirm, only the witness is missing.
            auto warnings = f->recorder().checkAdministration(give(kPatientNoAllergy, order));
            QVERIFY2(warnings.ok(), why(warnings));
            QVERIFY(warnings->isEmpty());
            const qsizetype before = OutboxRepository(f->vault->db()).items({})->size();
            auto refused = f->recorder().recordAdministration(give(kPatientNoAllergy, order));
            QVERIFY2(!refused.ok(), qPrintable(order));
            QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
            QVERIFY2(refused.error().message.startsWith(QStringLiteral("witness:")), qPrintable(refused.error().message));
            QVERIFY(refused.error().message.contains(QStringLiteral("high-alert")));
            QCOMPARE(OutboxRepository(f->vault->db()).items({})->size(), before); // nothing stored

            AdministrationInput withWitness = give(kPatientNoAllergy, order);
            withWitness.witness = kNurse2;
            auto recorded = f->recorder().recordAdministration(withWitness);
            QVERIFY2(recorded.ok(), why(recorded));
            QCOMPARE(recorded->witness, kNurse2);
            QVERIFY(OutboxRepository(f->vault->db()).item(recorded->uuid)->has_value());
            f->clock.advanceSecs(8 * 3600);
        }
        // Not given, held: no witness needed.
        AdministrationInput held = give(kPatientNoAllergy, kHeparinByCode);
        held.outcome = AdministrationOutcome::Held;
        held.reason = QStringLiteral("Thrombozyten");
        QVERIFY(f->recorder().recordAdministration(held).ok());
        // Not high-alert: no witness.
        QVERIFY(f->recorder().recordAdministration(give(kPatientNoAllergy, kOrderPat2)).ok());
    }

    void doseUnitMustBeTheOrders()
    {
        AdministrationInput in = give(kPatientNoAllergy, kOrderPat2); // paracetamol 1000 mg
        in.dose.value = 10;
        in.dose.unit = QStringLiteral("mL");
        in.dose.code = QStringLiteral("mL");
        auto refused = f->recorder().recordAdministration(in, {{QStringLiteral("dose"), {}, true}});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.startsWith(QStringLiteral("dose:")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QStringLiteral("unit")));
        QVERIFY(!f->recorder().checkAdministration(in).ok()); // the dialog shows why before Record
        // The same amount in grams is the same dose.
        in.dose.value = 1;
        in.dose.unit = QStringLiteral("g");
        in.dose.code = QStringLiteral("g");
        auto grams = f->recorder().checkAdministration(in);
        QVERIFY2(grams.ok(), why(grams));
        QVERIFY(grams->isEmpty());
    }

    void absurdDoseIsRefused()
    {
        AdministrationInput in = give(kPatientNoAllergy, kOrderPat2);
        in.dose.value = 10001; // mg, the order says 1000 mg
        auto refused = f->recorder().recordAdministration(in, {{QStringLiteral("dose"), {}, true}});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.startsWith(QStringLiteral("dose:")), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QStringLiteral("ten")) || refused.error().message.contains(QStringLiteral("10")));
    }

    void doseOtherThanOrderedWarns()
    {
        AdministrationInput in = give(kPatientNoAllergy, kOrderPat2);
        in.dose.value = 500; // no unit: the order's
        auto w = f->recorder().checkAdministration(in);
        QVERIFY2(w.ok(), why(w));
        QCOMPARE(kindsOf(w), QStringList{QStringLiteral("dose")});
        const auto finding = findingOf(w, SafetyCode::DoseDiffers);
        QVERIFY(finding);
        QCOMPARE(finding->enteredAmount, 500.0);
        QCOMPARE(finding->orderedLow, 1000.0);
        QCOMPARE(finding->doseUnit, QStringLiteral("mg"));
        QVERIFY(!f->recorder().recordAdministration(in).ok());
        auto recorded = f->recorder().recordAdministration(in, *w);
        QVERIFY2(recorded.ok(), why(recorded));
        QCOMPARE(recorded->warnings.first().kind, QStringLiteral("dose"));
    }

    void germanDoseParsing()
    {
        const QLocale de(QLocale::German, QLocale::Germany);
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        QCOMPARE(parseDose(QStringLiteral("2,5"), de).value, std::optional<double>(2.5));
        QCOMPARE(parseDose(QStringLiteral("2.5"), de).value, std::optional<double>(2.5)); // cannot be grouping
        QCOMPARE(parseDose(QStringLiteral("2500"), de).value, std::optional<double>(2500));
        const ParsedDose ambiguous = parseDose(QStringLiteral("2.500"), de);
        QVERIFY(!ambiguous.ok());
        QVERIFY(!ambiguous.value);
        QCOMPARE(ambiguous.problem, DoseProblem::Ambiguous);
        QCOMPARE(ambiguous.message, QStringLiteral("ambiguous: write 2500 or 2,5"));
        const ParsedDose englishAmbiguous = parseDose(QStringLiteral("2,500"), en);
        QCOMPARE(englishAmbiguous.problem, DoseProblem::Ambiguous);
        QCOMPARE(englishAmbiguous.message, QStringLiteral("ambiguous: write 2500 or 2.5"));
        QCOMPARE(parseDose(QStringLiteral("2.5"), en).value, std::optional<double>(2.5));
        for (const QLocale& l : {de, en}) {
            QCOMPARE(parseDose(QStringLiteral("1,000.5"), l).problem, DoseProblem::Grouping);
            QCOMPARE(parseDose(QStringLiteral("1.000,5"), l).problem, DoseProblem::Grouping);
            QCOMPARE(parseDose(QStringLiteral("1 000"), l).problem, DoseProblem::Grouping);
            QCOMPARE(parseDose(QStringLiteral("-5"), l).problem, DoseProblem::Negative);
            QCOMPARE(parseDose(QStringLiteral("viel"), l).problem, DoseProblem::NotANumber);
            QCOMPARE(parseDose(QString(), l).problem, DoseProblem::Empty);
        }
        const ParsedDose withUnit = parseDose(QStringLiteral("500 mg"), de);
        QCOMPARE(withUnit.value, std::optional<double>(500));
        QCOMPARE(withUnit.unit, QStringLiteral("mg"));
        QCOMPARE(parseDose(QStringLiteral("1,5g"), de).unitCode, QStringLiteral("g"));
        QCOMPARE(parseDose(QStringLiteral("6 I.E."), de).unitCode, QStringLiteral("[iU]"));
        QCOMPARE(parseDose(QStringLiteral("200 µg"), de).unitCode, QStringLiteral("ug"));
        QCOMPARE(convertAmount(1.5, QStringLiteral("g"), QStringLiteral("mg")), std::optional<double>(1500));
        QVERIFY(!convertAmount(1, QStringLiteral("mg"), QStringLiteral("mL")));
    }

    void witnessRuleIsCoresForTheDialogToo()
    {
        // The dialog asks this same function; it reads codes, not a word list.
        model::MedicationInfo heparin;
        heparin.text = QStringLiteral("Antikoagulans");
        heparin.codes << model::DrugCode{model::DrugCodeSystem::RxNorm, kRxNorm, QStringLiteral("5224"), {}};
        QVERIFY(needsWitness(heparin));
        model::MedicationInfo plain;
        plain.text = QStringLiteral("Antikoagulans");
        QVERIFY(!needsWitness(plain));
        model::MedicationInfo brand;
        brand.text = QStringLiteral("Xarelto 20 mg");
        QVERIFY(needsWitness(brand)); // DOAC, by name
    }

private:
    std::unique_ptr<RecordFixture> f;
};

QTEST_GUILESS_MAIN(TestSafetyDrugsRecorder)
#include "test_safety_drugs_recorder.moc"
