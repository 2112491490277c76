// The reconciliation view: a thin model over the outbox (checked with
// QAbstractItemModelTester), filters by state and downtime, a physician's
// decisions through core (mark duplicate, amend), and the report PDF with the
// usual header and footer on every page.

#include "GuiFixture.h"
#include "ui/app/WardDesktop.h"
#include "core/audit/AuditLog.h"
#include "ui/reconcile/OutboxModel.h"
#include "ui/reconcile/ReconcileView.h"
#include "core/record/ConflictResolver.h"
#include "ui/record/RecordEnv.h"
#include "ui/record/SimpleRecordDialogs.h"
#include "core/vault/OutboxRepository.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

const QString kDowntimeA = QStringLiteral("5f2b8c1e-0d4a-4c7e-9a51-3b6e2f1d9c07");
const QString kDowntimeB = QStringLiteral("9d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6");

sync::MirrorStatus recoveredStatus(const QDateTime& now)
{
    sync::MirrorStatus s;
    s.state = sync::EhrState::Online;
    s.dataAsOf = now.addSecs(-120);
    return s;
}

QString recordNote(access::Session& session, const Clock& clock, const QString& downtime, const QString& patient,
                   const QString& text)
{
    auto e = record::Recorder(session.vault(), session.user().username, session.vaultId(), downtime, clock)
                 .recordNote({patient, record::NoteCategory::Nursing, text, {}, {}});
    return e.ok() ? e->uuid : QString();
}

int pageCount(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    p.waitForFinished(30000);
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(QString::fromUtf8(p.readAllStandardOutput()));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pageText(const QString& pdf, int page)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                          QString::number(page), QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Five notes in two downtimes: one uploaded, one in conflict, three pending.
struct Entries
{
    QString conflict, uploaded, pendingA, pendingB, otherDowntime;
};

Entries seed(access::Session& session, const Clock& clock)
{
    Entries e;
    e.conflict = recordNote(session, clock, kDowntimeA, GuiFixture::kErikaId, QStringLiteral("Dizzy after standing up."));
    e.uploaded = recordNote(session, clock, kDowntimeA, GuiFixture::kMaxId, QStringLiteral("Slept well."));
    e.pendingA = recordNote(session, clock, kDowntimeA, GuiFixture::kLenaId, QStringLiteral("Nausea."));
    e.pendingB = recordNote(session, clock, kDowntimeA, GuiFixture::kErikaId, QStringLiteral("Ate lunch."));
    e.otherDowntime = recordNote(session, clock, kDowntimeB, GuiFixture::kMaxId, QStringLiteral("Walked."));
    vault::OutboxRepository outbox(session.vault().db());
    (void)outbox.markConflict(e.conflict, record::ConflictReason::PossibleDuplicate,
                              QStringLiteral("DocumentReference/dr-77 within 60 min"), clock.now());
    (void)outbox.markUploaded(e.uploaded, QStringLiteral("dr-12"), QStringLiteral("1"), clock.now());
    return e;
}

} // namespace

