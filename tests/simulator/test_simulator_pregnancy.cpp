// The generator's pregnancy status (LOINC 82810-3): some women of child-bearing
// age have one, pregnant or not, readable by Lantern's own mapping, never a
// vital sign; and the clinical action that records a new answer.
#include <Simulator.h>

#include "core/common/Clock.h"
#include "core/fhir/PregnancyMapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lantern;

namespace {

QString patientOf(const QJsonObject& observation)
{
    return observation.value(u"subject"_s).toObject().value(u"reference"_s).toString();
}

bool inCategory(const QJsonObject& observation, const QString& code)
{
    for (const QJsonValue& category : observation.value(u"category"_s).toArray())
        for (const QJsonValue& coding : category.toObject().value(u"coding"_s).toArray())
            if (coding.toObject().value(u"code"_s).toString() == code)
                return true;
    return false;
}

} // namespace

class TestSimulatorPregnancy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void someWomenOfChildBearingAgeHaveAStatus();
    void newAnswerIsANewVersion();

private:
    QList<QJsonObject> statuses() const;

    ManualClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<sim::Simulator> m_sim;
};

void TestSimulatorPregnancy::initTestCase()
{
    sim::SimulatorOptions options;
    options.generator.seed = 5;
    options.generator.wards = 4;
    options.generator.patientsPerWard = 25;
    m_sim = std::make_unique<sim::Simulator>(options, m_clock);
    const Status populated = m_sim->populate();
    QVERIFY2(populated.ok(), qPrintable(populated.ok() ? QString() : populated.error().message));
}

QList<QJsonObject> TestSimulatorPregnancy::statuses() const
{
    QList<QJsonObject> out;
    const auto snapshot = m_sim->store().exportSnapshot({{u"Observation"_s}, std::nullopt, std::nullopt});
    for (const QByteArray& json : snapshot.value(u"Observation"_s)) {
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        if (fhir::isPregnancyStatusObservation(o))
            out.append(o);
    }
    return out;
}

void TestSimulatorPregnancy::someWomenOfChildBearingAgeHaveAStatus()
{
    const QList<QJsonObject> found = statuses();
    QVERIFY(!found.isEmpty());
    QSet<QString> patients;
    int pregnant = 0;
    int notPregnant = 0;
    for (const QJsonObject& o : found) {
        QVERIFY(!inCategory(o, u"vital-signs"_s));
        const QString ref = patientOf(o);
        QVERIFY2(!patients.contains(ref), qPrintable(ref)); // one per patient
        patients.insert(ref);
        const auto patient = m_sim->store().readObject(u"Patient"_s, ref.section(u'/', 1));
        QVERIFY(patient);
        QCOMPARE(patient->value(u"gender"_s).toString(), u"female"_s);
        const QDate birth = QDate::fromString(patient->value(u"birthDate"_s).toString(), Qt::ISODate);
        QVERIFY(birth.isValid() && birth > QDate(2026, 3, 1).addYears(-51));
        const auto mapped = fhir::mapPregnancyStatus(o);
        QVERIFY2(mapped.ok(), qPrintable(mapped.ok() ? QString() : mapped.error().message));
        QVERIFY(mapped->isUsable());
        QVERIFY(!mapped->effective.isNull());
        if (mapped->state == model::PregnancyState::Pregnant) {
            ++pregnant;
            QVERIFY(mapped->estimatedDelivery.isValid());
        } else if (mapped->state == model::PregnancyState::NotPregnant) {
            ++notPregnant;
            QVERIFY(!mapped->estimatedDelivery.isValid());
        }
    }
    QVERIFY(pregnant > 0);
    QVERIFY(notPregnant > 0);
}

void TestSimulatorPregnancy::newAnswerIsANewVersion()
{
    QJsonObject before;
    for (const QJsonObject& o : statuses())
        if (fhir::mapPregnancyStatus(o)->state == model::PregnancyState::NotPregnant)
            before = o;
    QVERIFY(!before.isEmpty());
    m_clock.advanceSecs(600);
    auto written = m_sim->actions().recordPregnancyStatus(patientOf(before), sim::catalog::PregnancyAnswer::Pregnant);
    QVERIFY(written.ok());
    QCOMPARE(written->id, before.value(u"id"_s).toString());
    QCOMPARE(written->version.versionId, 2);
    const auto after = fhir::mapPregnancyStatus(QJsonDocument::fromJson(written->version.json).object());
    QVERIFY(after.ok());
    QCOMPARE(after->state, model::PregnancyState::Pregnant);
    QVERIFY(after->estimatedDelivery.isValid());

    // A patient without one gets a first status.
    const int count = int(statuses().size());
    QString without;
    for (int serial = 1; without.isEmpty(); ++serial) {
        const QString ref = u"Patient/pat-"_s + QString::number(serial);
        bool has = false;
        for (const QJsonObject& o : statuses())
            has = has || patientOf(o) == ref;
        if (!has)
            without = ref;
    }
    auto created = m_sim->actions().recordPregnancyStatus(without, sim::catalog::PregnancyAnswer::NotPregnant);
    QVERIFY(created.ok());
    QVERIFY(created->created);
    QCOMPARE(int(statuses().size()), count + 1);
    QVERIFY(!m_sim->actions().recordPregnancyStatus(u"Patient/no-such"_s, sim::catalog::PregnancyAnswer::Unknown).ok());
}

QTEST_GUILESS_MAIN(TestSimulatorPregnancy)
#include "test_simulator_pregnancy.moc"
