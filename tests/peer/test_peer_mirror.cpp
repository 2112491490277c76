// The mirror against a FHIR server written by others: Medplum's FHIR router
// (tests/peer/server), seeded with the foreign Synthea, IPS and KBV bundles,
// mirrored by the real MirrorEngine into a real SQLCipher vault. Every
// allergy and every medication order on the server must arrive unchanged
// (the server's JSON equals the vault's, resource by resource); then changes
// on the server (a new order, an order stopped, an allergy deleted, one
// entered in error) must arrive with the next cycle.
//
// Medplum has no <Type>/_history and sends no next links (tests/peer/README.md):
// this also proves the mirror's search-based incremental pull, its deletion
// sweep and its refusal to take a partial search result for the whole.

#include "PeerServer.h"
#include "TestSupport.h"

#include "sync/mirror/MirrorClient.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorWriter.h"
#include "sync/mirror/SearchPager.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QStringList kFolders = {QStringLiteral("synthea"), QStringLiteral("ips"), QStringLiteral("kbv")};

QString idOf(const QJsonObject& resource)
{
    return resource.value(QLatin1String("id")).toString();
}

bool enteredInError(const QJsonObject& resource)
{
    if (resource.value(QLatin1String("status")).toString() == QLatin1String("entered-in-error"))
        return true;
    const QJsonArray codings =
        resource.value(QLatin1String("verificationStatus")).toObject().value(QLatin1String("coding")).toArray();
    for (const QJsonValue& c : codings)
        if (c.toObject().value(QLatin1String("code")).toString() == QLatin1String("entered-in-error"))
            return true;
    return false;
}

// How many resources of `type` the data files put on the server: Synthea
// transactions POST (new ids each), IPS and KBV documents PUT by id (a later
// file replaces an earlier one with the same id).
int expectedFromFiles(const QString& type)
{
    int posted = 0;
    QSet<QString> put;
    for (const QString& folder : kFolders) {
        const QDir dir(test::fhirDataDir() + QLatin1Char('/') + folder);
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString& f : files) {
            const QJsonObject bundle = QJsonDocument::fromJson(test::readFile(dir.filePath(f))).object();
            const QJsonArray entries = bundle.value(QLatin1String("entry")).toArray();
            for (const QJsonValue& e : entries) {
                const QJsonObject r = e.toObject().value(QLatin1String("resource")).toObject();
                if (r.value(QLatin1String("resourceType")).toString() != type)
                    continue;
                if (bundle.value(QLatin1String("type")).toString() == QLatin1String("transaction"))
                    ++posted;
                else
                    put.insert(idOf(r));
            }
        }
    }
    return posted + int(put.size());
}

} // namespace

class TestPeerMirror : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void serverHoldsWhatTheFilesSay();
    void pagerWalksPastTheMissingNextLinks();
    void initialMirrorBringsEveryAllergyAndOrderUnchanged();
    void secondCycleRewritesNothing();
    void changesOnTheServerArriveWithTheNextCycle();

private:
    // Every resource of a type on the server (one request; checks it got all of them).
    QList<QJsonObject> serverResources(const QString& type, const QString& query = {});
    QJsonObject serverRead(const QString& type, const QString& id);
    // A reading connection to the vault, opened once (the engine keeps its own).
    vault::Vault& reader();
    std::optional<QJsonObject> vaultResource(const QString& type, const QString& id);
    QSet<QString> vaultIds(const QString& type);
    // Every non-entered-in-error resource of `type` on the server is in the
    // vault with the same JSON, and the vault holds no other of that type.
    void verifyTypeMirrored(const QString& type);
    Result<MirrorCycleReport> runCycle();

    test::PeerServer m_server;
    QTemporaryDir m_dir;
    QString m_vaultPath;
    QStringList m_patients;
    std::unique_ptr<MirrorEngine> m_engine;
    std::unique_ptr<vault::Vault> m_reader;
};

