// The ward desktop at hospital scale: 5,000 simulated inpatients in a real
// vault. Two steps in two processes, so the GUI's peak RSS is not the data
// generator's:
//   bench_gui prepare DIR [PATIENTS]   simulator hospital (40 per ward) → Importer → vault in DIR
//   bench_gui run DIR                  the measurements below, one JSON line
// Measured (medians where repeated), each next to a baseline from the same run:
//   - unlock: Argon2id (VaultAccess::unlock with production costs) reported alone;
//     then session → census visible (WardDesktop, census query, ward scope, model,
//     first paint) vs a raw QTableView over a QStandardItemModel of the same rows;
//   - opening a chart (read, map, audit, build, paint) vs a plain SQLCipher read of
//     the same patient's resources (ResourceRepository::forPatient);
//   - census filter per keystroke (proxy filter + repaint) vs QSortFilterProxyModel
//     over the QStandardItemModel baseline;
//   - the MAR of a 40-bed ward to PDF vs the same HTML through one QTextDocument;
//   - peak RSS of the run process.
// Goals (printed by run.sh, never asserted): census ≤ 300 ms without Argon2id,
// chart ≤ 50 ms, keystroke ≤ 20 ms, RSS ≤ 200 MB, ward MAR ≤ 5 s.

#include "BenchLogging.h"
#include "core/access/VaultAccess.h"
#include "ui/app/WardDesktop.h"
#include "ui/census/CensusFilterProxy.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "core/common/Bootstrap.h"
#include "core/import/Importer.h"
#include "ui/print/ReportHtml.h"
#include "core/records/PatientRecords.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <Simulator.h>

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPdfWriter>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextDocument>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace lantern;

