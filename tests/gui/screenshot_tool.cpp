// Renders every screen and printout of a synthetic ward into a folder, for
// tests/gui/screenshots.sh and for reviewing the look. Usage:
//   lantern_screenshots OUTDIR [de|en]

#include "GuiFixture.h"
#include "access/UnlockScreen.h"
#include "app/MainWindow.h"
#include "app/Translations.h"
#include "app/WardDesktop.h"
#include "chart/ChartView.h"
#include "common/Bootstrap.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QTabWidget>
#include <QTest>

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
    QTest::qWaitForWindowExposed(&window);
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
            desktop->openChart(id, t);
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
    desktop->openChart(GuiFixture::kErikaId, ui::ChartView::PlanTab);
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
    return 0;
}