void TestPeerMirror::initTestCase()
{
    if (!QFileInfo::exists(test::fhirDataDir() + QStringLiteral("/synthea")))
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    Status started = m_server.start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    for (const QString& folder : kFolders) {
        auto seeded = m_server.seedFolder(test::fhirDataDir() + QLatin1Char('/') + folder);
        QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    }
    const QList<QJsonObject> patients = serverResources(QStringLiteral("Patient"));
    for (const QJsonObject& p : patients)
        m_patients << idOf(p);
    QVERIFY(m_patients.size() >= 16);

    QVERIFY(m_dir.isValid());
    m_vaultPath = m_dir.filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());

    MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    config.scope.patientIds = m_patients;
    config.deletionSweepMinutes = 0; // look for deletions every cycle
    config.administrationHistoryDays = 365 * 100;
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    const QString path = m_vaultPath;
    m_engine = std::make_unique<MirrorEngine>(config, [path] { return vault::Vault::open(path, test::fixedKey()); });
}

void TestPeerMirror::cleanupTestCase()
{
    m_reader.reset();
    m_engine.reset();
    m_server.stop();
}

QList<QJsonObject> TestPeerMirror::serverResources(const QString& type, const QString& query)
{
    QList<QJsonObject> out;
    QString relative = type + QStringLiteral("?_count=100000");
    if (!query.isEmpty())
        relative += QLatin1Char('&') + query;
    auto response = m_server.request("GET", relative);
    if (!response.ok() || response->status != 200) {
        qWarning("GET %s failed", qPrintable(relative));
        return out;
    }
    const QJsonArray entries = response->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& e : entries)
        out << e.toObject().value(QLatin1String("resource")).toObject();
    if (response->json.value(QLatin1String("total")).toInt(-1) != out.size())
        qWarning("GET %s: total %d but %d entries", qPrintable(relative),
                 response->json.value(QLatin1String("total")).toInt(-1), int(out.size()));
    return out;
}

QJsonObject TestPeerMirror::serverRead(const QString& type, const QString& id)
{
    auto response = m_server.request("GET", type + QLatin1Char('/') + id);
    return response.ok() && response->status == 200 ? response->json : QJsonObject();
}

vault::Vault& TestPeerMirror::reader()
{
    if (!m_reader) {
        auto vault = vault::Vault::open(m_vaultPath, test::fixedKey());
        if (!vault.ok())
            qFatal("cannot open the test vault: %s", qPrintable(vault.error().message));
        m_reader = std::move(*vault);
    }
    return *m_reader;
}

std::optional<QJsonObject> TestPeerMirror::vaultResource(const QString& type, const QString& id)
{
    vault::ResourceRepository resources(reader().db());
    auto stored = resources.get(type, id);
    if (!stored.ok() || !stored->has_value())
        return std::nullopt;
    return QJsonDocument::fromJson((*stored)->json).object();
}

QSet<QString> TestPeerMirror::vaultIds(const QString& type)
{
    vault::MirrorRepository mirror(reader().db());
    auto versions = mirror.versionsOfType(type);
    if (!versions.ok())
        return {};
    const QList<QString> keys = versions->keys();
    return QSet<QString>(keys.cbegin(), keys.cend());
}

void TestPeerMirror::verifyTypeMirrored(const QString& type)
{
    const QList<QJsonObject> onServer = serverResources(type);
    QVERIFY2(!onServer.isEmpty(), qPrintable(type + QStringLiteral(": the server holds none")));
    QSet<QString> expected;
    for (const QJsonObject& resource : onServer) {
        if (enteredInError(resource))
            continue;
        expected.insert(idOf(resource));
        const std::optional<QJsonObject> stored = vaultResource(type, idOf(resource));
        QVERIFY2(stored.has_value(), qPrintable(QStringLiteral("%1/%2 is not in the vault").arg(type, idOf(resource))));
        QVERIFY2(*stored == resource, qPrintable(QStringLiteral("%1/%2 differs between server and vault").arg(type, idOf(resource))));
    }
    const QSet<QString> inVault = vaultIds(type);
    QVERIFY2(inVault == expected, qPrintable(QStringLiteral("%1: %2 expected, %3 in the vault, %4 not on the server")
                                                 .arg(type)
                                                 .arg(expected.size())
                                                 .arg(inVault.size())
                                                 .arg(QSet<QString>(inVault).subtract(expected).size())));
}