class TestGuiReconcile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelPassesTheTesterAndFilters()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        const Entries e = seed(*session, f.clock());
        QVERIFY(!e.otherDowntime.isEmpty());

        ui::OutboxModel model(session->vault());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 5);

        model.setStateFilter(record::EntryState::Conflict);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(ui::OutboxModel::UuidRole).toString(), e.conflict);
        const QString reason = model.index(0, ui::OutboxModel::Conflict).data().toString();
        QVERIFY2(reason.contains(QStringLiteral("Possible duplicate")) && reason.contains(QStringLiteral("dr-77")),
                 qPrintable(reason));
        QCOMPARE(model.index(0, ui::OutboxModel::Decision).data().toString(), QStringLiteral("open"));
        QVERIFY(model.index(0, ui::OutboxModel::Patient).data().toString().contains(QStringLiteral("MUSTERMANN")) ||
                model.index(0, ui::OutboxModel::Patient).data().toString() == GuiFixture::kErikaId);

        model.setStateFilter(record::EntryState::Pending);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 3);
        model.setDowntimeFilter(kDowntimeA);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 2);
        model.setStateFilter(std::nullopt);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 4);
        model.setDowntimeFilter(kDowntimeB);
        QVERIFY(model.reload().ok());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(ui::OutboxModel::UuidRole).toString(), e.otherDowntime);
    }

    void viewFiltersAndPhysicianMarksDuplicate()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        Entries e;
        {
            auto nurse = f.unlockNurse();
            QVERIFY(nurse);
            e = seed(*nurse, f.clock());
        }
        auto session = f.unlockPhysician();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), recoveredStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        QVERIFY(desktop.showReconciliation().ok());
        ui::ReconcileView* view = desktop.reconcileView();
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), 5);
        QCOMPARE(view->downtimeFilter()->count(), 3); // all, A, B

        view->stateFilter()->setCurrentIndex(view->stateFilter()->findData(int(record::EntryState::Conflict)));
        QCOMPARE(view->model()->rowCount(), 1);
        view->downtimeFilter()->setCurrentIndex(view->downtimeFilter()->findData(kDowntimeB));
        QCOMPARE(view->model()->rowCount(), 0);
        view->downtimeFilter()->setCurrentIndex(view->downtimeFilter()->findData(kDowntimeA));
        QCOMPARE(view->model()->rowCount(), 1);

        QVERIFY(view->selectEntry(e.conflict));
        QVERIFY(view->duplicateButton()->isEnabled());
        QVERIFY(view->uploadAnywayButton()->isEnabled());
        QVERIFY(view->amendButton()->isEnabled());
        QVERIFY(view->decide(record::Decision::MarkDuplicate).ok());
        QCOMPARE(view->model()->rowCount(), 0); // no longer in conflict

        view->stateFilter()->setCurrentIndex(0);
        const int row = view->model()->rowOf(e.conflict);
        QVERIFY(row >= 0);
        QCOMPARE(view->model()->index(row, ui::OutboxModel::State).data().toString(), QStringLiteral("Duplicate"));
        QVERIFY(view->model()->index(row, ui::OutboxModel::Decision).data().toString().contains(GuiFixture::kPhysician));
        auto item = vault::OutboxRepository(desktop.session().vault().db()).item(e.conflict);
        QCOMPARE((*item)->state, record::EntryState::Duplicate);
        QCOMPARE((*item)->decidedBy, GuiFixture::kPhysician);
        auto head = audit::AuditLog(desktop.session().vault(), f.clock()).head();
        QVERIFY(head.ok() && head->has_value());
        QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::ResolveConflict));
        QCOMPARE((*head)->actor, GuiFixture::kPhysician);

        // A decided entry cannot be decided again.
        QVERIFY(!view->decide(record::Decision::UploadAnyway, e.conflict).ok());
    }

    void physicianAmendsAConflict()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockPhysician();
        QVERIFY(session);
        const Entries e = seed(*session, f.clock());
        const ui::RecordEnv env{*session, f.clock(), kDowntimeA};
        ui::ReconcileView view(env, recoveredStatus(f.clock().now()));
        QVERIFY(view.selectEntry(e.conflict));
        connect(&view, &ui::ReconcileView::dialogOpened, this, [](QWidget* w) {
            auto* dialog = qobject_cast<ui::NoteDialog*>(w);
            QVERIFY(dialog);
            QTimer::singleShot(0, dialog, [dialog] {
                QCOMPARE(dialog->textField()->toPlainText(), QStringLiteral("Dizzy after standing up."));
                dialog->textField()->setPlainText(QStringLiteral("Dizzy after standing up; BP 95/60."));
                dialog->accept();
            });
        });
        QVERIFY(view.amend().ok());
        vault::OutboxRepository outbox(session->vault().db());
        QCOMPARE((*outbox.item(e.conflict))->state, record::EntryState::Superseded);
        auto amending = outbox.correctionOf(e.conflict);
        QVERIFY(amending.ok() && amending->has_value());
        QCOMPARE((*amending)->state, record::EntryState::Pending);
        QCOMPARE((*amending)->entry.author, GuiFixture::kPhysician);
    }

    void reportPdfCarriesHeaderAndFooterOnEveryPage()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockPhysician();
        QVERIFY(session);
        const Entries e = seed(*session, f.clock());
        QVERIFY(record::ConflictResolver(session->vault(), GuiFixture::kPhysician, f.clock())
                    .decide(e.conflict, record::Decision::MarkDuplicate, QStringLiteral("back-charted from paper"))
                    .ok());
        // Enough entries for more than one page.
        for (int i = 0; i < 40; ++i)
            QVERIFY(!recordNote(*session, f.clock(), kDowntimeA, GuiFixture::kLenaId, QStringLiteral("Round %1").arg(i)).isEmpty());
        const ui::RecordEnv env{*session, f.clock(), QString()};
        ui::ReconcileView view(env, recoveredStatus(f.clock().now()));
        view.downtimeFilter()->setCurrentIndex(view.downtimeFilter()->findData(kDowntimeA));
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("report.pdf"));
        auto pages = view.printReportToPdf(pdf);
        QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
        QVERIFY(*pages >= 2);
        QCOMPARE(pageCount(pdf), *pages);
        QString all;
        for (int p = 1; p <= *pages; ++p) {
            const QString text = pageText(pdf, p);
            QVERIFY2(text.contains(QStringLiteral("Data as of")), qPrintable(text));
            QVERIFY2(text.contains(kDowntimeA), qPrintable(text));
            QVERIFY(text.contains(QStringLiteral("Printed by Dr. Paul Berger (paul.berger) on 01.03.2026")));
            QVERIFY(text.contains(QStringLiteral("Page %1 of %2").arg(p).arg(*pages)));
            all += text;
        }
        QVERIFY(!all.contains(kDowntimeB));
        QVERIFY(all.contains(QStringLiteral("Possible duplicate")));
        QVERIFY(all.contains(QStringLiteral("Marked duplicate by paul.berger")));
        QVERIFY(all.contains(QStringLiteral("MUSTERMANN, Erika")));
        QVERIFY(!all.contains(QStringLiteral("Dizzy"))); // no note texts on the report

        auto head = audit::AuditLog(session->vault(), f.clock()).head();
        QVERIFY(head.ok() && head->has_value());
        QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::Print));
        QCOMPARE((*head)->detail, QStringLiteral("reconcile-report"));
    }
};

QTEST_MAIN(TestGuiReconcile)
#include "test_gui_reconcile.moc"
