// Recording during downtime from the chart: the administration dialog stores
// the entry in the outbox before it confirms; the chart (plan, MAR) and the
// census badge show it at once; safety warnings must be confirmed one by
// one; a high-alert drug given needs a witness; annotations are a
// physician's; a nurse cannot decide conflicts; who recorded is shown by
// name; downtime admission lists wards by name.

#include "GuiFixture.h"
#include "app/WardDesktop.h"
#include "census/CensusModel.h"
#include "chart/ChartView.h"
#include "chart/MarModel.h"
#include "chart/MedicationPlanModel.h"
#include "import/Importer.h"
#include "reconcile/ReconcileView.h"
#include "record/AdministrationDialog.h"
#include "record/ChartRecorder.h"
#include "record/RecordEnv.h"
#include "record/SafetyWarningPanel.h"
#include "record/SimpleRecordDialogs.h"
#include "records/PatientRecords.h"
#include "vault/OutboxRepository.h"

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

const QString kDowntime = QStringLiteral("5f2b8c1e-0d4a-4c7e-9a51-3b6e2f1d9c07");

sync::MirrorStatus downtimeStatus(const QDateTime& now)
{
    sync::MirrorStatus s;
    s.state = sync::EhrState::Downtime;
    sync::DowntimeRecord d;
    d.id = QUuid(kDowntime);
    d.start = now.addSecs(-3600);
    s.downtime = d;
    s.stateSince = d.start;
    s.dataAsOf = now.addSecs(-3700);
    return s;
}

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
        ui::WardDesktop desktop(std::move(session), f.clock(), downtimeStatus(f.clock().now()));
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
        QCOMPARE(it.entry.downtimeId, kDowntime);

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
        const ui::RecordEnv env{*session, f.clock(), kDowntime};
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
        const ui::RecordEnv env{*session, f.clock(), kDowntime};
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
        ui::WardDesktop desktop(std::move(session), f.clock(), downtimeStatus(f.clock().now()));
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
        QCOMPARE(ui::AnnotationDialog::mayOpen({desktop.session(), f.clock(), kDowntime}).error().code, ErrorCode::Denied);

        // A note recorded by the nurse and put in conflict by the uploader: the nurse sees it, cannot decide.
        ui::NoteDialog note({desktop.session(), f.clock(), kDowntime}, GuiFixture::kErikaId);
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
            ui::WardDesktop desktop(std::move(session), f.clock(), downtimeStatus(f.clock().now()));
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
        ui::WardDesktop desktop(std::move(session), f.clock(), downtimeStatus(f.clock().now()));
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

    void highAlertGivenNeedsAWitness()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kMaxId);
        QVERIFY(chart.ok());
        const model::MedicationOrder& enoxaparin = chart->orders.first(); // high-alert (heparin class)
        QVERIFY(ui::AdministrationDialog::isHighAlert(enoxaparin));
        const ui::RecordEnv env{*session, f.clock(), kDowntime};
        vault::OutboxRepository outbox(session->vault().db());

        ui::AdministrationDialog dialog(env, *chart, enoxaparin);
        QVERIFY(dialog.needsWitness());
        QVERIFY(dialog.warnings()->warnings().isEmpty()); // nothing else stands in the way
        // Without a witness: refused, and the dialog says why.
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().contains(QStringLiteral("high-alert")) && dialog.problem().contains(QStringLiteral("witness")),
                 qPrintable(dialog.problem()));
        QVERIFY(outbox.items({})->isEmpty());
        // Not oneself.
        dialog.witnessField()->setText(GuiFixture::kNurse);
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().contains(QStringLiteral("second person")), qPrintable(dialog.problem()));
        // Not someone this device does not know.
        dialog.witnessField()->setText(QStringLiteral("nobody.here"));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().contains(QStringLiteral("not a user")), qPrintable(dialog.problem()));
        QVERIFY(outbox.items({})->isEmpty());
        // Another user: recorded, with the witness, shown by name as it is typed.
        dialog.witnessField()->setText(GuiFixture::kPhysician);
        QCOMPARE(dialog.witnessNameLabel()->text(), QStringLiteral("Dr. Paul Berger"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.entry().witness, GuiFixture::kPhysician);
        QCOMPARE(dialog.entry().resource.value(QStringLiteral("performer")).toArray().size(), 2);

        // Not given needs no witness.
        ui::AdministrationDialog notGiven(env, *chart, enoxaparin);
        notGiven.outcomeBox()->setCurrentIndex(notGiven.outcomeBox()->findData(int(record::AdministrationOutcome::NotGiven)));
        QVERIFY(!notGiven.needsWitness());
        notGiven.reasonField()->setText(QStringLiteral("patient refused"));
        notGiven.accept();
        QCOMPARE(notGiven.result(), int(QDialog::Accepted));
        QVERIFY(notGiven.entry().witness.isEmpty());
    }

    void recordedByShowsTheDisplayName()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        {
            auto session = f.unlockPhysician();
            QVERIFY(session);
            const ui::RecordEnv env{*session, f.clock(), kDowntime};
            ui::AnnotationDialog hold(env, GuiFixture::kErikaId, QStringLiteral("mr-erika-meto"), QStringLiteral("Metoprolol"));
            hold.kindBox()->setCurrentIndex(0); // hold
            hold.textField()->setPlainText(QStringLiteral("Hold while HR < 55"));
            hold.accept();
            QCOMPARE(hold.result(), int(QDialog::Accepted));
            ui::NoteDialog note(env, GuiFixture::kErikaId);
            note.textField()->setPlainText(QStringLiteral("Seen on the ward round."));
            note.accept();
            QCOMPARE(note.result(), int(QDialog::Accepted));
            QCOMPARE(note.entry().author, GuiFixture::kPhysician); // stored by username, as ever
        }
        // The chart as the desktop shows it (WardDesktop::showChart): the view, then its recorder.
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto erika = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(erika.ok());
        auto* chart = new ui::ChartView(*erika, QStringLiteral("Station 3A"), QStringLiteral("3A-01"), f.clock());
        std::unique_ptr<ui::ChartView> owner(chart);
        new ui::ChartRecorder({*session, f.clock(), kDowntime}, *erika, chart);

        QString planStatus;
        ui::MedicationPlanModel* plan = chart->activePlan();
        for (int r = 0; r < plan->rowCount(); ++r) {
            if (plan->orderAt(r)->meta.id == QLatin1String("mr-erika-meto"))
                planStatus = plan->index(r, ui::MedicationPlanModel::Status).data().toString();
        }
        QVERIFY2(planStatus.contains(QStringLiteral("(Dr. Paul Berger, ")), qPrintable(planStatus));
        QVERIFY(!planStatus.contains(GuiFixture::kPhysician));

        QString marLabel;
        ui::MarModel* mar = chart->mar();
        for (int r = 0; r < mar->rowCount(); ++r) {
            if (mar->index(r, 0).data(ui::MarModel::OrderIdRole).toString() == QLatin1String("mr-erika-meto"))
                marLabel = mar->index(r, 0).data().toString();
        }
        QVERIFY2(marLabel.contains(QStringLiteral("(Dr. Paul Berger, ")), qPrintable(marLabel));
        QVERIFY(!marLabel.contains(GuiFixture::kPhysician));

        auto* notes = qobject_cast<QTextBrowser*>(chart->tabs()->widget(ui::ChartView::NotesTab));
        QVERIFY(notes);
        const QString notesText = notes->toPlainText();
        QVERIFY2(notesText.contains(QStringLiteral("Dr. Paul Berger")), qPrintable(notesText));
        QVERIFY(!notesText.contains(GuiFixture::kPhysician));
    }

    void admissionListsWardsByName()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), downtimeStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        // The desktop offers the nurse's wards (ward-3a); the dialog names them.
        QStringList shown;
        QStringList ids;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<ui::AdmissionDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            for (int i = 0; i < dialog->wardBox()->count(); ++i) {
                shown << dialog->wardBox()->itemText(i);
                ids << dialog->wardBox()->itemData(i).toString();
            }
            dialog->reject();
        });
        poll.start(10);
        desktop.admitPatient();
        poll.stop();
        QCOMPARE(shown, QStringList{QStringLiteral("Station 3A")});
        QCOMPARE(ids, QStringList{QStringLiteral("ward-3a")});

        // A ward the vault holds no Location for keeps its id; a name given by the caller is kept.
        const ui::RecordEnv env{desktop.session(), f.clock(), kDowntime};
        ui::AdmissionDialog dialog(env, {{QStringLiteral("ward-9z"), QStringLiteral("ward-9z")},
                                         {QStringLiteral("ward-3a"), QStringLiteral("3A Innere")}});
        QCOMPARE(dialog.wardBox()->itemText(0), QStringLiteral("ward-9z"));
        QCOMPARE(dialog.wardBox()->itemText(1), QStringLiteral("3A Innere"));
        QCOMPARE(dialog.wardBox()->itemData(1).toString(), QStringLiteral("ward-3a"));
    }

    void admissionNeedsARange()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        const ui::RecordEnv env{*session, f.clock(), kDowntime};
        ui::AdmissionDialog dialog(env, {{QStringLiteral("ward-3a"), QStringLiteral("Station 3A")}});
        dialog.familyField()->setText(QStringLiteral("Unbekannt"));
        dialog.givenField()->setText(QStringLiteral("Frau"));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY2(dialog.problem().contains(QStringLiteral("range")), qPrintable(dialog.problem()));

        vault::DowntimeIdRange range{QStringLiteral("urn:oid:1.2.276.0.76.4.8"), QStringLiteral("DT-"), 500, 599, 500};
        QVERIFY(vault::DowntimeIdRangeRepository(session->vault().db()).configure(range).ok());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QString id = ui::AdmissionDialog::identifierOf(dialog.entry());
        QVERIFY2(id.startsWith(QStringLiteral("DT-")), qPrintable(id));
    }
};

QTEST_MAIN(TestGuiRecord)
#include "test_gui_record.moc"
