// A downtime drill on the desktop (#12 item 3): the Drill menu is IT's alone;
// once IT starts a drill every desktop's banner says "DRILL — not for clinical
// use" in downtime red, every page a nurse prints carries the mark, and IT ends
// the drill from the menu with its report as PDF (the mark on every page too).
// Set LANTERN_DRILL_KEEP=DIR to keep the PDFs for a look (pdftoppm).

#include "GuiFixture.h"
#include "GuiUnlock.h"
#include "PdfText.h"

#include "core/drill/Drill.h"
#include "ui/app/MainWindow.h"
#include "ui/app/WardDesktop.h"
#include "ui/banner/StatusBanner.h"
#include "ui/drill/DrillMenu.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

const QString kAdmin = QStringLiteral("it-admin");
const QString kAdminPass = QStringLiteral("Lantern-ward-3B-night-shift"); // as GuiFixture makes it

bool unlock(ui::MainWindow& w, const QString& user, const QString& pass)
{
    return test::unlockWindow(w, user, pass);
}

void keep(const QString& pdf, const QString& name)
{
    const QString dir = qEnvironmentVariable("LANTERN_DRILL_KEEP");
    if (!dir.isEmpty()) {
        QFile::remove(dir + QLatin1Char('/') + name);
        QFile::copy(pdf, dir + QLatin1Char('/') + name);
    }
}

QString bannerState(ui::MainWindow& w)
{
    auto* banner = w.desktop() ? w.desktop()->findChild<ui::StatusBanner*>() : nullptr;
    return banner ? banner->stateText() : QString();
}

} // namespace

class TestGuiDrill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void drillFromTheMenuMarksScreensAndPages();
};

void TestGuiDrill::drillFromTheMenuMarksScreensAndPages()
{
    GuiFixture fixture;
    QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
    QTemporaryDir out;
    ui::MainWindow window(fixture.access(), fixture.directory(), fixture.clock());
    window.setFollowInterval(200, 3600);
    QVERIFY(!window.drillMenu()->menu()->menuAction()->isVisible()); // locked

    // IT starts the drill.
    QVERIFY(unlock(window, kAdmin, kAdminPass));
    QVERIFY(window.drillMenu()->menu()->menuAction()->isVisible());
    QVERIFY(window.drillMenu()->startAction()->isEnabled());
    QVERIFY(!window.drillMenu()->endAction()->isEnabled());
    const Status started = window.drillMenu()->startDrill();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    QVERIFY(QTest::qWaitFor([&] { return bannerState(window).contains(drill::drillMark()); }, 20000));
    QVERIFY(window.drillMenu()->endAction()->isEnabled());
    QVERIFY(!window.drillMenu()->startAction()->isEnabled());
    window.lock();

    // The nurse's desktop: downtime red, marked DRILL; no Drill menu.
    QVERIFY(unlock(window, GuiFixture::kNurse, GuiFixture::kNursePass));
    QVERIFY(!window.drillMenu()->menu()->menuAction()->isVisible());
    QVERIFY(QTest::qWaitFor([&] { return bannerState(window).contains(drill::drillMark()); }, 20000));
    auto* banner = window.desktop()->findChild<ui::StatusBanner*>();
    QCOMPARE(banner->level(), ui::StatusBanner::Level::Downtime);
    QVERIFY(window.desktop()->reloadCensus().ok());
    QVERIFY(window.desktop()->openChart(GuiFixture::kErikaId).ok());
    for (const auto what : {ui::WardDesktop::Printout::WardMar, ui::WardDesktop::Printout::Census}) {
        const QString pdf = out.filePath(QStringLiteral("print-%1.pdf").arg(int(what)));
        auto pages = window.desktop()->printToPdf(what, {}, pdf);
        QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
        QCOMPARE(test::pdfPageCount(pdf), *pages);
        QVERIFY(*pages >= 1);
        for (int p = 1; p <= *pages; ++p) {
            const QString text = test::pdfPageText(pdf, p);
            // Twice on every page: centred on top, and in the state line.
            QVERIFY2(text.count(drill::drillMark()) >= 2, qPrintable(text));
        }
        keep(pdf, QStringLiteral("drill-print-%1.pdf").arg(int(what)));
    }
    window.lock();

    // IT ends the drill with its report.
    QVERIFY(unlock(window, kAdmin, kAdminPass));
    const QString report = out.filePath(QStringLiteral("report.pdf"));
    auto ended = window.drillMenu()->endDrill(report);
    QVERIFY2(ended.ok(), ended.ok() ? "" : qPrintable(ended.error().message));
    QCOMPARE(*ended, 0);
    const int pages = test::pdfPageCount(report);
    QVERIFY(pages >= 1);
    for (int p = 1; p <= pages; ++p)
        QVERIFY2(test::pdfPageText(report, p).contains(drill::drillMark()), qPrintable(test::pdfPageText(report, p)));
    const QString first = test::pdfPageText(report, 1);
    QVERIFY2(first.contains(GuiFixture::kNurse) && first.contains(QStringLiteral("Printouts made")), qPrintable(first));
    QCOMPARE(int(QFile::permissions(report) & 0x0777), int(QFileDevice::ReadUser | QFileDevice::WriteUser));
    keep(report, QStringLiteral("drill-report.pdf"));
    QVERIFY(QTest::qWaitFor([&] { return !bannerState(window).contains(drill::drillMark()); }, 20000));
    QVERIFY(window.drillMenu()->startAction()->isEnabled());
}

QTEST_MAIN(TestGuiDrill)
#include "test_gui_drill.moc"
