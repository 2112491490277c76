// Reconciliation benchmark: 1,000 entries recorded during a simulated outage
// (administrations, notes, reported allergies through record::Recorder) are
// reconciled against lantern-ehr-sim on loopback: per patient one search for
// its orders, one duplicate search per time window, the entries in transaction
// Bundles with ifNoneExist (where the server offers them), one downtime note
// per chart. Baseline in the same run: the very same resources as bare
// conditional creates (If-None-Exist on a fresh identifier), one by one, without
// checks: what filing them "exactly once" costs at the least without Bundles.
//
// With --peer the EHR is Medplum's FHIR router instead (tests/peer, seeded with
// the Synthea patients, mirrored by the real MirrorEngine into a device vault);
// the entries are administrations of its active orders, notes and reported
// allergies, with no changes in the EHR meanwhile. Medplum's in-memory store
// searches by scanning, so before the baseline the reconciled copies are
// deleted again: both start from the same number of stored resources.
//
// Usage: bench_reconcile [ENTRIES] [--peer]
// Prints one JSON line: server, entries, seconds, perSecond, baselinePerSecond, ratio, notes, transactions.

#include "BenchLogging.h"
#include "DowntimeScenario.h"
#include "PeerServer.h"
#include "ReconcileTestSupport.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/ReconcileEngine.h"
#include "core/record/Recorder.h"

#include "sync/fhir/FhirClient.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/reconcile/EntryResource.h"
#include "core/vault/OutboxRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>

using namespace lantern;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "bench_reconcile: %s\n", qPrintable(message));
    std::exit(1);
}

// Bare conditional creates of the outbox's resources, one by one, each under a
// fresh identifier (the entry's own is taken already): entries/s.
double baselinePerSecond(const QUrl& baseUrl, vault::Vault& vault)
{
    QList<QPair<QJsonObject, QString>> resources;
    auto items = vault::OutboxRepository(vault.db()).items();
    if (!items.ok())
        die(items.error().message);
    for (const record::OutboxItem& item : std::as_const(*items)) {
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QJsonObject resource = sync::forCreate(item.entry.resource);
        resource.remove(QStringLiteral("identifier"));
        resources.append({sync::withEntryIdentifier(resource, uuid), uuid});
    }
    sync::MirrorConfig config;
    config.baseUrl = baseUrl;
    auto client = sync::makeMirrorClient(config, SystemClock::instance(), {});
    if (!client.ok())
        die(client.error().message);
    QElapsedTimer timer;
    timer.start();
    for (const auto& [resource, uuid] : std::as_const(resources)) {
        auto created = client->client->create(resource, sync::entryIdentifierQuery(uuid));
        if (!created.ok())
            die(created.error().message);
    }
    return double(resources.size()) / (double(timer.nsecsElapsed()) / 1e9);
}

void print(const QString& server, const sync::ReconcileReport& report, double seconds, double baseline)
{
    const double perSecond = double(report.uploaded) / seconds;
    const QJsonObject out{{QStringLiteral("server"), server},
                          {QStringLiteral("entries"), report.uploaded},
                          {QStringLiteral("seconds"), seconds},
                          {QStringLiteral("perSecond"), perSecond},
                          {QStringLiteral("baselinePerSecond"), baseline},
                          {QStringLiteral("ratio"), perSecond / baseline},
                          {QStringLiteral("notes"), report.notesPosted},
                          {QStringLiteral("transactions"), report.transactions}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
}

QList<QJsonObject> searchAll(const test::PeerServer& server, const QString& relative)
{
    auto response = server.request("GET", relative);
    if (!response.ok() || response->status != 200)
        die(QStringLiteral("Medplum refused GET ") + relative);
    QList<QJsonObject> out;
    const QJsonArray entries = response->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries)
        out << e.toObject().value(QLatin1String("resource")).toObject();
    return out;
}

