// The ward census: rows, allergy states, filter-as-you-type, keyboard, and
// the cheap CensusQuery agreeing with full charts.

#include "GuiFixture.h"
#include "ui/census/CensusFilterProxy.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "core/import/Importer.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiCensus : public QObject
{
    Q_OBJECT

private:
    static QList<records::CensusRow> rowsOf(access::Session& s)
    {
        auto rows = records::CensusQuery(s.vault()).rows();
        return rows.ok() ? *rows : QList<records::CensusRow>{};
    }

private Q_SLOTS:
    void censusQueryMatchesCharts()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        const QList<records::CensusRow> rows = rowsOf(*session);
        QCOMPARE(rows.size(), 3);
        records::PatientRecords records(session->vault());
        for (const records::CensusRow& r : rows) {
            auto chart = records.chart(r.patientId);
            QVERIFY(chart.ok());
            QCOMPARE(int(r.allergyStatus), int(chart->allergyStatus));
            QCOMPARE(r.activeMedications, qint64(chart->activeOrders().size()));
            QCOMPARE(r.ward, QStringLiteral("Station 3A"));
        }
        const auto erika = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r.patientId == GuiFixture::kErikaId; });
        QCOMPARE(erika->bed, QStringLiteral("3A-01"));
        QCOMPARE(erika->allergies, QStringList{QStringLiteral("Penicillin")});
        QCOMPARE(erika->lastAdministration, f.clock().now().addSecs(-2 * 3600));
    }

    void showsPatientsAndFilters()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::CensusModel model(f.clock());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(rowsOf(*session));
        ui::CensusView view(&model);
        QAbstractItemModelTester proxyTester(view.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.show();
        QCOMPARE(view.proxy()->rowCount(), 3);

        // The three allergy states read differently.
        QStringList badges;
        for (int r = 0; r < model.rowCount(); ++r)
            badges << model.index(r, ui::CensusModel::Allergies).data().toString();
        QVERIFY(badges.contains(QStringLiteral("Penicillin")));
        QVERIFY(badges.contains(QStringLiteral("NKA")));
        QVERIFY(badges.contains(QStringLiteral("? No info")));

        QTest::keyClicks(view.searchField(), QStringLiteral("weber"));
        QCOMPARE(view.proxy()->rowCount(), 1);
        QCOMPARE(view.proxy()->index(0, 0).data(ui::CensusModel::PatientIdRole).toString(), GuiFixture::kMaxId);
        view.searchField()->clear();
        QTest::keyClicks(view.searchField(), QStringLiteral("3A-03"));
        QCOMPARE(view.proxy()->rowCount(), 1);
        QCOMPARE(view.proxy()->index(0, 0).data(ui::CensusModel::PatientIdRole).toString(), GuiFixture::kLenaId);
        view.searchField()->clear();
        QTest::keyClicks(view.searchField(), QStringLiteral("mrn1001"));
        QCOMPARE(view.proxy()->rowCount(), 1);
        view.searchField()->clear();
        QCOMPARE(view.proxy()->rowCount(), 3);
        QTest::keyClicks(view.searchField(), QStringLiteral("nobody-by-that-name"));
        QCOMPARE(view.proxy()->rowCount(), 0);
    }

    void keyboardOpensChart()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::CensusModel model(f.clock());
        model.setRows(rowsOf(*session));
        ui::CensusView view(&model);
        view.show();
        QSignalSpy opened(&view, &ui::CensusView::patientActivated);
        view.searchField()->setFocus();
        QTest::keyClicks(view.searchField(), QStringLiteral("erika"));
        QTest::keyClick(view.searchField(), Qt::Key_Return);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), GuiFixture::kErikaId);

        // Arrows from the search field move in the table; Enter opens the selected row.
        view.searchField()->clear();
        view.table()->setCurrentIndex(view.proxy()->index(0, 0));
        QTest::keyClick(view.searchField(), Qt::Key_Down);
        QCOMPARE(view.table()->currentIndex().row(), 1);
        QTest::keyClick(view.table(), Qt::Key_Return);
        QCOMPARE(opened.count(), 2);
        // Typing in the table goes to the search field.
        QTest::keyClicks(view.table(), QStringLiteral("vog"));
        QCOMPARE(view.searchField()->text(), QStringLiteral("vog"));
    }

    void sortsByColumn()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        ui::CensusModel model(f.clock());
        model.setRows(rowsOf(*session));
        ui::CensusView view(&model);
        view.table()->sortByColumn(ui::CensusModel::ActiveMeds, Qt::DescendingOrder);
        QCOMPARE(view.proxy()->index(0, 0).data(ui::CensusModel::PatientIdRole).toString(), GuiFixture::kErikaId);
        view.table()->sortByColumn(ui::CensusModel::Name, Qt::AscendingOrder);
        QCOMPARE(view.proxy()->index(0, 0).data(ui::CensusModel::PatientIdRole).toString(), GuiFixture::kErikaId);
        QCOMPARE(view.proxy()->index(2, 0).data(ui::CensusModel::PatientIdRole).toString(), GuiFixture::kMaxId);
    }

    void manyPatientsLoad()
    {
        // A ward-sized vault and then some: the census must not build charts per row.
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        auto report = import::Importer(session->vault()).importJson(GuiFixture::bundle(f.clock().now(), 1500));
        QVERIFY(report.ok());
        const QList<records::CensusRow> rows = rowsOf(*session);
        QCOMPARE(rows.size(), 1503);
        ui::CensusModel model(f.clock());
        model.setRows(rows);
        ui::CensusView view(&model);
        QTest::keyClicks(view.searchField(), QStringLiteral("extra149"));
        QCOMPARE(view.proxy()->rowCount(), 11); // Extra149 and Extra1490..1499
    }
};

QTEST_MAIN(TestGuiCensus)
#include "test_gui_census.moc"
