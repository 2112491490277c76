// The purge guard (issue 10, "Trust"): one empty answer must not wipe a ward.
// The real MirrorEngine against the in-process simulator over real HTTP into
// a real vault, one rule per test: a ward's Encounters all finished at once,
// a configuration pointing at a ward the EHR answers empty for, a 30 % drop
// (held) against a 10 % drop (applied after the grace period), no purge while
// the EHR is degraded or a downtime is open, never a patient with downtime
// entries awaiting reconciliation, IT's confirm-drop, data-as-of of the refused
// ward, mirror.max_drop_percent validation. `lanternctl`: test_mirror_purge_guard_cli.

#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "core/audit/AuditLog.h"
#include "sync/health/EhrHealthMonitor.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/mirror/PurgeGuard.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace lantern;
using namespace lantern::sync;

namespace {

const QString kWard1 = QStringLiteral("ward-1");
const QString kWard2 = QStringLiteral("ward-2");
constexpr int kPerWard = 10;

} // namespace

class TestMirrorPurgeGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ruleOfTheGuard();
    void emptyAnswerForAWardIsHeld();
    void configPointingAtAnEmptyWardIsHeld();
    void thirtyPercentDropHeld();
    void tenPercentDropAppliedAfterGrace();
    void noPurgeWhileEhrDegraded();
    void noPurgeWhileDowntimeOpen();
    void patientWithOpenEntriesNeverPurged();
    void confirmDropLetsTheNextCycleApplyIt();
    void confirmationDoesNotCoverALargerDrop();
    void maxDropPercentValidated();

private:
    MirrorConfig config(const QStringList& wards) const;
    std::unique_ptr<MirrorEngine> makeEngine(const QStringList& wards, int graceHours = 24);
    std::unique_ptr<vault::Vault> openVault() const;
    // Discharges the first `n` patients (by id) of `ward`; returns their ids.
    QStringList discharge(const QString& ward, int n);
    QStringList patientsOf(const QString& ward) { return sorted(test::patientsOnWards(m_server->simulator(), {ward})); }
    static QStringList sorted(const QSet<QString>& set);
    bool inVault(const QString& patientId);
    std::optional<vault::ScopeMember> member(const QString& patientId);
    QDateTime dataAsOf(const QString& ward);
    ScopeDropAlarms storedAlarms();
    void appendNote(const QString& patientId, const QString& uuid);
    // Moves the EHR's and the device's clock on (one clock: server time and grace both).
    void later(qint64 secs) { m_clock.advanceSecs(secs); }

    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;
    QString m_vaultPath;
};

