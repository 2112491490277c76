// Safety checks while recording an administration: they fire on allergy
// (substance and drug class, also an allergy reported during downtime),
// interval (PRN, scheduled with the ward's window, maximum per period, against
// the vault and the outbox) and discontinued orders, and stay silent
// otherwise; unconfirmed warnings refuse to record; confirmed ones are stored.
// Each warning carries its finding as data (code, substance, class, minutes,
// status, times) for the screen to word; the outbox keeps kind and English text.

#include "RecordFixture.h"
#include "core/record/SafetyChecker.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QTest>

using namespace lantern;
using namespace lantern::record;
using namespace lantern::test;
using vault::OutboxRepository;

namespace {

AdministrationInput give(const QString& patient, const QString& order, const QDateTime& at = {})
{
    AdministrationInput in;
    in.patientId = patient;
    in.orderId = order;
    in.givenAt = at;
    return in;
}

QStringList kinds(const QList<SafetyWarning>& warnings)
{
    QStringList out;
    for (const SafetyWarning& w : warnings)
        out << w.kind;
    return out;
}

} // namespace

class TestRecordSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void allergyBySubstance();
    void allergyByClass();
    void reportedAllergyCountsForTheCheck();
    void prnIntervalAgainstVaultAndOutbox();
    void prnMaximumPerPeriod();
    void scheduledIntervalHasAWindow();
    void discontinuedOrders();
    void silentOtherwise();
    void notGivenNeedsNoConfirmation();
    void unconfirmedWarningsRefuseToRecord();
    void findingsCarryTheData();
    void storedWarningsStayReadable();

private:
    std::unique_ptr<RecordFixture> f;
};

void TestRecordSafety::init()
{
    f = std::make_unique<RecordFixture>();
    QVERIFY(f->create());
}

void TestRecordSafety::allergyBySubstance()
{
    auto w = f->recorder().checkAdministration(give(kPatient, kOrderHeparin));
    QVERIFY2(w.ok(), why(w));
    QCOMPARE(kinds(*w), QStringList{QStringLiteral("allergy")});
    QVERIFY(w->first().message.contains(QStringLiteral("Heparin (HIT II)")));
}

void TestRecordSafety::allergyByClass()
{
    auto amox = f->recorder().checkAdministration(give(kPatient, kOrderAmoxicillin));
    QVERIFY2(amox.ok(), why(amox));
    QCOMPARE(kinds(*amox), QStringList{QStringLiteral("allergy")});
    QVERIFY(amox->first().message.contains(QStringLiteral("penicillins")));
    auto enox = f->recorder().checkAdministration(give(kPatient, kOrderEnoxaparin));
    QVERIFY2(enox.ok(), why(enox));
    QCOMPARE(kinds(*enox), QStringList{QStringLiteral("allergy")});
    QVERIFY(enox->first().message.contains(QStringLiteral("heparins")));
}

void TestRecordSafety::reportedAllergyCountsForTheCheck()
{
    QVERIFY(f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2))->isEmpty());
    auto reported = f->recorder().recordReportedAllergy({kPatientNoAllergy, QStringLiteral("paracetamol"),
                                                         QStringLiteral("rash"), QStringLiteral("low")});
    QVERIFY2(reported.ok(), why(reported));
    auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY2(w.ok(), why(w));
    QCOMPARE(kinds(*w), QStringList{QStringLiteral("allergy")});
    QVERIFY(w->first().message.contains(QStringLiteral("unconfirmed")));
}