namespace {

const QString kAdmin = QStringLiteral("it.bench");
const QString kAll = QStringLiteral("n.allwards");   // every ward: the 5,000-row census
const QString kOne = QStringLiteral("n.ward1");      // one 40-bed ward: the ward MAR
const QString kPass = QStringLiteral("Bench-ward-desktop-2026-lantern");

int fail(const QString& message)
{
    std::fprintf(stderr, "bench_gui: %s\n", qPrintable(message));
    return 1;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// Resident now (VmRSS): unlike the peak, it no longer counts Argon2id's transient buffer.
double currentRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Draws the widget now (offscreen platform: a real raster paint).
void paintNow(QWidget* w)
{
    w->repaint();
    QCoreApplication::processEvents();
}

int prepare(const QString& dir, int patients)
{
    QElapsedTimer timer;
    timer.start();
    sim::SimulatorOptions options;
    options.generator.patientsPerWard = 40;
    options.generator.wards = std::max(1, (patients + 39) / 40);
    options.generator.seed = 5;
    sim::Simulator simulator(options);
    if (Status s = simulator.populate(); !s.ok())
        return fail(s.error().message);
    const auto snapshot = simulator.store().exportSnapshot({});
    QByteArray ndjson;
    qint64 resources = 0;
    for (auto it = snapshot.constBegin(); it != snapshot.constEnd(); ++it) {
        for (const QByteArray& json : it.value()) {
            ndjson += QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact) + '\n';
            ++resources;
        }
    }
    const double generatedMs = msSince(timer);

    access::VaultAccess access; // production Argon2id costs: the unlock figure must be real
    auto admin = access.initialise(dir, kAdmin, QStringLiteral("IT Bench"), kPass);
    if (!admin.ok())
        return fail(admin.error().message);
    QStringList wards;
    for (int w = 1; w <= options.generator.wards; ++w)
        wards << QStringLiteral("ward-%1").arg(w);
    const access::User all{kAll, QStringLiteral("Nurse All Wards"), access::Role::Nurse, wards, {}, false};
    const access::User one{kOne, QStringLiteral("Nurse Ward 1"), access::Role::Nurse, {QStringLiteral("ward-1")}, {}, false};
    for (const access::User& u : {all, one}) {
        if (Status s = access.addUser(*admin, u, kPass); !s.ok())
            return fail(s.error().message);
    }
    QBuffer buffer(&ndjson);
    buffer.open(QIODevice::ReadOnly);
    auto report = import::Importer(admin->vault()).importNdjson(buffer, QStringLiteral("simulator"));
    if (!report.ok())
        return fail(report.error().message);
    std::printf("{\"patients\": %d, \"resources\": %lld, \"stored\": %lld, \"seconds\": %.1f, \"generateSeconds\": %.1f}\n",
                options.generator.wards * 40, static_cast<long long>(resources), static_cast<long long>(report->stored),
                msSince(timer) / 1000.0, generatedMs / 1000.0);
    return 0;
}

int run(const QString& dir)
{
    QJsonObject out;
    access::VaultAccess access;

    // Argon2id (and opening the vault): what the person waits for after Enter.
    QElapsedTimer timer;
    timer.start();
    auto session = access.unlock(dir, kAll, kPass);
    if (!session.ok())
        return fail(session.error().message);
    out.insert(QStringLiteral("unlockArgon2Ms"), msSince(timer));

    // Session → census visible.
    timer.restart();
    auto* desktop = new ui::WardDesktop(std::make_unique<access::Session>(std::move(*session)), SystemClock::instance(),
                                        sync::MirrorStatus{});
    desktop->resize(1280, 800);
    if (Status s = desktop->reloadCensus(); !s.ok())
        return fail(s.error().message);
    desktop->show();
    desktop->showCensus();
    paintNow(desktop);
    out.insert(QStringLiteral("censusVisibleMs"), msSince(timer));
    const int rows = desktop->censusModel()->rowCount();
    out.insert(QStringLiteral("censusRows"), rows);
    out.insert(QStringLiteral("peakRssAfterCensusMb"), peakRssMb()); // where the memory goes, phase by phase
    out.insert(QStringLiteral("rssWithCensusMb"), currentRssMb());

    // Baseline: the same rows' text in a QStandardItemModel behind a plain QTableView.
    QList<QStringList> texts;
    texts.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        QStringList line;
        for (int c = 0; c < ui::CensusModel::ColumnCount; ++c)
            line << desktop->censusModel()->index(r, c).data().toString();
        texts << line;
    }
    timer.restart();
    QStandardItemModel plain(rows, ui::CensusModel::ColumnCount);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < ui::CensusModel::ColumnCount; ++c)
            plain.setItem(r, c, new QStandardItem(texts.at(r).at(c)));
    QSortFilterProxyModel plainProxy;
    plainProxy.setSourceModel(&plain);
    plainProxy.setFilterKeyColumn(ui::CensusModel::Name);
    plainProxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    QTableView plainView;
    plainView.resize(1280, 760);
    plainView.setModel(&plainProxy);
    plainView.show();
    paintNow(&plainView);
    out.insert(QStringLiteral("baselineCensusMs"), msSince(timer));

    // Filter per keystroke: a surname typed letter by letter, then cleared.
    const QString typed = desktop->censusModel()->rowAt(rows / 2)->family.left(6).toLower();
    QList<double> keystrokes;
    QList<double> plainKeystrokes;
    QLineEdit* search = desktop->censusView()->searchField();
    for (int round = 0; round < 3; ++round) {
        search->clear();
        paintNow(desktop);
        for (int i = 1; i <= typed.size(); ++i) {
            timer.restart();
            search->setText(typed.left(i));
            paintNow(desktop);
            keystrokes << msSince(timer);
            timer.restart();
            plainProxy.setFilterFixedString(typed.left(i));
            paintNow(&plainView);
            plainKeystrokes << msSince(timer);
        }
        plainProxy.setFilterFixedString(QString());
    }
    out.insert(QStringLiteral("keystrokeMs"), median(keystrokes));
    out.insert(QStringLiteral("keystrokeMaxMs"), *std::max_element(keystrokes.cbegin(), keystrokes.cend()));
    out.insert(QStringLiteral("baselineKeystrokeMs"), median(plainKeystrokes));
    search->clear();
    plainView.hide();

    // Opening charts (20 patients spread over the census), with a plain read as baseline.
    QList<double> charts;
    QList<double> reads;
    vault::ResourceRepository repository(desktop->session().vault().db());
    for (int i = 0; i < 20; ++i) {
        const QString id = desktop->censusModel()->rowAt(((rows / 20) * i + 7) % std::max(1, rows))->patientId;
        timer.restart();
        auto raw = repository.forPatient(id);
        if (!raw.ok() || raw->isEmpty())
            return fail(QStringLiteral("no resources for a census patient"));
        reads << msSince(timer);
        timer.restart();
        if (Status s = desktop->openChart(id); !s.ok())
            return fail(s.error().message);
        paintNow(desktop);
        charts << msSince(timer);
        desktop->showCensus();
    }
    out.insert(QStringLiteral("chartMs"), median(charts));
    out.insert(QStringLiteral("chartMaxMs"), *std::max_element(charts.cbegin(), charts.cend()));
    out.insert(QStringLiteral("baselineChartReadMs"), median(reads));
    out.insert(QStringLiteral("peakRssAfterChartsMb"), peakRssMb());
    delete desktop; // closes this session's vault

    // The MAR of one 40-bed ward to PDF.
    auto wardSession = access.unlock(dir, kOne, kPass);
    if (!wardSession.ok())
        return fail(wardSession.error().message);
    ui::WardDesktop ward(std::make_unique<access::Session>(std::move(*wardSession)), SystemClock::instance(),
                         sync::MirrorStatus{});
    if (Status s = ward.reloadCensus(); !s.ok())
        return fail(s.error().message);
    QTemporaryDir pdfDir;
    timer.restart();
    auto pages = ward.printToPdf(ui::WardDesktop::Printout::WardMar, QString(), pdfDir.filePath(QStringLiteral("ward-mar.pdf")));
    if (!pages.ok())
        return fail(pages.error().message);
    out.insert(QStringLiteral("wardMarMs"), msSince(timer));
    out.insert(QStringLiteral("wardMarPages"), *pages);
    out.insert(QStringLiteral("wardMarPatients"), ward.censusModel()->rowCount());
    out.insert(QStringLiteral("peakRssAfterWardMarMb"), peakRssMb());

    // Baseline: the same MAR bodies (already read and mapped) in one QTextDocument, printed once.
    QString html;
    records::PatientRecords records(ward.session().vault());
    for (int r = 0; r < ward.censusModel()->rowCount(); ++r) {
        const records::CensusRow* row = ward.censusModel()->rowAt(r);
        auto chart = records.chart(row->patientId);
        if (chart.ok())
            html += ui::ReportHtml::mar(*chart, row->ward, row->bed, SystemClock::instance().now());
    }
    timer.restart();
    QTextDocument doc;
    doc.setHtml(html);
    QPdfWriter writer(pdfDir.filePath(QStringLiteral("plain.pdf")));
    writer.setPageSize(QPageSize(QPageSize::A4));
    doc.print(&writer);
    out.insert(QStringLiteral("baselineMarHtmlPdfMs"), msSince(timer));
    out.insert(QStringLiteral("peakRssMb"), peakRssMb());
    out.insert(QStringLiteral("rssAtEndMb"), currentRssMb());
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    hardenProcess();
    bench::quietUnlessVerbose(argc, argv);
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("prepare"))
        return prepare(args.at(2), args.size() >= 4 ? args.at(3).toInt() : 5000);
    if (args.size() == 3 && args.at(1) == QLatin1String("run"))
        return run(args.at(2));
    return fail(QStringLiteral("usage: bench_gui prepare DIR [PATIENTS] | run DIR"));
}