Result<MirrorCycleReport> TestPeerMirror::runCycle()
{
    auto report = m_engine->runCycle();
    if (report.ok() && !report->problems.isEmpty())
        return report->problems.first();
    return report;
}

void TestPeerMirror::serverHoldsWhatTheFilesSay()
{
    for (const QString& type : {QStringLiteral("AllergyIntolerance"), QStringLiteral("MedicationRequest")}) {
        auto response = m_server.request("GET", type + QStringLiteral("?_summary=count"));
        QVERIFY(response.ok());
        QCOMPARE(response->json.value(QLatin1String("total")).toInt(-1), expectedFromFiles(type));
    }
}

void TestPeerMirror::pagerWalksPastTheMissingNextLinks()
{
    // Medplum answers _count=250 with the first 250 matches, Bundle.total and no
    // next link: the pager must notice and fetch the rest by _lastUpdated.
    MirrorConfig config;
    config.baseUrl = m_server.baseUrl();
    auto client = makeMirrorClient(config, SystemClock::instance(), threadSleeper());
    QVERIFY2(client.ok(), client.ok() ? "" : qPrintable(client.error().message));
    const SearchParams params = {{QStringLiteral("category"), QStringLiteral("vital-signs")}};
    const qint64 total = serverResources(QStringLiteral("Observation"), QStringLiteral("category=vital-signs")).size();
    QVERIFY(total > 250);
    QSet<QString> ids;
    int pages = 0;
    const Status paged = SearchPager(*client->client, 250).pageAll(QStringLiteral("Observation"), params,
                                                                  [&](const BundlePage& page) -> Status {
        ++pages;
        for (const QJsonObject& r : page.resources())
            ids.insert(idOf(r));
        return {};
    });
    QVERIFY2(paged.ok(), paged.ok() ? "" : qPrintable(paged.error().message));
    QVERIFY(pages >= 2);
    QCOMPARE(qint64(ids.size()), total);
}

void TestPeerMirror::initialMirrorBringsEveryAllergyAndOrderUnchanged()
{
    auto report = runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsLoaded, qint64(m_patients.size()));
    QVERIFY(!report->usedBulkExport);

    verifyTypeMirrored(QStringLiteral("AllergyIntolerance"));
    verifyTypeMirrored(QStringLiteral("MedicationRequest"));
    verifyTypeMirrored(QStringLiteral("Patient"));

    // Every active order in particular (the ward's medication plan).
    const QList<QJsonObject> active = serverResources(QStringLiteral("MedicationRequest"), QStringLiteral("status=active"));
    QVERIFY(!active.isEmpty());
    for (const QJsonObject& order : active)
        QCOMPARE(vaultResource(QStringLiteral("MedicationRequest"), idOf(order)).value_or(QJsonObject()), order);

    const MirrorStatus status = m_engine->status();
    QCOMPARE(status.patientsInScope, qint64(m_patients.size()));
    QVERIFY(status.dataAsOf.isValid());
    QVERIFY2(status.lastError.isEmpty(), qPrintable(status.lastError));
}

void TestPeerMirror::secondCycleRewritesNothing()
{
    auto report = runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->written, qint64(0));
    QCOMPARE(report->removed, qint64(0));
}