QStringList TestMirrorPurgeGuard::sorted(const QSet<QString>& set)
{
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

MirrorConfig TestMirrorPurgeGuard::config(const QStringList& wards) const
{
    MirrorConfig c;
    c.baseUrl = QUrl(m_server->baseUrl());
    c.scope.wardLocationIds = wards;
    c.retryAttempts = 1;
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 5000;
    c.retryMaxDelayMs = 200;
    return c;
}

std::unique_ptr<MirrorEngine> TestMirrorPurgeGuard::makeEngine(const QStringList& wards, int graceHours)
{
    MirrorConfig c = config(wards);
    c.purgeGraceHours = graceHours;
    const QString path = m_vaultPath;
    return std::make_unique<MirrorEngine>(c, [path] { return vault::Vault::open(path, test::fixedKey()); }, m_clock);
}

std::unique_ptr<vault::Vault> TestMirrorPurgeGuard::openVault() const
{
    auto v = vault::Vault::open(m_vaultPath, test::fixedKey());
    if (!v.ok())
        qFatal("cannot open the test vault: %s", qPrintable(v.error().message));
    return std::move(*v);
}

QStringList TestMirrorPurgeGuard::discharge(const QString& ward, int n)
{
    const QStringList leaving = patientsOf(ward).mid(0, n);
    for (const QString& id : leaving)
        if (!m_server->simulator().actions().discharge(QStringLiteral("Patient/") + id).ok())
            qFatal("the simulator refused a discharge");
    later(60);
    return leaving;
}

bool TestMirrorPurgeGuard::inVault(const QString& patientId)
{
    auto vault = openVault();
    auto p = vault::ResourceRepository(vault->db()).patient(patientId);
    return p.ok() && p->has_value();
}

std::optional<vault::ScopeMember> TestMirrorPurgeGuard::member(const QString& patientId)
{
    auto vault = openVault();
    auto m = vault::MirrorRepository(vault->db()).member(patientId);
    return m.ok() ? *m : std::nullopt;
}

QDateTime TestMirrorPurgeGuard::dataAsOf(const QString& ward)
{
    auto vault = openVault();
    auto wards = vault::MirrorRepository(vault->db()).dataAsOf();
    return wards.ok() ? wards->value(ward) : QDateTime();
}

ScopeDropAlarms TestMirrorPurgeGuard::storedAlarms()
{
    auto vault = openVault();
    vault::MirrorRepository mirror(vault->db());
    auto alarms = MirrorStatusStore(mirror).dropAlarms();
    return alarms.ok() ? *alarms : ScopeDropAlarms{};
}

void TestMirrorPurgeGuard::appendNote(const QString& patientId, const QString& uuid)
{
    auto vault = openVault();
    record::RecordEntry e;
    e.uuid = uuid;
    e.kind = record::EntryKind::Note;
    e.patientId = patientId;
    e.deviceId = QStringLiteral("device-test");
    e.author = QStringLiteral("n.berger");
    e.recordedAt = m_clock.now();
    e.clinicalTime = m_clock.now();
    e.resource = QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("DocumentReference")}};
    const Status appended = vault::OutboxRepository(vault->db()).append(e);
    QVERIFY2(appended.ok(), appended.ok() ? "" : qPrintable(appended.error().message));
}

void TestMirrorPurgeGuard::init()
{
    m_clock.set(QDateTime::currentDateTimeUtc());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vaultPath = m_dir->filePath(QStringLiteral("vault.db"));
    QVERIFY(vault::Vault::create(m_vaultPath, test::fixedKey()).ok());
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = kPerWard;
    options.generator.seed = 7;
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    QCOMPARE(patientsOf(kWard1).size(), kPerWard);
}

void TestMirrorPurgeGuard::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestMirrorPurgeGuard::ruleOfTheGuard()
{
    // A ward emptied is always held, whatever the share.
    QVERIFY(PurgeGuard::dropSuspicious(10, 10, 100, 10, 20));
    QVERIFY(PurgeGuard::dropSuspicious(1, 1, 100, 1, 100));
    // More than the share of the whole scope is held; up to it is not.
    QVERIFY(PurgeGuard::dropSuspicious(10, 3, 10, 3, 20));
    QVERIFY(!PurgeGuard::dropSuspicious(10, 2, 10, 2, 20));
    QVERIFY(!PurgeGuard::dropSuspicious(10, 1, 10, 1, 20));
    QVERIFY(PurgeGuard::dropSuspicious(10, 1, 10, 1, 0));
    // Nothing leaves, or the ward had nobody: nothing to judge.
    QVERIFY(!PurgeGuard::dropSuspicious(10, 0, 10, 0, 0));
    QVERIFY(!PurgeGuard::dropSuspicious(0, 0, 0, 0, 20));
}

