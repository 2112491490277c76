// Mirror benchmark: the initial mirror of a simulated hospital (default 1,000
// patients) from lantern-ehr-sim on loopback into a fresh vault, compared with
// the raw vault ingest of the very same resources (written as NDJSON and loaded
// by core's Importer in the same run); then freshness: how long a change on the
// simulator takes to be visible in the vault at the default interval; then the
// load on the EHR (EhrLoad.h): requests and bytes of the initial load and of
// the steady state, for a device mirroring a whole ~1,000-patient hospital and
// for one mirroring a 30-patient ward of it.
//
// Usage: bench_mirror [PATIENTS] [FRESHNESS_SAMPLES] [LOAD_CYCLES]
// Prints one JSON line: resources, written, unchanged, served, seconds,
// perSecond, ingestPerSecond, ratio, freshnessP50Ms, freshnessP95Ms, peakRssMb,
// mirroredTypes, load (one object per device, see EhrLoad.h).

#include "EhrLoad.h"

#include "BenchLogging.h"
#include "core/import/Importer.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorWriter.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace lantern;

namespace {

SecureBuffer benchKey()
{
    SecureBuffer key(32);
    std::fill(key.data(), key.data() + 32, std::uint8_t(0x5a));
    return key;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "bench_mirror: %s\n", qPrintable(message));
    std::exit(1);
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return double(values.at(index));
}

// Writes every mirrored resource of the vault as NDJSON, type by type.
qint64 exportNdjson(vault::Vault& vault, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        die(QStringLiteral("cannot write %1").arg(path));
    vault::ResourceRepository resources(vault.db());
    qint64 n = 0;
    for (const QString& type : {QStringLiteral("Patient"), QStringLiteral("Encounter"), QStringLiteral("MedicationRequest"),
                                QStringLiteral("MedicationAdministration"), QStringLiteral("AllergyIntolerance"),
                                QStringLiteral("Condition"), QStringLiteral("Device"), QStringLiteral("Consent"),
                                QStringLiteral("Flag"), QStringLiteral("Observation")}) {
        auto list = resources.ofType(type);
        if (!list.ok())
            die(list.error().message);
        for (const vault::StoredResource& r : std::as_const(*list)) {
            file.write(r.json);
            file.write("\n");
            ++n;
        }
    }
    return n;
}

} // namespace

// Resident set size now (VmRSS), in MB; 0 when /proc is not readable.
static double currentRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