void TestPeerMirror::changesOnTheServerArriveWithTheNextCycle()
{
    const QList<QJsonObject> active = serverResources(QStringLiteral("MedicationRequest"), QStringLiteral("status=active"));
    QVERIFY(active.size() >= 2);
    const QList<QJsonObject> allergies = serverResources(QStringLiteral("AllergyIntolerance"));
    QVERIFY(allergies.size() >= 2);

    // A new order for the patient of an active one.
    QJsonObject order = active.at(0);
    order.remove(QStringLiteral("id"));
    order.remove(QStringLiteral("meta"));
    order.insert(QStringLiteral("authoredOn"), QStringLiteral("2026-11-26"));
    auto created = m_server.request("POST", QStringLiteral("MedicationRequest"), order);
    QVERIFY(created.ok());
    QCOMPARE(created->status, 201);
    QVERIFY(!created->header("Location").isEmpty());
    const QString newOrderId = idOf(created->json);

    // An order stopped, with If-Match on the version the server holds (a stale one is refused).
    QJsonObject stopped = active.at(1);
    const QByteArray version = stopped.value(QLatin1String("meta")).toObject().value(QLatin1String("versionId")).toString().toLatin1();
    stopped.insert(QStringLiteral("status"), QStringLiteral("stopped"));
    auto stale = m_server.request("PUT", QStringLiteral("MedicationRequest/") + idOf(stopped), stopped,
                                  {{"If-Match", "W/\"not-the-version\""}});
    QVERIFY(stale.ok());
    QCOMPARE(stale->status, 412);
    auto updated = m_server.request("PUT", QStringLiteral("MedicationRequest/") + idOf(stopped), stopped,
                                    {{"If-Match", "W/\"" + version + '"'}});
    QVERIFY(updated.ok());
    QCOMPARE(updated->status, 200);

    // One allergy deleted, one entered in error.
    const QString deletedId = idOf(allergies.at(0));
    auto deleted = m_server.request("DELETE", QStringLiteral("AllergyIntolerance/") + deletedId);
    QVERIFY(deleted.ok());
    QCOMPARE(deleted->status, 200);
    QJsonObject wrong = allergies.at(1);
    wrong.insert(QStringLiteral("verificationStatus"),
                 QJsonObject{{QStringLiteral("coding"),
                              QJsonArray{QJsonObject{
                                  {QStringLiteral("system"),
                                   QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification")},
                                  {QStringLiteral("code"), QStringLiteral("entered-in-error")}}}}});
    auto marked = m_server.request("PUT", QStringLiteral("AllergyIntolerance/") + idOf(wrong), wrong);
    QVERIFY(marked.ok());
    QCOMPARE(marked->status, 200);
    QVERIFY(vaultResource(QStringLiteral("AllergyIntolerance"), deletedId).has_value());
    QVERIFY(vaultResource(QStringLiteral("AllergyIntolerance"), idOf(wrong)).has_value());

    auto report = runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->written, qint64(2));
    QCOMPARE(report->removed, qint64(2));

    QCOMPARE(vaultResource(QStringLiteral("MedicationRequest"), newOrderId).value_or(QJsonObject()),
             serverRead(QStringLiteral("MedicationRequest"), newOrderId));
    const QJsonObject stoppedNow = vaultResource(QStringLiteral("MedicationRequest"), idOf(stopped)).value_or(QJsonObject());
    QCOMPARE(stoppedNow.value(QLatin1String("status")).toString(), QStringLiteral("stopped"));
    QCOMPARE(stoppedNow, serverRead(QStringLiteral("MedicationRequest"), idOf(stopped)));
    QVERIFY2(!vaultResource(QStringLiteral("AllergyIntolerance"), deletedId), "a deleted allergy stayed in the vault");
    QVERIFY2(!vaultResource(QStringLiteral("AllergyIntolerance"), idOf(wrong)), "an entered-in-error allergy stayed in the vault");

    verifyTypeMirrored(QStringLiteral("AllergyIntolerance"));
    verifyTypeMirrored(QStringLiteral("MedicationRequest"));

    auto quiet = runCycle();
    QVERIFY(quiet.ok());
    QCOMPARE(quiet->changed(), qint64(0));
}

QTEST_GUILESS_MAIN(TestPeerMirror)
#include "test_peer_mirror.moc"
