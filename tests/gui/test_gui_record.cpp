// Recording during downtime from the chart: the administration dialog stores
// the entry in the outbox before it confirms; the chart (plan, MAR) and the
// census badge show it at once; safety warnings must be confirmed one by
// one; annotations are a physician's; a nurse cannot decide conflicts.
// (Witness, names and admission: test_gui_record_people.)

#include "GuiFixture.h"
#include "ui/app/WardDesktop.h"
#include "ui/census/CensusModel.h"
#include "ui/chart/ChartView.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
#include "core/import/Importer.h"
#include "ui/reconcile/ReconcileView.h"
#include "ui/record/AdministrationDialog.h"
#include "ui/record/ChartRecorder.h"
#include "ui/record/RecordEnv.h"
#include "ui/record/SafetyWarningPanel.h"
#include "ui/record/SimpleRecordDialogs.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTest>
#include <QTimer>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

// An amoxicillin order for Erika, who is allergic to penicillin.
QByteArray amoxicillinOrder()
{
    const QJsonObject atc{{QStringLiteral("system"), QStringLiteral("http://www.whocc.no/atc")},
                          {QStringLiteral("code"), QStringLiteral("J01CA04")},
                          {QStringLiteral("display"), QStringLiteral("Amoxicillin")}};
    const QJsonObject dose{{QStringLiteral("value"), 1000}, {QStringLiteral("unit"), QStringLiteral("mg")}};
    const QJsonObject order{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
        {QStringLiteral("id"), QStringLiteral("mr-erika-amox")},
        {QStringLiteral("status"), QStringLiteral("active")},
        {QStringLiteral("intent"), QStringLiteral("order")},
        {QStringLiteral("medicationCodeableConcept"),
         QJsonObject{{QStringLiteral("coding"), QJsonArray{atc}}, {QStringLiteral("text"), QStringLiteral("Amoxicillin 1000 mg")}}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/p-erika")}}},
        {QStringLiteral("authoredOn"), QStringLiteral("2026-02-28T09:00:00Z")},
        {QStringLiteral("dosageInstruction"),
         QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("1000 mg three times daily")},
                                {QStringLiteral("doseAndRate"), QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"), dose}}}}}}}};
    const QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                             {QStringLiteral("type"), QStringLiteral("collection")},
                             {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("resource"), order}}}}};
    return QJsonDocument(bundle).toJson(QJsonDocument::Compact);
}

int censusPending(ui::WardDesktop& desktop, const QString& patientId)
{
    ui::CensusModel* m = desktop.censusModel();
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, 0).data(ui::CensusModel::PatientIdRole).toString() == patientId)
            return m->index(r, ui::CensusModel::Pending).data().toInt();
    }
    return -1;
}

} // namespace

class TestGuiRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void administrationThroughTheDialogReachesOutboxChartAndCensus()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        QCOMPARE(censusPending(desktop, GuiFixture::kMaxId), 0);
        QVERIFY(desktop.openChart(GuiFixture::kMaxId, ui::ChartView::PlanTab).ok());
        ui::ChartRecorder* recorder = desktop.chartRecorder();
        QVERIFY(recorder);
        QVERIFY(recorder->administerButton() && recorder->noteButton() && recorder->allergyButton());

        bool sawWitnessHint = false;
        connect(recorder, &ui::ChartRecorder::dialogOpened, this, [&](QWidget* w) {
            auto* dialog = qobject_cast<ui::AdministrationDialog*>(w);
            QVERIFY(dialog);
            QTimer::singleShot(0, dialog, [&, dialog] {
                sawWitnessHint = dialog->witnessField()->placeholderText().contains(QStringLiteral("High-alert"));
                QCOMPARE(dialog->doseField()->text(), QStringLiteral("40"));
                QCOMPARE(dialog->routeField()->text(), QStringLiteral("oral"));
                QVERIFY(dialog->warnings()->warnings().isEmpty());
                dialog->witnessField()->setText(GuiFixture::kPhysician);
                QTest::keyClick(dialog, Qt::Key_Return); // Enter records (Record is the default button)
                if (dialog->isVisible())
                    dialog->accept();
            });
        });
        QVERIFY(recorder->administer(QStringLiteral("mr-max-enox")).ok());
        QVERIFY(sawWitnessHint); // enoxaparin is a high-alert drug

        // In the outbox, pending, by the nurse, with the witness and the downtime.
        auto items = vault::OutboxRepository(desktop.session().vault().db()).items({});
        QVERIFY(items.ok());
        QCOMPARE(items->size(), 1);
        const record::OutboxItem& it = items->first();
        QCOMPARE(it.state, record::EntryState::Pending);
        QCOMPARE(it.entry.kind, record::EntryKind::Administration);
        QCOMPARE(it.entry.patientId, GuiFixture::kMaxId);
        QCOMPARE(it.entry.orderId, QStringLiteral("mr-max-enox"));
        QCOMPARE(it.entry.author, GuiFixture::kNurse);
        QCOMPARE(it.entry.witness, GuiFixture::kPhysician);
        QCOMPARE(it.entry.downtimeId, GuiFixture::kDowntimeId);

        // The chart was re-read: plan "last given" and the MAR mark it as local.
        ui::ChartView* chart = desktop.chartView();
        QVERIFY(chart);
        ui::MedicationPlanModel* plan = chart->activePlan();
        QCOMPARE(plan->rowCount(), 1);
        const QString last = plan->index(0, ui::MedicationPlanModel::LastGiven).data().toString();
        QVERIFY2(last.contains(QStringLiteral("recorded in downtime, not yet in EHR")), qPrintable(last));
        int localDoses = 0;
        ui::MarModel* mar = chart->mar();
        for (int r = 0; r < mar->rowCount(); ++r) {
            for (int c = 1; c < mar->columnCount(); ++c)
                localDoses += mar->index(r, c).data(ui::MarModel::LocalCountRole).toInt();
        }
        QCOMPARE(localDoses, 1);
        // The census badge counts it.
        QCOMPARE(censusPending(desktop, GuiFixture::kMaxId), 1);
        QCOMPARE(censusPending(desktop, GuiFixture::kErikaId), 0);
    }

    void allergyWarningMustBeConfirmed()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto imported = import::Importer(session->vault()).importJson(amoxicillinOrder(), QStringLiteral("test"));
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(chart.ok());
        const model::MedicationOrder* amox = nullptr;
        for (const model::MedicationOrder& o : chart->orders) {
            if (o.meta.id == QLatin1String("mr-erika-amox"))
                amox = &o;
        }
        QVERIFY(amox);
        const ui::RecordEnv env{*session, f.clock(), GuiFixture::kDowntimeId};
        ui::AdministrationDialog dialog(env, *chart, *amox);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        // The warning is on screen before anything is recorded.
        QList<QString> kinds;
        for (const record::SafetyWarning& w : dialog.warnings()->warnings())
            kinds << w.kind;
        QVERIFY2(kinds.contains(QStringLiteral("allergy")), qPrintable(kinds.join(QLatin1Char(','))));
        QVERIFY(dialog.warnings()->isVisible());
        QVERIFY(!dialog.recordButton()->isEnabled());

        // Refused without the confirmation: nothing stored, the message shown, the input kept.
        dialog.routeField()->setText(QStringLiteral("oral"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(!dialog.problem().isEmpty());
        QCOMPARE(dialog.routeField()->text(), QStringLiteral("oral"));
        vault::OutboxRepository outbox(session->vault().db());
        QVERIFY(outbox.items({})->isEmpty());

        // Confirmed: recorded, with the warning and the decision stored.
        dialog.warnings()->confirmAll();
        QVERIFY(dialog.recordButton()->isEnabled());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto items = outbox.items({});
        QCOMPARE(items->size(), 1);
        const record::RecordEntry& e = items->first().entry;
        QCOMPARE(e.uuid, dialog.entry().uuid);
        QVERIFY(!e.warnings.isEmpty());
        QCOMPARE(e.warnings.first().kind, QStringLiteral("allergy"));
        QVERIFY(e.warnings.first().overridden);
    }

    void notGivenNeedsAReason()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kMaxId);
        QVERIFY(chart.ok());
        const ui::RecordEnv env{*session, f.clock(), GuiFixture::kDowntimeId};
        ui::AdministrationDialog dialog(env, *chart, chart->orders.first());
        dialog.outcomeBox()->setCurrentIndex(1); // not given
        QVERIFY(dialog.reasonField()->isEnabled());
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(dialog.problem().contains(QStringLiteral("reason")));
        dialog.reasonField()->setText(QStringLiteral("patient refused"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.entry().resource.value(QStringLiteral("status")).toString(), QStringLiteral("not-done"));
    }

    void nurseCannotAnnotateOrResolve()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        QVERIFY(desktop.openChart(GuiFixture::kErikaId).ok());
        ui::ChartRecorder* recorder = desktop.chartRecorder();
        QVERIFY(recorder);
        QVERIFY(!recorder->annotateButton()); // not offered
        bool opened = false;
        connect(recorder, &ui::ChartRecorder::dialogOpened, this, [&opened] { opened = true; });
        const Status annotated = recorder->annotate(QStringLiteral("mr-erika-meto"));
        QVERIFY(!annotated.ok());
        QCOMPARE(annotated.error().code, ErrorCode::Denied);
        QVERIFY(!opened);
        QCOMPARE(ui::AnnotationDialog::mayOpen({desktop.session(), f.clock(), GuiFixture::kDowntimeId}).error().code, ErrorCode::Denied);

        // A note recorded by the nurse and put in conflict by the uploader: the nurse sees it, cannot decide.
        ui::NoteDialog note({desktop.session(), f.clock(), GuiFixture::kDowntimeId}, GuiFixture::kErikaId);
        note.textField()->setPlainText(QStringLiteral("Refused breakfast."));
        note.accept();
        QCOMPARE(note.result(), int(QDialog::Accepted));
        vault::OutboxRepository outbox(desktop.session().vault().db());
        QVERIFY(outbox.markConflict(note.entry().uuid, record::ConflictReason::ServerRejected, QStringLiteral("422"),
                                    f.clock().now()).ok());
        QVERIFY(desktop.showReconciliation().ok());
        ui::ReconcileView* view = desktop.reconcileView();
        QVERIFY(view);
        QVERIFY(view->selectEntry(note.entry().uuid));
        QVERIFY(view->duplicateButton()->isHidden());
        QVERIFY(view->uploadAnywayButton()->isHidden());
        QVERIFY(!view->amendButton()->isEnabled());
        const Status decided = view->decide(record::Decision::MarkDuplicate, note.entry().uuid);
        QVERIFY(!decided.ok());
        QCOMPARE(decided.error().code, ErrorCode::Denied);
        QCOMPARE((*outbox.item(note.entry().uuid))->state, record::EntryState::Conflict);
        QVERIFY(!view->amend(note.entry().uuid).ok());
    }

    void physicianAnnotationIsShownToEveryone()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        {
            auto session = f.unlockPhysician();
            QVERIFY(session);
            ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
            QVERIFY(desktop.reloadCensus().ok());
            QVERIFY(desktop.openChart(GuiFixture::kErikaId).ok());
            ui::ChartRecorder* recorder = desktop.chartRecorder();
            QVERIFY(recorder && recorder->annotateButton());
            connect(recorder, &ui::ChartRecorder::dialogOpened, this, [](QWidget* w) {
                auto* dialog = qobject_cast<ui::AnnotationDialog*>(w);
                QVERIFY(dialog);
                QTimer::singleShot(0, dialog, [dialog] {
                    dialog->kindBox()->setCurrentIndex(0); // hold
                    dialog->textField()->setPlainText(QStringLiteral("Hold while HR < 55"));
                    dialog->accept();
                });
            });
            QVERIFY(recorder->annotate(QStringLiteral("mr-erika-meto")).ok());
        }
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        QVERIFY(desktop.openChart(GuiFixture::kErikaId).ok());
        ui::MedicationPlanModel* plan = desktop.chartView()->activePlan();
        QString status;
        for (int r = 0; r < plan->rowCount(); ++r) {
            if (plan->orderAt(r)->meta.id == QLatin1String("mr-erika-meto"))
                status = plan->index(r, ui::MedicationPlanModel::Status).data().toString();
        }
        QVERIFY2(status.contains(QStringLiteral("HOLD: Hold while HR < 55")), qPrintable(status));
        ui::MarModel* mar = desktop.chartView()->mar();
        bool onMar = false;
        for (int r = 0; r < mar->rowCount(); ++r) {
            if (mar->index(r, 0).data(ui::MarModel::OrderIdRole).toString() == QLatin1String("mr-erika-meto"))
                onMar = mar->index(r, 0).data().toString().contains(QStringLiteral("HOLD: Hold while HR < 55"));
        }
        QVERIFY(onMar);
    }
};

QTEST_MAIN(TestGuiRecord)
#include "test_gui_record.moc"
