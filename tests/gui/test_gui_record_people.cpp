// Who records during downtime: a high-alert drug given needs a real witness,
// the chart shows who recorded by name (not the username), and a downtime
// admission lists wards by name and needs the device's number range.

#include "GuiFixture.h"
#include "ui/app/WardDesktop.h"
#include "ui/chart/ChartView.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
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
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTest>
#include <QTimer>

using namespace lantern;
using lantern::test::GuiFixture;

class TestGuiRecordPeople : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
        const ui::RecordEnv env{*session, f.clock(), GuiFixture::kDowntimeId};
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
            const ui::RecordEnv env{*session, f.clock(), GuiFixture::kDowntimeId};
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
        new ui::ChartRecorder({*session, f.clock(), GuiFixture::kDowntimeId}, *erika, chart);

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
        ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
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
        const ui::RecordEnv env{desktop.session(), f.clock(), GuiFixture::kDowntimeId};
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
        const ui::RecordEnv env{*session, f.clock(), GuiFixture::kDowntimeId};
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

QTEST_MAIN(TestGuiRecordPeople)
#include "test_gui_record_people.moc"