void TestMirrorPurgeGuard::emptyAnswerForAWardIsHeld()
{
    // mirror.purge_grace_hours 0: the defect wiped all patients of a ward in one cycle.
    auto engine = makeEngine({kWard1, kWard2}, 0);
    QVERIFY(engine->runCycle().ok());
    const QDateTime ward1AsOf = dataAsOf(kWard1);
    QVERIFY(ward1AsOf.isValid());
    const QStringList ward1 = patientsOf(kWard1);

    // Every Encounter of ward 1 finished at once: the EHR answers its search with an empty 200.
    discharge(kWard1, kPerWard);
    auto report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsPurged, qint64(0));
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(report->dropsHeld.first().ward, kWard1);
    for (const QString& id : ward1) {
        QVERIFY2(inVault(id), "a patient of the emptied ward was purged");
        QVERIFY2(!member(id)->outOfScopeSince.isValid(), "a patient of the emptied ward left the scope");
    }
    QCOMPARE(engine->status().patientsInScope, qint64(2 * kPerWard));

    // The alarm: which ward, how many before and after, since when.
    const ScopeDropAlarms alarms = storedAlarms();
    QCOMPARE(alarms.size(), 1);
    QCOMPARE(alarms.first().ward, kWard1);
    QCOMPARE(alarms.first().before, qint64(kPerWard));
    QCOMPARE(alarms.first().after, qint64(0));
    QCOMPARE(alarms.first().removed, qint64(kPerWard));
    QCOMPARE(alarms.first().since, m_clock.now());
    QCOMPARE(engine->status().dropAlarms, alarms);

    // Data as of: the refused ward stays where it was, the other ward moves on.
    QCOMPARE(dataAsOf(kWard1), ward1AsOf);
    QCOMPARE(dataAsOf(kWard2), report->serverTime);
    QVERIFY(report->serverTime > ward1AsOf);
    QCOMPARE(engine->status().dataAsOf, ward1AsOf);

    // It stays held cycle after cycle, the alarm keeping its first time.
    const QDateTime firstHeld = alarms.first().since;
    later(3600);
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(storedAlarms().first().since, firstHeld);
    QCOMPARE(dataAsOf(kWard1), ward1AsOf);
    for (const QString& id : ward1)
        QVERIFY(inVault(id));
}

void TestMirrorPurgeGuard::configPointingAtAnEmptyWardIsHeld()
{
    auto first = makeEngine({kWard1}, 0);
    QVERIFY(first->runCycle().ok());
    const QDateTime ward1AsOf = dataAsOf(kWard1);
    first.reset();

    // IT mistypes the Location id: the EHR answers the search for it with an empty 200.
    later(60);
    auto wrong = makeEngine({QStringLiteral("ward-9")}, 0);
    auto report = wrong->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QCOMPARE(report->patientsPurged, qint64(0));
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(report->dropsHeld.first().ward, kWard1);
    for (const QString& id : patientsOf(kWard1))
        QVERIFY(inVault(id));
    QCOMPARE(wrong->status().patientsInScope, qint64(kPerWard));
    QCOMPARE(dataAsOf(kWard1), ward1AsOf); // not forgotten, not advanced: the device still shows how old ward 1 is
}

void TestMirrorPurgeGuard::thirtyPercentDropHeld()
{
    auto engine = makeEngine({kWard1}, 0);
    QVERIFY(engine->runCycle().ok());
    const QDateTime asOf = dataAsOf(kWard1);
    const QStringList leaving = discharge(kWard1, 3);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(report->dropsHeld.first().removed, qint64(3));
    QCOMPARE(report->dropsHeld.first().before, qint64(kPerWard));
    QCOMPARE(report->dropsHeld.first().after, qint64(kPerWard - 3));
    QCOMPARE(report->patientsPurged, qint64(0));
    for (const QString& id : leaving)
        QVERIFY(inVault(id) && !member(id)->outOfScopeSince.isValid());
    QCOMPARE(dataAsOf(kWard1), asOf);
}

void TestMirrorPurgeGuard::tenPercentDropAppliedAfterGrace()
{
    auto engine = makeEngine({kWard1});
    QVERIFY(engine->runCycle().ok());
    const QString leaving = discharge(kWard1, 1).first();
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QVERIFY(report->dropsHeld.isEmpty());
    QVERIFY(storedAlarms().isEmpty());
    QCOMPARE(dataAsOf(kWard1), report->serverTime);
    QVERIFY(member(leaving)->outOfScopeSince.isValid());
    QVERIFY(inVault(leaving)); // inside the grace period

    later(25 * 3600);
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(1));
    QVERIFY(!inVault(leaving));
    QVERIFY(!member(leaving));
}

