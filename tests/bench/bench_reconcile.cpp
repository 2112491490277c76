// Reconciliation benchmark: 1,000 entries recorded during a simulated outage
// (administrations, notes, reported allergies through record::Recorder) are
// reconciled against lantern-ehr-sim on loopback: order version check,
// duplicate search and conditional create per administration, one downtime
// note per chart. Baseline in the same run: the very same resources as plain
// POSTs through FhirClient, without checks and without If-None-Exist.
//
// Usage: bench_reconcile [ENTRIES]
// Prints one JSON line: entries, seconds, perSecond, baselinePerSecond, ratio, notes.

#include "DowntimeScenario.h"
#include "ReconcileTestSupport.h"

#include "fhir/FhirClient.h"
#include "mirror/MirrorClient.h"
#include "reconcile/EntryResource.h"
#include "vault/OutboxRepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace lantern;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "bench_reconcile: %s\n", qPrintable(message));
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int entries = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    if (entries < 10)
        die(QStringLiteral("ENTRIES must be at least 10"));

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

    // Baseline: the same resources, plain POSTs (no checks, no If-None-Exist).
    QList<QJsonObject> resources;
    {
        auto vault = fixture.open(device);
        auto items = vault::OutboxRepository(vault->db()).items();
        if (!items.ok())
            die(items.error().message);
        for (const record::OutboxItem& item : std::as_const(*items))
            resources.append(sync::forCreate(item.entry.resource));
    }
    sync::MirrorConfig config;
    config.baseUrl = QUrl(fixture.baseUrl());
    auto client = sync::makeMirrorClient(config, SystemClock::instance(), {});
    if (!client.ok())
        die(client.error().message);
    timer.restart();
    for (const QJsonObject& resource : std::as_const(resources)) {
        auto created = client->client->create(resource);
        if (!created.ok())
            die(created.error().message);
    }
    const double baselineSeconds = double(timer.nsecsElapsed()) / 1e9;

    const double perSecond = double(report.uploaded) / seconds;
    const double baselinePerSecond = double(resources.size()) / baselineSeconds;
    const QJsonObject out{{QStringLiteral("entries"), report.uploaded},
                          {QStringLiteral("seconds"), seconds},
                          {QStringLiteral("perSecond"), perSecond},
                          {QStringLiteral("baselinePerSecond"), baselinePerSecond},
                          {QStringLiteral("ratio"), perSecond / baselinePerSecond},
                          {QStringLiteral("notes"), report.notesPosted}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
