// Renders every screen and printout of a synthetic ward into a folder, for
// tests/gui/screenshots.sh and for reviewing the look. Usage:
//   lantern_screenshots OUTDIR [de|en]

#include "GuiFixture.h"
#include "ui/access/UnlockScreen.h"
#include "ui/app/MainWindow.h"
#include "ui/app/Translations.h"
#include "ui/app/WardDesktop.h"
#include "ui/chart/ChartView.h"
#include "core/common/Bootstrap.h"
#include "core/import/Importer.h"
#include "ui/reconcile/OutboxModel.h"
#include "ui/reconcile/ReconcileView.h"
#include "ui/record/AdministrationDialog.h"
#include "ui/record/ChartRecorder.h"
#include "ui/record/SafetyWarningPanel.h"
#include "core/vault/OutboxRepository.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

bool save(QWidget& w, const QString& dir, const QString& name)
{
    QApplication::processEvents();
    const bool ok = w.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    std::fprintf(stderr, "%s %s\n", ok ? "saved" : "FAILED", qPrintable(name));
    return ok;
}

// An amoxicillin order for Erika (penicillin allergy): the record dialog warns.
QByteArray amoxicillinBundle()
{
    const QJsonObject atc{{QStringLiteral("system"), QStringLiteral("http://www.whocc.no/atc")},
                          {QStringLiteral("code"), QStringLiteral("J01CA04")}, {QStringLiteral("display"), QStringLiteral("Amoxicillin")}};
    const QJsonObject dose{{QStringLiteral("value"), 1000}, {QStringLiteral("unit"), QStringLiteral("mg")}};
    const QJsonObject order{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")}, {QStringLiteral("id"), QStringLiteral("mr-erika-amox")},
        {QStringLiteral("status"), QStringLiteral("active")}, {QStringLiteral("intent"), QStringLiteral("order")},
        {QStringLiteral("medicationCodeableConcept"),
         QJsonObject{{QStringLiteral("coding"), QJsonArray{atc}}, {QStringLiteral("text"), QStringLiteral("Amoxicillin 1000 mg")}}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QStringLiteral("Patient/p-erika")}}},
        {QStringLiteral("authoredOn"), QStringLiteral("2026-02-28T09:00:00Z")},
        {QStringLiteral("dosageInstruction"),
         QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("1000 mg three times daily")},
                                {QStringLiteral("route"), QJsonObject{{QStringLiteral("text"), QStringLiteral("oral")}}},
                                {QStringLiteral("doseAndRate"), QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"), dose}}}}}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("resource"), order}}}}})
        .toJson(QJsonDocument::Compact);
}

// Recording in downtime and reconciling afterwards: the record dialog with
// its allergy warning, the chart marking what is not yet in the EHR, the
// reconciliation view (as a physician) with a conflict, and the report PDF.
void recordAndReconcile(ui::MainWindow& window, GuiFixture& fixture, const QString& downtimeId, const QString& out,
                        const QString& suffix)
{
    ui::WardDesktop* desktop = window.desktop();
    (void)import::Importer(desktop->session().vault()).importJson(amoxicillinBundle(), QStringLiteral("screenshots"));
    (void)desktop->refreshData();
    (void)desktop->openChart(GuiFixture::kErikaId, ui::ChartView::PlanTab);
    ui::ChartRecorder* recorder = desktop->chartRecorder();
    QObject::connect(recorder, &ui::ChartRecorder::dialogOpened, recorder, [&out, &suffix](QWidget* w) {
        auto* dialog = qobject_cast<ui::AdministrationDialog*>(w);
        if (!dialog)
            return;
        QTimer::singleShot(200, dialog, [dialog, out, suffix] {
            save(*dialog, out, QStringLiteral("07-record-warning") + suffix);
            dialog->warnings()->confirmAll();
            dialog->accept();
        });
    });
    (void)recorder->administer(QStringLiteral("mr-erika-amox"));
    save(window, out, QStringLiteral("07-chart-recorded") + suffix);
    (void)desktop->openChart(GuiFixture::kErikaId, ui::ChartView::MarTab);
    save(window, out, QStringLiteral("07-mar-recorded") + suffix);

    // A note on Max, and the uploader finding a back-charted duplicate of the dose.
    (void)record::Recorder(desktop->session().vault(), GuiFixture::kNurse, desktop->session().vaultId(),
                           downtimeId, fixture.clock())
        .recordNote({GuiFixture::kMaxId, record::NoteCategory::Nursing, QStringLiteral("Slept well."), {}, {}});
    vault::OutboxRepository outbox(desktop->session().vault().db());
    auto items = outbox.items({});
    if (items.ok()) {
        for (const record::OutboxItem& it : std::as_const(*items)) {
            if (it.entry.kind == record::EntryKind::Administration)
                (void)outbox.markConflict(it.entry.uuid, record::ConflictReason::PossibleDuplicate,
                                          QStringLiteral("MedicationAdministration/ma-991 (10:02, back-charted)"),
                                          fixture.clock().now());
        }
    }
    (void)desktop->reloadCensus();
    desktop->showCensus();
    save(window, out, QStringLiteral("07-census-pending") + suffix);

    window.lock(QStringLiteral("manual"));
    QApplication::processEvents();
    window.unlockScreen()->usernameField()->setText(GuiFixture::kPhysician);
    window.unlockScreen()->passphraseField()->setText(GuiFixture::kPhysicianPass);
    window.unlockScreen()->attemptUnlock();
    if (!QTest::qWaitFor([&] { return !window.isLocked(); }, 30000))
        return;
    desktop = window.desktop();
    (void)desktop->showReconciliation();
    ui::ReconcileView* view = desktop->reconcileView();
    view->downtimeFilter()->setCurrentIndex(view->downtimeFilter()->findData(downtimeId));
    view->table()->selectRow(0);
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->itemAt(r)->state == record::EntryState::Conflict)
            view->table()->selectRow(r);
    }
    save(window, out, QStringLiteral("08-reconciliation") + suffix);
    const QString pdf = out + QStringLiteral("/print-reconcile-report%1.pdf").arg(suffix);
    auto pages = view->printReportToPdf(pdf);
    std::fprintf(stderr, "%s %s (%d pages)\n", pages.ok() ? "printed" : "FAILED", qPrintable(pdf), pages.ok() ? *pages : 0);
}

} // namespace