void TestRecordSafety::prnIntervalAgainstVaultAndOutbox()
{
    // Paracetamol PRN q6h, last given 09:00 (vault); now 12:00.
    auto early = f->recorder().checkAdministration(give(kPatient, kOrderParacetamol));
    QVERIFY2(early.ok(), why(early));
    QCOMPARE(kinds(*early), QStringList{QStringLiteral("interval")});
    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(15, 0), Qt::UTC)); // exactly 6 h later
    auto onTime = f->recorder().checkAdministration(give(kPatient, kOrderParacetamol));
    QVERIFY(onTime->isEmpty());
    QVERIFY(f->recorder().recordAdministration(give(kPatient, kOrderParacetamol)).ok());
    // Now the dose recorded during downtime is the last one.
    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(17, 0), Qt::UTC));
    auto again = f->recorder().checkAdministration(give(kPatient, kOrderParacetamol));
    QCOMPARE(kinds(*again), QStringList{QStringLiteral("interval")});
    QVERIFY(again->first().message.contains(QStringLiteral("downtime")));
    // A dose charted for a time before an existing one is checked against it as well.
    auto backCharted = f->recorder().checkAdministration(
        give(kPatient, kOrderParacetamol, QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC)));
    QCOMPARE(kinds(*backCharted), QStringList{QStringLiteral("interval")});
}

void TestRecordSafety::prnMaximumPerPeriod()
{
    // Max 4000 mg per day; 1000 mg at 09:00 in the vault. Doses other than the
    // ordered 1000 mg also carry the dose warning.
    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(15, 0), Qt::UTC));
    AdministrationInput big = give(kPatient, kOrderParacetamol);
    big.dose.value = 2000;
    big.dose.unit = QStringLiteral("mg");
    big.dose.code = QStringLiteral("mg");
    QCOMPARE(kinds(*f->recorder().checkAdministration(big)), QStringList{QStringLiteral("dose")}); // 3000 mg in 24 h
    QVERIFY(f->recorder().recordAdministration(big, {{QStringLiteral("dose"), {}, true}}).ok());
    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(21, 0), Qt::UTC));
    big.dose.value = 1500;
    auto w = f->recorder().checkAdministration(big); // 4500 mg in 24 h
    QCOMPARE(kinds(*w), (QStringList{QStringLiteral("interval"), QStringLiteral("dose")}));
    QVERIFY(w->first().message.contains(QStringLiteral("at most 4000")));
    big.dose.value = 1000; // exactly 4000 mg: allowed
    QVERIFY(f->recorder().checkAdministration(big)->isEmpty());
}

void TestRecordSafety::scheduledIntervalHasAWindow()
{
    // pat-2: 08-12-18-22, given 08:00. The 12:00 dose at 12:00 and up to an hour early is fine.
    QVERIFY(f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2))->isEmpty());
    QVERIFY(f->recorder()
                .checkAdministration(give(kPatientNoAllergy, kOrderPat2, QDateTime(QDate(2026, 3, 1), QTime(11, 0), Qt::UTC)))
                ->isEmpty());
    auto tooEarly = f->recorder().checkAdministration(
        give(kPatientNoAllergy, kOrderPat2, QDateTime(QDate(2026, 3, 1), QTime(10, 30), Qt::UTC)));
    QCOMPARE(kinds(*tooEarly), QStringList{QStringLiteral("interval")});
}

void TestRecordSafety::discontinuedOrders()
{
    auto stopped = f->recorder().checkAdministration(give(kPatient, kOrderStopped));
    QVERIFY2(stopped.ok(), why(stopped));
    QCOMPARE(kinds(*stopped), QStringList{QStringLiteral("discontinued-order")});
    QVERIFY(stopped->first().message.contains(QStringLiteral("stopped")));
    auto ended = f->recorder().checkAdministration(give(kPatient, kOrderEnded));
    QVERIFY2(ended.ok(), why(ended));
    QCOMPARE(kinds(*ended), QStringList{QStringLiteral("discontinued-order")});
}

void TestRecordSafety::silentOtherwise()
{
    auto w = f->recorder().checkAdministration(give(kPatientNoAllergy, kOrderPat2));
    QVERIFY2(w.ok(), why(w));
    QVERIFY(w->isEmpty());
    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(16, 0), Qt::UTC));
    auto para = f->recorder().checkAdministration(give(kPatient, kOrderParacetamol)); // allergic to others only
    QVERIFY(para->isEmpty());
    auto recorded = f->recorder().recordAdministration(give(kPatient, kOrderParacetamol));
    QVERIFY2(recorded.ok(), why(recorded));
    QVERIFY(recorded->warnings.isEmpty());
}