void TestMirrorPurgeGuard::noPurgeWhileEhrDegraded()
{
    auto engine = makeEngine({kWard1});
    QVERIFY(engine->runCycle().ok());
    const QString leaving = discharge(kWard1, 1).first();
    QVERIFY(engine->runCycle().ok());
    later(25 * 3600);

    engine->health().recordFailure(QStringLiteral("heartbeat: HTTP 503"));
    QCOMPARE(engine->health().state(), EhrState::Degraded);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(0));
    QVERIFY2(report->purgeHeld.contains(QStringLiteral("degraded")), qPrintable(report->purgeHeld));
    QVERIFY(inVault(leaving));

    // The cycle's success brought the EHR back online: now the purge runs.
    QCOMPARE(engine->health().state(), EhrState::Online);
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(1));
    QVERIFY(!inVault(leaving));
}

void TestMirrorPurgeGuard::noPurgeWhileDowntimeOpen()
{
    auto engine = makeEngine({kWard1});
    QVERIFY(engine->runCycle().ok());
    const QString leaving = discharge(kWard1, 1).first();
    QVERIFY(engine->runCycle().ok());
    later(25 * 3600);

    // Declared (planned maintenance): the EHR may still answer, the downtime holds.
    QVERIFY(engine->health().declareDowntime(QStringLiteral("it.meyer"), QStringLiteral("drill")).ok());
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(engine->health().state(), EhrState::Downtime);
    QCOMPARE(report->patientsPurged, qint64(0));
    QVERIFY2(report->purgeHeld.contains(QStringLiteral("downtime")), qPrintable(report->purgeHeld));
    QVERIFY(inVault(leaving));

    // Ended: the cycle in recovery purges nothing either; the one after, online, does.
    QVERIFY(engine->health().endDowntime(QStringLiteral("it.meyer"), QStringLiteral("drill over")).ok());
    QCOMPARE(engine->health().state(), EhrState::Recovery);
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(0));
    QVERIFY(inVault(leaving));
    QCOMPARE(engine->health().state(), EhrState::Online);
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(1));
}

void TestMirrorPurgeGuard::patientWithOpenEntriesNeverPurged()
{
    auto engine = makeEngine({kWard1}, 0);
    QVERIFY(engine->runCycle().ok());
    const QStringList ward = patientsOf(kWard1);
    const QString pending = ward.at(0);
    const QString conflicting = ward.at(1);
    const QString pendingUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString conflictUuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    appendNote(pending, pendingUuid);
    appendNote(conflicting, conflictUuid);
    {
        auto vault = openVault();
        QVERIFY(vault::OutboxRepository(vault->db())
                    .markConflict(conflictUuid, record::ConflictReason::ServerRejected, QStringLiteral("HTTP 422"), m_clock.now())
                    .ok());
    }
    // Two of ten leave (20 %: within the share), and the grace period is 0.
    QCOMPARE(discharge(kWard1, 2), (QStringList{pending, conflicting}));
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QVERIFY(report->dropsHeld.isEmpty());
    QCOMPARE(report->patientsPurged, qint64(0));
    QCOMPARE(report->patientsKept, qint64(2));
    later(30 * 24 * 3600);
    QVERIFY(engine->runCycle().ok());
    QVERIFY(inVault(pending));
    QVERIFY(inVault(conflicting));

    // Reconciled: the entry reached the EHR (and the conflict was decided duplicate): now they go.
    {
        auto vault = openVault();
        vault::OutboxRepository outbox(vault->db());
        QVERIFY(outbox.markUploaded(pendingUuid, QStringLiteral("doc-1"), QStringLiteral("1"), m_clock.now()).ok());
        QVERIFY(outbox.decide(conflictUuid, record::Decision::MarkDuplicate, QStringLiteral("dr.wolf"), {}, m_clock.now()).ok());
    }
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->patientsPurged, qint64(2));
    QVERIFY(!inVault(pending));
    QVERIFY(!inVault(conflicting));
}

