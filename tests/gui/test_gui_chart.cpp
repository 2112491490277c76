// The patient chart: header, medication plan, MAR, allergies and emergency
// sheet agree with PatientRecords::chart; opening a chart is audited.

#include "GuiFixture.h"
#include "ui/app/WardDesktop.h"
#include "core/audit/AuditLog.h"
#include "ui/chart/AllergyView.h"
#include "ui/chart/ChartView.h"
#include "ui/chart/EmergencySheetHtml.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
#include "ui/chart/PatientHeader.h"
#include "core/records/PatientRecords.h"

#include <QAbstractItemModelTester>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartMatchesRecords_data()
    {
        QTest::addColumn<QString>("patientId");
        QTest::newRow("recorded allergy") << GuiFixture::kErikaId;
        QTest::newRow("NKA") << GuiFixture::kMaxId;
        QTest::newRow("no information") << GuiFixture::kLenaId;
    }

    void chartMatchesRecords()
    {
        QFETCH(QString, patientId);
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto chart = records::PatientRecords(session->vault()).chart(patientId);
        QVERIFY(chart.ok());
        ui::ChartView view(*chart, QStringLiteral("Station 3A"), QStringLiteral("3A-01"), f.clock());
        QAbstractItemModelTester t1(view.activePlan(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(view.inactivePlan(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(view.mar(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.show();

        // Active medications: exactly the chart's active orders.
        QStringList expected;
        for (const model::MedicationOrder& o : chart->activeOrders())
            expected << o.medication.text;
        QStringList shown;
        for (int r = 0; r < view.activePlan()->rowCount(); ++r)
            shown << view.activePlan()->index(r, ui::MedicationPlanModel::Drug).data().toString();
        expected.sort();
        shown.sort();
        QCOMPARE(shown, expected);

        // Allergies: the recorded ones, and the status word on the header.
        QStringList allergies;
        for (const model::Allergy& a : chart->recordedAllergies())
            allergies << a.substance.displayText();
        auto* allergyView = view.findChild<ui::AllergyView*>();
        QVERIFY(allergyView);
        QCOMPARE(allergyView->shownSubstances(), allergies);
        const QString badge = view.header()->allergyBadgeText();
        switch (chart->allergyStatus) {
        case model::AllergyStatus::HasAllergies:
            QVERIFY(badge.startsWith(QStringLiteral("ALLERGY")));
            QVERIFY(badge.contains(QStringLiteral("Penicillin")));
            break;
        case model::AllergyStatus::NoKnownAllergies:
            QCOMPARE(badge, QStringLiteral("NKA"));
            break;
        case model::AllergyStatus::NoInformation:
            QCOMPARE(badge, QStringLiteral("? No info"));
            break;
        case model::AllergyStatus::Unknown:
            QCOMPARE(badge, QStringLiteral("? Unknown - check paper record"));
            break;
        }
        QCOMPARE(view.tabs()->count(), 5);
    }

    void medicationPlanShowsLastGivenAndDiscontinued()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(chart.ok());
        ui::ChartView view(*chart, {}, {}, f.clock());
        QCOMPARE(view.activePlan()->rowCount(), 2);
        QCOMPARE(view.inactivePlan()->rowCount(), 1);
        QCOMPARE(view.inactivePlan()->index(0, ui::MedicationPlanModel::Drug).data().toString(), QStringLiteral("Ramipril 5 mg"));
        bool found = false;
        for (int r = 0; r < view.activePlan()->rowCount(); ++r) {
            if (view.activePlan()->index(r, 0).data().toString().startsWith(QStringLiteral("Metoprolol"))) {
                const QString last = view.activePlan()->index(r, ui::MedicationPlanModel::LastGiven).data().toString();
                QVERIFY2(last.contains(QStringLiteral("Jana Schulz")), qPrintable(last));
                found = true;
            }
            if (view.activePlan()->index(r, 0).data().toString().startsWith(QStringLiteral("Paracetamol")))
                QVERIFY(view.activePlan()->index(r, ui::MedicationPlanModel::Prn).data().toString().contains(QStringLiteral("pain")));
        }
        QVERIFY(found);

        // MAR: two doses given, one refused and one held within the last 72 h (held is not given).
        int given = 0;
        int notGiven = 0;
        for (int r = 0; r < view.mar()->rowCount(); ++r) {
            for (int c = 1; c < view.mar()->columnCount(); ++c) {
                given += view.mar()->index(r, c).data(ui::MarModel::GivenCountRole).toInt();
                notGiven += view.mar()->index(r, c).data(ui::MarModel::NotGivenCountRole).toInt();
            }
        }
        QCOMPARE(given, 2);
        QCOMPARE(notGiven, 2);
    }

    void emergencySheetSaysNoInformationExplicitly()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kLenaId);
        QVERIFY(chart.ok());
        QVERIFY(ui::EmergencySheetHtml::allergies(*chart).contains(QStringLiteral("No information")));
        QVERIFY(ui::EmergencySheetHtml::codeStatus(*chart).contains(QStringLiteral("No information")));
        QVERIFY(ui::EmergencySheetHtml::devices(*chart).contains(QStringLiteral("No information")));
        auto max = records::PatientRecords(session->vault()).chart(GuiFixture::kMaxId);
        QVERIFY(ui::EmergencySheetHtml::allergies(*max).contains(QStringLiteral("No known allergies")));
        auto erika = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(ui::EmergencySheetHtml::diagnoses(*erika).contains(QStringLiteral("Essential hypertension")));
    }

    void openingAChartIsAudited()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), {});
        QVERIFY(desktop.reloadCensus().ok());
        QVERIFY(desktop.openChart(GuiFixture::kMaxId, ui::ChartView::AllergyTab).ok());
        QVERIFY(desktop.chartView());
        QCOMPARE(desktop.currentPatientId(), GuiFixture::kMaxId);
        QCOMPARE(desktop.currentTab(), int(ui::ChartView::AllergyTab));
        auto head = audit::AuditLog(desktop.session().vault(), f.clock()).head();
        QVERIFY(head.ok() && head->has_value());
        QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::ViewPatient));
        QCOMPARE((*head)->patientId, GuiFixture::kMaxId);
        QCOMPARE((*head)->actor, GuiFixture::kNurse);
    }
};

QTEST_MAIN(TestGuiChart)
#include "test_gui_chart.moc"