int main(int argc, char* argv[])
{
    lantern::hardenProcess();
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: lantern_screenshots OUTDIR [de|en]\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(out);
    const QString lang = ui::installTranslations(app, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("en"));
    const QString suffix = lang == QLatin1String("de") ? QStringLiteral("-de") : QString();

    GuiFixture fixture;
    if (!fixture.ok()) {
        std::fprintf(stderr, "fixture: %s\n", qPrintable(fixture.error()));
        return 1;
    }
    ManualClock& clock = fixture.clock();
    sync::MirrorStatus online;
    online.state = sync::EhrState::Online;
    online.dataAsOf = clock.now().addSecs(-180);

    ui::MainWindow window(fixture.access(), fixture.directory(), clock);
    window.setStatus(online);
    window.resize(1366, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        std::fprintf(stderr, "window not exposed\n");
    window.unlockScreen()->usernameField()->setText(GuiFixture::kNurse);
    save(window, out, QStringLiteral("01-unlock") + suffix);

    window.unlockScreen()->passphraseField()->setText(GuiFixture::kNursePass);
    window.unlockScreen()->attemptUnlock();
    if (!QTest::qWaitFor([&] { return !window.isLocked(); }, 30000)) {
        std::fprintf(stderr, "unlock failed\n");
        return 1;
    }
    save(window, out, QStringLiteral("02-census") + suffix);

    ui::WardDesktop* desktop = window.desktop();
    const char* tabNames[] = {"plan", "mar", "allergies", "emergency", "notes"};
    const QString patients[] = {GuiFixture::kErikaId, GuiFixture::kMaxId, GuiFixture::kLenaId};
    for (const QString& id : patients) {
        for (int t = 0; t < 5; ++t) {
            if (id != GuiFixture::kErikaId && t != ui::ChartView::AllergyTab && t != ui::ChartView::EmergencyTab)
                continue;
            (void)desktop->openChart(id, t);
            save(window, out, QStringLiteral("03-chart-%1-%2%3").arg(id, QString::fromLatin1(tabNames[t]), suffix));
        }
    }

    sync::MirrorStatus downtime;
    downtime.state = sync::EhrState::Downtime;
    sync::DowntimeRecord record;
    record.id = QUuid::createUuid();
    record.start = clock.now().addSecs(-47 * 60);
    downtime.downtime = record;
    downtime.stateSince = record.start;
    downtime.dataAsOf = clock.now().addSecs(-52 * 60);
    window.setStatus(downtime);
    desktop->showCensus();
    save(window, out, QStringLiteral("04-downtime-census") + suffix);
    (void)desktop->openChart(GuiFixture::kErikaId, ui::ChartView::PlanTab);
    save(window, out, QStringLiteral("04-downtime-chart") + suffix);

    sync::MirrorStatus stale = online;
    stale.dataAsOf = clock.now().addSecs(-25 * 60);
    window.setStatus(stale);
    desktop->showCensus();
    save(window, out, QStringLiteral("05-stale-census") + suffix);

    window.setStatus(downtime);
    const struct
    {
        ui::WardDesktop::Printout what;
        const char* name;
        QString patient;
    } printouts[] = {{ui::WardDesktop::Printout::Mar, "mar", GuiFixture::kErikaId},
                     {ui::WardDesktop::Printout::WardMar, "ward-mar", {}},
                     {ui::WardDesktop::Printout::Census, "census", {}},
                     {ui::WardDesktop::Printout::EmergencySheet, "emergency-sheet", GuiFixture::kErikaId}};
    for (const auto& p : printouts) {
        const QString path = out + QStringLiteral("/print-%1%2.pdf").arg(QString::fromLatin1(p.name), suffix);
        auto pages = desktop->printToPdf(p.what, p.patient, path);
        std::fprintf(stderr, "%s %s (%d pages)\n", pages.ok() ? "printed" : "FAILED", qPrintable(path), pages.ok() ? *pages : 0);
    }

    window.lock(QStringLiteral("idle"));
    QApplication::processEvents();
    save(window, out, QStringLiteral("06-locked") + suffix);

    window.unlockScreen()->passphraseField()->setText(GuiFixture::kNursePass);
    window.unlockScreen()->attemptUnlock();
    if (QTest::qWaitFor([&] { return !window.isLocked(); }, 30000))
        recordAndReconcile(window, fixture, record.id.toString(QUuid::WithoutBraces), out, suffix);
    return 0;
}
