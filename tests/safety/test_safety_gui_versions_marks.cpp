// Defect 10 (issue 9), on screen: a merged-away or inactive patient record is
// marked in the chart header and the census row, so nobody takes it for an
// ordinary patient. The words come from core's decision (records::PatientMark).

#include "ui/census/CensusModel.h"
#include "ui/chart/PatientHeader.h"
#include "core/model/PatientChart.h"
#include "core/records/CensusQuery.h"

#include <QTest>

using namespace lantern;

namespace {

model::PatientChart chartOf(std::optional<bool> active, std::optional<model::PatientMerge> replacedBy)
{
    model::Patient p;
    p.meta.id = QStringLiteral("pat-merged");
    p.names << model::HumanName{QStringLiteral("official"), {}, QStringLiteral("Brandt"), {QStringLiteral("Karl")}, {}};
    p.active = active;
    p.replacedBy = std::move(replacedBy);
    model::PatientChart chart;
    chart.patientId = p.meta.id;
    chart.patient = p;
    return chart;
}

records::CensusRow rowOf(records::PatientMark::Kind kind, const QString& mergedInto = {})
{
    records::CensusRow row;
    row.patientId = QStringLiteral("pat-merged");
    row.family = QStringLiteral("Brandt");
    row.given = QStringLiteral("Karl");
    row.mark.kind = kind;
    row.mark.mergedInto = mergedInto;
    return row;
}

} // namespace

class TestSafetyGuiVersionsMarks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerMarksMergedAndInactive();
    void censusRowMarksMergedAndInactive();
};

void TestSafetyGuiVersionsMarks::headerMarksMergedAndInactive()
{
    ManualClock clock(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    const ui::PatientHeader merged(chartOf(false, model::PatientMerge{QStringLiteral("pat-survivor"), QStringLiteral("M-200")}),
                                   QStringLiteral("3B"), QStringLiteral("12"), clock);
    QCOMPARE(merged.recordMarkText(), QStringLiteral("MERGED into M-200 - do not use"));
    const ui::PatientHeader byId(chartOf(std::nullopt, model::PatientMerge{QStringLiteral("pat-survivor"), {}}),
                                 QStringLiteral("3B"), QStringLiteral("12"), clock);
    QCOMPARE(byId.recordMarkText(), QStringLiteral("MERGED into pat-survivor - do not use"));
    const ui::PatientHeader inactive(chartOf(false, std::nullopt), QStringLiteral("3B"), QStringLiteral("12"), clock);
    QCOMPARE(inactive.recordMarkText(), QStringLiteral("INACTIVE record"));
    const ui::PatientHeader ordinary(chartOf(true, std::nullopt), QStringLiteral("3B"), QStringLiteral("12"), clock);
    QVERIFY(ordinary.recordMarkText().isEmpty());
}

void TestSafetyGuiVersionsMarks::censusRowMarksMergedAndInactive()
{
    ManualClock clock(QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC));
    ui::CensusModel model(clock);
    model.setRows({rowOf(records::PatientMark::Kind::MergedAway, QStringLiteral("M-200")),
                   rowOf(records::PatientMark::Kind::Inactive), rowOf(records::PatientMark::Kind::None)});
    const auto name = [&](int row) { return model.data(model.index(row, ui::CensusModel::Name)).toString(); };
    QVERIFY2(name(0).contains(QStringLiteral("MERGED into M-200 - do not use")), qPrintable(name(0)));
    QVERIFY2(name(1).contains(QStringLiteral("INACTIVE record")), qPrintable(name(1)));
    QCOMPARE(name(2), QStringLiteral("Brandt, Karl"));
}

QTEST_MAIN(TestSafetyGuiVersionsMarks)
#include "test_safety_gui_versions_marks.moc"
