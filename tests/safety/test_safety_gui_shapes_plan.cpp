// Clinical truth (issue 9), on screen: the medication plan lists home
// medication (MedicationStatement) apart from the orders of this stay, and an
// order whose Medication reference cannot be followed is named as such
// instead of an empty name ("-   PRN" in lanternctl before the fix).

#include "ui/chart/ChartView.h"
#include "ui/chart/MedicationPlanModel.h"
#include "core/fhir/ChartBuilder.h"

#include "core/common/Clock.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTest>

using namespace lantern;

namespace {

QJsonObject ref(const QString& reference, const QString& display = {})
{
    QJsonObject r{{QStringLiteral("reference"), reference}};
    if (!display.isEmpty())
        r.insert(QStringLiteral("display"), display);
    return r;
}

QList<QJsonObject> resources()
{
    const QJsonObject patient{{QStringLiteral("resourceType"), QStringLiteral("Patient")}, {QStringLiteral("id"), QStringLiteral("p1")}};
    const QJsonObject prnDosage{{QStringLiteral("asNeededBoolean"), true}, {QStringLiteral("text"), QStringLiteral("10 mg bei Bedarf")}};
    // Epic's shape: the order names its drug only through a Medication the vault does not hold.
    const QJsonObject order{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")}, {QStringLiteral("id"), QStringLiteral("mr1")},
                            {QStringLiteral("status"), QStringLiteral("active")}, {QStringLiteral("intent"), QStringLiteral("order")},
                            {QStringLiteral("medicationReference"), ref(QStringLiteral("Medication/loratadine-1"))},
                            {QStringLiteral("subject"), ref(QStringLiteral("Patient/p1"))},
                            {QStringLiteral("dosageInstruction"), QJsonArray{prnDosage}}};
    const QJsonObject home{{QStringLiteral("resourceType"), QStringLiteral("MedicationStatement")}, {QStringLiteral("id"), QStringLiteral("ms1")},
                           {QStringLiteral("status"), QStringLiteral("active")},
                           {QStringLiteral("medicationReference"), ref(QStringLiteral("Medication/ramipril-1"))},
                           {QStringLiteral("subject"), ref(QStringLiteral("Patient/p1"))}};
    return {patient, order, home};
}

// The vault holds the statement's Medication, not the order's.
std::optional<QJsonObject> lookup(const QString& reference)
{
    if (reference != QStringLiteral("Medication/ramipril-1"))
        return std::nullopt;
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Medication")}, {QStringLiteral("id"), QStringLiteral("ramipril-1")},
                       {QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{
                                                                {QStringLiteral("system"), QStringLiteral("http://www.whocc.no/atc")},
                                                                {QStringLiteral("code"), QStringLiteral("C09AA05")}}}},
                                                            {QStringLiteral("text"), QStringLiteral("Ramipril 5 mg")}}}};
}

} // namespace

class TestSafetyGuiShapesPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void homeMedicationApartFromOrders();
    void unresolvedReferenceNamedNotBlank();
};

void TestSafetyGuiShapesPlan::homeMedicationApartFromOrders()
{
    const model::PatientChart chart = fhir::buildChart(QStringLiteral("p1"), resources(), lookup);
    ManualClock clock(QDateTime::currentDateTimeUtc());
    ui::ChartView view(chart, QStringLiteral("Station 3A"), QStringLiteral("3A-01"), clock);
    QCOMPARE(view.activePlan()->rowCount(), 1);
    QCOMPARE(view.homePlan()->rowCount(), 1);
    QCOMPARE(view.inactivePlan()->rowCount(), 0);
    QCOMPARE(view.homePlan()->index(0, ui::MedicationPlanModel::Drug).data().toString(), QStringLiteral("Ramipril 5 mg"));
    auto* title = view.findChild<QLabel*>(QStringLiteral("homePlanTitle"));
    QVERIFY(title);
    QVERIFY(title->text().contains(QStringLiteral("MedicationStatement")));
}

void TestSafetyGuiShapesPlan::unresolvedReferenceNamedNotBlank()
{
    const model::PatientChart chart = fhir::buildChart(QStringLiteral("p1"), resources(), lookup);
    ui::MedicationPlanModel plan(ui::MedicationPlanModel::Which::Active);
    plan.setChart(chart);
    QCOMPARE(plan.rowCount(), 1);
    QCOMPARE(plan.index(0, ui::MedicationPlanModel::Drug).data().toString(),
             QStringLiteral("unknown medication (reference not found: Medication/loratadine-1)"));
    QVERIFY(!plan.index(0, ui::MedicationPlanModel::Prn).data().toString().isEmpty());
}

QTEST_MAIN(TestSafetyGuiShapesPlan)
#include "test_safety_gui_shapes_plan.moc"