void TestRecordSafety::notGivenNeedsNoConfirmation()
{
    AdministrationInput held = give(kPatient, kOrderHeparin);
    held.outcome = AdministrationOutcome::Held;
    held.reason = QStringLiteral("platelets low");
    auto e = f->recorder().recordAdministration(held);
    QVERIFY2(e.ok(), why(e));
    QCOMPARE(e->resource.value(QLatin1String("status")).toString(), QStringLiteral("on-hold"));
    QCOMPARE(e->resource.value(QLatin1String("statusReason")).toArray().first().toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("platelets low"));
    AdministrationInput notGiven = give(kPatient, kOrderHeparin);
    notGiven.outcome = AdministrationOutcome::NotGiven;
    notGiven.reason = QStringLiteral("refused");
    auto n = f->recorder().recordAdministration(notGiven);
    QVERIFY2(n.ok(), why(n));
    QCOMPARE(n->resource.value(QLatin1String("status")).toString(), QStringLiteral("not-done"));
}

void TestRecordSafety::unconfirmedWarningsRefuseToRecord()
{
    OutboxRepository outbox(f->vault->db());
    auto refused = f->recorder().recordAdministration(give(kPatient, kOrderHeparin));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    QVERIFY(refused.error().message.contains(QStringLiteral("allergy")));
    QVERIFY(!refused.error().message.contains(QStringLiteral("Heparin"))); // no drug names in errors (they get logged)
    QCOMPARE(outbox.counts()->pending, 0);
    // Confirming another kind does not count.
    QVERIFY(!f->recorder().recordAdministration(give(kPatient, kOrderHeparin), {{QStringLiteral("interval"), {}, true}}).ok());

    auto warnings = f->recorder().checkAdministration(give(kPatient, kOrderHeparin));
    // Confirmed, but heparin is high-alert: a witness is still needed.
    auto noWitness = f->recorder().recordAdministration(give(kPatient, kOrderHeparin), *warnings);
    QVERIFY(!noWitness.ok());
    QVERIFY(noWitness.error().message.startsWith(QStringLiteral("witness:")));
    AdministrationInput witnessed = give(kPatient, kOrderHeparin);
    witnessed.witness = kNurse2;
    auto recorded = f->recorder().recordAdministration(witnessed, *warnings);
    QVERIFY2(recorded.ok(), why(recorded));
    QCOMPARE(recorded->warnings.size(), 1);
    QVERIFY(recorded->warnings.first().overridden);
    QVERIFY(f->reopen());
    auto stored = OutboxRepository(f->vault->db()).item(recorded->uuid);
    QCOMPARE((*stored)->entry.warnings.size(), 1);
    QCOMPARE((*stored)->entry.warnings.first().kind, QStringLiteral("allergy"));
    QVERIFY((*stored)->entry.warnings.first().overridden);
    QCOMPARE((*stored)->entry.warnings.first().message, warnings->first().message);
}