void TestMirrorPurgeGuard::confirmDropLetsTheNextCycleApplyIt()
{
    auto engine = makeEngine({kWard1, kWard2}, 0);
    QVERIFY(engine->runCycle().ok());
    const QStringList ward1 = patientsOf(kWard1);
    discharge(kWard1, kPerWard);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->dropsHeld.size(), 1);

    {
        auto vault = openVault();
        QVERIFY(!confirmHeldDrops(*vault, kWard2, QStringLiteral("it.meyer"), m_clock).ok()); // nothing held there
        auto confirmed = confirmHeldDrops(*vault, kWard1, QStringLiteral("it.meyer"), m_clock);
        QVERIFY2(confirmed.ok(), confirmed.ok() ? "" : qPrintable(confirmed.error().message));
        QCOMPARE(confirmed->size(), 1);
        audit::AuditLog log(*vault, m_clock);
        auto head = log.head();
        QVERIFY(head.ok() && head->has_value());
        QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::Purge));
        QCOMPARE((*head)->actor, QStringLiteral("it.meyer"));
        QVERIFY((*head)->detail.contains(kWard1));
    }

    later(60);
    report = engine->runCycle();
    QVERIFY2(report.ok(), report.ok() ? "" : qPrintable(report.error().message));
    QVERIFY(report->dropsHeld.isEmpty());
    QCOMPARE(report->patientsPurged, qint64(kPerWard)); // grace 0: gone in this cycle
    for (const QString& id : ward1)
        QVERIFY(!inVault(id));
    QVERIFY(storedAlarms().isEmpty());
    QCOMPARE(dataAsOf(kWard1), report->serverTime);
    QCOMPARE(engine->status().patientsInScope, qint64(kPerWard));
}

void TestMirrorPurgeGuard::confirmationDoesNotCoverALargerDrop()
{
    auto engine = makeEngine({kWard1}, 0);
    QVERIFY(engine->runCycle().ok());
    discharge(kWard1, 3);
    QVERIFY(engine->runCycle().ok());
    {
        auto vault = openVault();
        QVERIFY(confirmHeldDrops(*vault, QString(), QStringLiteral("it.meyer"), m_clock).ok());
    }
    // Before the next cycle the answer drops further: IT agreed to 3, not to 5.
    discharge(kWard1, 2);
    auto report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->dropsHeld.size(), 1);
    QCOMPARE(report->dropsHeld.first().removed, qint64(5));
    QCOMPARE(report->patientsPurged, qint64(0));
    QCOMPARE(engine->status().patientsInScope, qint64(kPerWard));
    // The spent confirmation is gone: the next cycle holds again.
    report = engine->runCycle();
    QVERIFY(report.ok());
    QCOMPARE(report->dropsHeld.size(), 1);
}

void TestMirrorPurgeGuard::maxDropPercentValidated()
{
    auto vault = openVault();
    QVERIFY(mirrorConfigKeys().contains(QStringLiteral("mirror.max_drop_percent")));
    QCOMPARE(loadMirrorConfig(*vault)->maxDropPercent, 20);
    QVERIFY(setMirrorConfigValue(*vault, QStringLiteral("mirror.max_drop_percent"), QStringLiteral("35")).ok());
    QCOMPARE(loadMirrorConfig(*vault)->maxDropPercent, 35);
    QVERIFY(setMirrorConfigValue(*vault, QStringLiteral("mirror.max_drop_percent"), QStringLiteral("0")).ok());
    QVERIFY(setMirrorConfigValue(*vault, QStringLiteral("mirror.max_drop_percent"), QStringLiteral("100")).ok());
    QCOMPARE(loadMirrorConfig(*vault)->maxDropPercent, 100);
    for (const QString& bad : {QStringLiteral("101"), QStringLiteral("-1"), QStringLiteral("twenty"), QStringLiteral("2.5")})
        QVERIFY2(!setMirrorConfigValue(*vault, QStringLiteral("mirror.max_drop_percent"), bad).ok(), qPrintable(bad));
    QCOMPARE(loadMirrorConfig(*vault)->maxDropPercent, 100);
}

QTEST_GUILESS_MAIN(TestMirrorPurgeGuard)
#include "test_mirror_purge_guard.moc"