// The same against Medplum (tests/peer): seed Synthea, mirror, record, reconcile.
int runPeer(int entries)
{
    test::PeerServer server;
    if (Status started = server.start(); !started.ok())
        die(started.error().message);
    auto seeded = server.seedFolder(test::fhirDataDir() + QStringLiteral("/synthea"));
    if (!seeded.ok())
        die(seeded.error().message);
    QStringList patients;
    for (const QJsonObject& p : searchAll(server, QStringLiteral("Patient?_count=100000")))
        patients << p.value(QLatin1String("id")).toString();
    const QList<QJsonObject> orders = searchAll(server, QStringLiteral("MedicationRequest?status=active&_count=100000"));
    if (orders.isEmpty())
        die(QStringLiteral("Medplum holds no active orders"));

    QTemporaryDir dir;
    const QString deviceDir = dir.filePath(QStringLiteral("device"));
    const QString nurse = QStringLiteral("n.berger");
    QString deviceId;
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(deviceDir, QStringLiteral("it.meyer"), QStringLiteral("IT Meyer"), test::kPassphrase);
        if (!session.ok())
            die(session.error().message);
        const access::User user{nurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {test::kWard}, {}, false};
        if (Status added = access.addUser(*session, user, test::kPassphrase); !added.ok())
            die(added.error().message);
        deviceId = session->vaultId();
    }
    const auto opener = [deviceDir] { return access::VaultAccess().unlockAsDevice(deviceDir); };
    {
        sync::MirrorConfig config;
        config.baseUrl = server.baseUrl();
        config.scope.patientIds = patients;
        sync::MirrorEngine engine(config, opener);
        auto cycle = engine.runCycle();
        if (!cycle.ok() || !cycle->problems.isEmpty())
            die(QStringLiteral("the mirror of Medplum failed"));
    }

    // Administrations 150 min apart per order, notes and reported allergies in between.
    {
        auto vault = opener();
        if (!vault.ok())
            die(vault.error().message);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime t0 = QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC).addSecs(2 * 3600);
        ManualClock clock(t0);
        record::Recorder recorder(**vault, nurse, deviceId, QUuid::createUuid().toString(QUuid::WithoutBraces), clock);
        const int administrations = entries * 4 / 5;
        int recorded = 0;
        for (int k = 0; recorded < administrations; ++k) {
            for (qsizetype i = 0; i < orders.size() && recorded < administrations; ++i) {
                clock.set(t0.addSecs(qint64(k) * 150 * 60 + (i % 60) * 60));
                record::AdministrationInput input;
                input.patientId = orders.at(i).value(QLatin1String("subject")).toObject().value(QLatin1String("reference"))
                                      .toString().section(QLatin1Char('/'), -1);
                input.orderId = orders.at(i).value(QLatin1String("id")).toString();
                input.witness = QStringLiteral("it.meyer"); // a second known user: high-alert drugs need one
                auto warnings = recorder.checkAdministration(input);
                if (!warnings.ok())
                    die(warnings.error().message);
                auto entry = recorder.recordAdministration(input, *warnings);
                if (!entry.ok())
                    die(entry.error().message);
                ++recorded;
            }
        }
        for (int j = 0; recorded < entries; ++j, ++recorded) {
            clock.set(t0.addSecs(qint64(j) * 97));
            const QString patient = patients.at(j % patients.size());
            auto entry = j % 3 == 2 ? recorder.recordReportedAllergy({patient, QStringLiteral("penicillin"), QStringLiteral("rash"),
                                                                     QStringLiteral("low")})
                                    : recorder.recordNote({patient, record::NoteCategory::Nursing,
                                                           QStringLiteral("Resting, observations unremarkable."), {}});
            if (!entry.ok())
                die(entry.error().message);
        }
    }

    sync::ReconcileEngineConfig config;
    config.ehr.baseUrl = server.baseUrl();
    config.ehr.retryAttempts = 3;
    config.ehr.retryMaxDelayMs = 100;
    sync::ReconcileEngine engine(config, opener);
    QElapsedTimer timer;
    timer.start();
    const sync::ReconcileReport report = engine.runOnce();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (report.end != sync::RunEnd::Done || report.uploaded != entries)
        die(QStringLiteral("reconciliation did not file everything: ") + QString::fromUtf8(test::describe(report)));
    auto vault = opener();
    if (!vault.ok())
        die(vault.error().message);
    // Medplum's search cost grows with what it stores: take the reconciled copies out again.
    auto filed = vault::OutboxRepository((*vault)->db()).items();
    if (!filed.ok())
        die(filed.error().message);
    for (const record::OutboxItem& item : std::as_const(*filed)) {
        const QString type = item.entry.resource.value(QLatin1String("resourceType")).toString();
        if (!item.serverId.isEmpty())
            (void)server.request("DELETE", type + QLatin1Char('/') + item.serverId);
    }
    print(QStringLiteral("medplum"), report, seconds, baselinePerSecond(server.baseUrl(), **vault));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    bench::quietUnlessVerbose(argc, argv);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const bool peer = args.contains(QStringLiteral("--peer"));
    QStringList numbers = args;
    numbers.removeAll(QStringLiteral("--peer"));
    const int entries = numbers.isEmpty() ? 1000 : numbers.first().toInt();
    if (entries < 10)
        die(QStringLiteral("ENTRIES must be at least 10"));
    if (peer)
        return runPeer(entries);

    test::ReconcileFixture fixture;
    if (!fixture.start(std::max(10, entries / 40), 3))
        die(QStringLiteral("the simulator did not start"));
    const test::Device device = fixture.makeDevice(QStringLiteral("bench"));
    fixture.server().setFault({sim::FaultMode::Down});
    test::DowntimeScenario scenario(fixture, {device});
    if (!scenario.record({entries, false, false}))
        die(QStringLiteral("recording failed"));
    fixture.server().clearFault();

    QElapsedTimer timer;
    timer.start();
    const sync::ReconcileReport report = fixture.reconcile(device, 3);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (report.end != sync::RunEnd::Done || report.uploaded != entries)
        die(QStringLiteral("reconciliation did not file everything: ") + QString::fromUtf8(test::describe(report)));

    auto vault = fixture.open(device);
    print(QStringLiteral("lantern-ehr-sim"), report, seconds, baselinePerSecond(QUrl(fixture.baseUrl()), *vault));
    return 0;
}