void TestRecordSafety::findingsCarryTheData()
{
    const auto only = [](const Result<QList<SafetyWarning>>& w) -> SafetyFinding {
        return w.ok() && w->size() == 1 ? w->first().finding : SafetyFinding{};
    };
    const SafetyFinding heparin = only(f->recorder().checkAdministration(give(kPatient, kOrderHeparin)));
    QCOMPARE(heparin.code, SafetyCode::Allergy);
    QCOMPARE(heparin.substance, QStringLiteral("Heparin (HIT II)"));
    QCOMPARE(heparin.drug, QStringLiteral("Heparin-Natrium 5.000 I.E."));
    QVERIFY(!heparin.allergyUnconfirmed);

    const SafetyFinding amox = only(f->recorder().checkAdministration(give(kPatient, kOrderAmoxicillin)));
    QCOMPARE(amox.code, SafetyCode::AllergyClass);
    QCOMPARE(amox.substance, QStringLiteral("Penicillin"));
    QCOMPARE(amox.drugClass, QStringLiteral("penicillin"));

    // PRN q6h, last given 09:00 (vault), now 12:00.
    const SafetyFinding early = only(f->recorder().checkAdministration(give(kPatient, kOrderParacetamol)));
    QCOMPARE(early.code, SafetyCode::Interval);
    QCOMPARE(early.minutesApart, qint64(180));
    QCOMPARE(early.minimumIntervalMinutes, qint64(360));
    QCOMPARE(early.otherDoseAt, QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC));
    QVERIFY(!early.otherDoseLocal);

    f->clock.set(QDateTime(QDate(2026, 3, 1), QTime(15, 0), Qt::UTC));
    AdministrationInput big = give(kPatient, kOrderParacetamol);
    big.dose.value = 3500;
    big.dose.unit = QStringLiteral("mg");
    big.dose.code = QStringLiteral("mg");
    const auto withCode = [](const Result<QList<SafetyWarning>>& w, SafetyCode code) -> SafetyFinding {
        for (const SafetyWarning& x : w.ok() ? *w : QList<SafetyWarning>{}) {
            if (x.finding.code == code)
                return x.finding;
        }
        return {};
    };
    const SafetyFinding max = withCode(f->recorder().checkAdministration(big), SafetyCode::MaxDosePerPeriod); // 1000 + 3500 mg in 24 h
    QCOMPARE(max.code, SafetyCode::MaxDosePerPeriod);
    QCOMPARE(max.totalAmount, 4500.0);
    QCOMPARE(max.maximumAmount, 4000.0);
    QCOMPARE(max.unit, QStringLiteral("mg"));
    QCOMPARE(max.periodMinutes, qint64(24 * 60));

    const SafetyFinding stopped = only(f->recorder().checkAdministration(give(kPatient, kOrderStopped)));
    QCOMPARE(stopped.code, SafetyCode::DiscontinuedOrder);
    QCOMPARE(stopped.orderStatus, QStringLiteral("stopped"));
    QCOMPARE(stopped.dataAsOf, QDateTime(QDate(2026, 3, 1), QTime(11, 0), Qt::UTC));

    const SafetyFinding ended = only(f->recorder().checkAdministration(give(kPatient, kOrderEnded)));
    QCOMPARE(ended.code, SafetyCode::OrderEnded);
    QVERIFY(ended.endedAt.isValid());
    QVERIFY(ended.endedAt < f->clock.now());

    // The stored kind and English sentence are made from the finding.
    for (const SafetyFinding& finding : {heparin, amox, early, max, stopped, ended}) {
        const SafetyWarning w = SafetyChecker::warning(finding);
        QVERIFY(!w.kind.isEmpty());
        QCOMPARE(w.message, SafetyChecker::englishText(finding));
        QVERIFY(!w.message.isEmpty());
    }
    QCOMPARE(SafetyChecker::kindOf(SafetyCode::AllergyClass), QStringLiteral("allergy"));
    QCOMPARE(SafetyChecker::kindOf(SafetyCode::MaxDosePerPeriod), QStringLiteral("interval"));
    QCOMPARE(SafetyChecker::kindOf(SafetyCode::OrderEnded), QStringLiteral("discontinued-order"));
}

void TestRecordSafety::storedWarningsStayReadable()
{
    // Stored as before (kind, English message, overridden): read back without a finding.
    auto warnings = f->recorder().checkAdministration(give(kPatient, kOrderAmoxicillin));
    QVERIFY2(warnings.ok(), why(warnings));
    auto recorded = f->recorder().recordAdministration(give(kPatient, kOrderAmoxicillin), *warnings);
    QVERIFY2(recorded.ok(), why(recorded));
    QVERIFY(f->reopen());
    auto stored = OutboxRepository(f->vault->db()).item(recorded->uuid);
    QVERIFY(stored.ok() && stored->has_value());
    const SafetyWarning& w = (*stored)->entry.warnings.first();
    QCOMPARE(w.kind, QStringLiteral("allergy"));
    QCOMPARE(w.message, QStringLiteral("Recorded allergy to Penicillin (penicillins): Amoxicillin/Clavulansäure "
                                       "875 mg/125 mg belongs to the same class."));
    QCOMPARE(w.finding.code, SafetyCode::None);
    QVERIFY(w.overridden);
}

QTEST_GUILESS_MAIN(TestRecordSafety)
#include "test_record_safety.moc"