int main(int argc, char** argv)
{
    bench::quietUnlessVerbose(argc, argv);
    QCoreApplication app(argc, argv);
    const int patients = argc > 1 ? std::max(10, std::atoi(argv[1])) : 1000;
    const int samples = argc > 2 ? std::max(0, std::atoi(argv[2])) : 20;
    const int loadCycles = argc > 3 ? std::max(1, std::atoi(argv[3])) : 30;
    const int perWard = 50;
    const int wards = std::max(1, patients / perWard);

    sim::SimulatorOptions options;
    options.generator.wards = wards;
    options.generator.patientsPerWard = perWard;
    options.generator.seed = 3;
    sim::SimServer server(options);
    if (auto started = server.start(); !started.ok())
        die(started.error().message);
    // The simulator shares this process: what it holds before the mirror starts
    // is subtracted in the report, so the mirror's own footprint can be judged.
    const double simulatorRssMb = currentRssMb();

    QTemporaryDir dir;
    const QString vaultPath = dir.filePath(QStringLiteral("vault.db"));
    if (!vault::Vault::create(vaultPath, benchKey()).ok())
        die(QStringLiteral("cannot create the vault"));
    sync::MirrorConfig config;
    config.baseUrl = QUrl(server.baseUrl());
    for (const sim::WardInfo& ward : server.simulator().census().wards())
        config.scope.wardLocationIds.append(ward.id);
    auto opener = [vaultPath] { return vault::Vault::open(vaultPath, benchKey()); };

    // 1. Initial mirror.
    auto engine = std::make_unique<sync::MirrorEngine>(config, opener);
    QElapsedTimer timer;
    timer.start();
    server.simulator().wire().reset();
    auto report = engine->runCycle();
    const double mirrorSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!report.ok())
        die(report.error().message);
    const qint64 mirrored = report->written;
    const qint64 served = server.simulator().wire().snapshot().resourcesServedTotal();

    // 2. Raw ingest of the same resources.
    const QString ndjson = dir.filePath(QStringLiteral("same.ndjson"));
    {
        auto vault = vault::Vault::open(vaultPath, benchKey());
        if (!vault.ok())
            die(vault.error().message);
        exportNdjson(**vault, ndjson);
    }
    double ingestSeconds = 0;
    {
        auto target = vault::Vault::create(dir.filePath(QStringLiteral("ingest.db")), benchKey());
        if (!target.ok())
            die(target.error().message);
        QFile in(ndjson);
        if (!in.open(QIODevice::ReadOnly))
            die(QStringLiteral("cannot read the NDJSON"));
        import::Importer importer(**target);
        timer.restart();
        auto imported = importer.importNdjson(in);
        ingestSeconds = double(timer.nsecsElapsed()) / 1e9;
        if (!imported.ok())
            die(imported.error().message);
    }
    QFile::remove(ndjson);

    // 3. Freshness at the default interval: the engine runs in its thread, a
    // change is made on the simulator, the vault is polled until it shows it.
    engine.reset();
    QThread worker;
    auto* running = new sync::MirrorEngine(config, opener);
    running->moveToThread(&worker);
    worker.start();
    QMetaObject::invokeMethod(running, &sync::MirrorEngine::start, Qt::QueuedConnection);
    auto reader = vault::Vault::open(vaultPath, benchKey());
    if (!reader.ok())
        die(reader.error().message);
    vault::MirrorRepository mirror((*reader)->db());
    QList<qint64> latencies;
    const QList<sim::Stay> stays = server.simulator().census().stays();
    for (int i = 0; i < samples && !stays.isEmpty(); ++i) {
        const QString patientRef = stays.at((i * 37) % stays.size()).patientRef;
        const QStringList orders = server.simulator().actions().ordersOf(patientRef);
        if (orders.isEmpty())
            continue;
        auto changed = server.simulator().actions().changeDose(orders.first(), 1.0 + i);
        if (!changed.ok())
            die(changed.error().message);
        const QString wanted = QString::number(changed->version.versionId);
        QElapsedTimer seen;
        seen.start();
        while (seen.elapsed() < 120000) {
            auto stored = mirror.storedVersion(QStringLiteral("MedicationRequest"), orders.first());
            if (stored.ok() && stored->has_value() && (*stored)->versionId == wanted)
                break;
            QThread::msleep(50);
        }
        latencies.append(seen.elapsed());
        QThread::msleep(quint64(137 * (i % 7))); // spread the changes over the interval
    }
    running->requestStop();
    QMetaObject::invokeMethod(running, &sync::MirrorEngine::stop, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
    delete running;
    const double peakRss = peakRssMb();
    server.stop();

    // 4. EHR load: a ~1,000-patient hospital in 30-patient wards on a manual clock.
    QJsonArray load;
    {
        ManualClock loadClock(QDateTime::currentDateTimeUtc());
        sim::SimulatorOptions loadOptions;
        loadOptions.generator.wards = std::max(1, (patients + 29) / 30);
        loadOptions.generator.patientsPerWard = 30;
        loadOptions.generator.seed = 5;
        sim::SimServer loadServer(loadOptions, loadClock);
        if (auto started = loadServer.start(); !started.ok())
            die(started.error().message);
        bench::EhrLoadScenario hospital;
        hospital.name = QStringLiteral("hospital");
        for (const sim::WardInfo& ward : loadServer.simulator().census().wards())
            hospital.wardIds.append(ward.id);
        bench::EhrLoadScenario ward;
        ward.name = QStringLiteral("ward");
        ward.wardIds = {hospital.wardIds.first()};
        for (bench::EhrLoadScenario* scenario : {&hospital, &ward}) {
            scenario->intervalSeconds = sync::MirrorConfig{}.intervalSeconds;
            scenario->heartbeatSeconds = sync::MirrorConfig{}.heartbeatSeconds;
            scenario->cycles = loadCycles;
            const QJsonObject figures = bench::measureEhrLoad(loadServer, loadClock, *scenario, dir.path());
            if (figures.contains(QStringLiteral("error")))
                die(figures.value(QStringLiteral("error")).toString());
            load.append(figures);
        }
    }

    const QJsonObject out{{QStringLiteral("patients"), patients},
                          {QStringLiteral("resources"), mirrored},
                          {QStringLiteral("written"), report->written},
                          {QStringLiteral("unchanged"), report->unchanged},
                          {QStringLiteral("served"), served},
                          {QStringLiteral("seconds"), mirrorSeconds},
                          {QStringLiteral("perSecond"), double(mirrored) / mirrorSeconds},
                          {QStringLiteral("ingestPerSecond"), double(mirrored) / ingestSeconds},
                          {QStringLiteral("ratio"), ingestSeconds / mirrorSeconds},
                          {QStringLiteral("freshnessSamples"), latencies.size()},
                          {QStringLiteral("freshnessP50Ms"), percentile(latencies, 0.5)},
                          {QStringLiteral("freshnessP95Ms"), percentile(latencies, 0.95)},
                          {QStringLiteral("peakRssMb"), peakRss},
                          {QStringLiteral("simulatorRssMb"), simulatorRssMb},
                          {QStringLiteral("mirroredTypes"), qint64(sync::ScopeFilter::mirroredTypes().size())},
                          {QStringLiteral("load"), load}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
