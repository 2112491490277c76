// Crash harness, scenario "snapshot": `lanternctl --device snapshot import` of a
// signed, sealed snapshot (a small ward and one Synthea patient) killed with
// SIGKILL at random moments, each time in a fresh copy of the receiving vault.
// The merge is one transaction: after every kill the vault opens (device.key,
// the administrator's passphrase), integrity_check and the audit chain are ok,
// and it holds either nothing of the snapshot or all of it; a clean import
// afterwards completes it (or is refused as a replay when it had committed).

#include "../access/WardBundle.h"
#include "CrashHarness.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/import/Importer.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace lantern;
using namespace lantern::crash;

class TestCrashSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importKilledAnywhereIsAllOrNothing();

private:
    static QString publicKeyOf(const QString& vault);
    static qint64 resourceCount(const QString& vault);
    ChildCommand importSnapshot(const QString& vault) const;

    QTemporaryDir m_tmp;
    QString m_receiver; // closed template: trusts the sender, holds nothing of the snapshot
    QString m_file;
    int m_copies = 0;
};

QString TestCrashSnapshot::publicKeyOf(const QString& vault)
{
    const ChildOutcome shown = runChild(lanternctlAsDevice(vault, {QStringLiteral("device"), QStringLiteral("show"), QStringLiteral("--json")}));
    return QJsonDocument::fromJson(shown.out).object().value(QStringLiteral("publicKey")).toString();
}

qint64 TestCrashSnapshot::resourceCount(const QString& vault)
{
    auto opened = access::VaultAccess().unlockAsDevice(vault);
    if (!opened.ok())
        return -1;
    auto count = vault::ResourceRepository((*opened)->db()).count();
    return count.ok() ? *count : -1;
}

ChildCommand TestCrashSnapshot::importSnapshot(const QString& vault) const
{
    return lanternctlAsDevice(vault, {QStringLiteral("snapshot"), QStringLiteral("import"), m_file});
}

void TestCrashSnapshot::initTestCase()
{
    const QString sender = m_tmp.filePath(QStringLiteral("sender"));
    m_receiver = m_tmp.filePath(QStringLiteral("receiver"));
    QString created = createVault(sender);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    created = createVault(m_receiver);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    {
        auto admin = access::VaultAccess().unlock(sender, kAdmin, kAdminPass);
        QVERIFY(admin.ok());
        import::Importer importer(admin->vault());
        const QByteArray ward = test::wardBundle({{kWard, QStringLiteral("p-1"), QStringLiteral("MRN-1"), QStringLiteral("Ahrens")},
                                                  {kWard, QStringLiteral("p-2"), QStringLiteral("MRN-2"), QStringLiteral("Brandt")},
                                                  {kWard, QStringLiteral("p-3"), QStringLiteral("MRN-3"), QStringLiteral("Claussen")}});
        QVERIFY(importer.importJson(ward, QStringLiteral("ward.json")).ok());
        const QString synthea = test::fhirDataDir() + QStringLiteral("/synthea/Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json");
        QVERIFY2(QFile::exists(synthea), qPrintable(test::fhirDataMissingMessage()));
        QVERIFY(importer.importFile(synthea).ok());
    }
    const QString senderKey = publicKeyOf(sender);
    const QString receiverKey = publicKeyOf(m_receiver);
    QVERIFY(!senderKey.isEmpty() && !receiverKey.isEmpty());
    const ChildOutcome trusted = runChild(lanternctl(m_receiver, kAdmin, kAdminPass,
                                                     {QStringLiteral("device"), QStringLiteral("trust"), senderKey, QStringLiteral("--name"), QStringLiteral("PC A")}));
    QVERIFY2(trusted.finishedWith(0), trusted.err.constData());
    m_file = m_tmp.filePath(QStringLiteral("ward.snap"));
    const ChildOutcome exported = runChild(lanternctlAsDevice(sender, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"),
                                                                       receiverKey, QStringLiteral("--out"), m_file}));
    QVERIFY2(exported.finishedWith(0), exported.err.constData());
}

void TestCrashSnapshot::importKilledAnywhereIsAllOrNothing()
{
    const qint64 before = resourceCount(m_receiver);
    QVERIFY(before >= 0);
    // An import never killed: how long it takes here, and what it leaves.
    const QString timed = m_tmp.filePath(QStringLiteral("timed"));
    QVERIFY(copyVault(m_receiver, timed));
    QElapsedTimer timer;
    timer.start();
    const ChildOutcome clean = runChild(importSnapshot(timed));
    const int spanMs = int(timer.elapsed());
    QVERIFY2(clean.finishedWith(0), clean.err.constData());
    const qint64 full = resourceCount(timed);
    QVERIFY(full > before);

    CrashPlan plan(QStringLiteral("snapshot"));
    int committed = 0;
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const QString vault = m_tmp.filePath(QStringLiteral("copy-%1").arg(++m_copies));
        QVERIFY(copyVault(m_receiver, vault));
        const ChildOutcome run = runChild(importSnapshot(vault), plan.delayMs(spanMs * 9 / 10));
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        if (!run.killed) {
            QDir(vault).removeRecursively();
            continue;
        }
        plan.killed();
        const QString where = QStringLiteral("after kill %1: ").arg(plan.kills());
        const QString problem = checkVault(vault, kAdmin, {kAdminPass});
        QVERIFY2(problem.isEmpty(), qPrintable(where + problem));
        const qint64 afterKill = resourceCount(vault);
        QVERIFY2(afterKill == before || afterKill == full,
                 qPrintable(where + QStringLiteral("%1 resources: neither %2 (nothing) nor %3 (all)").arg(afterKill).arg(before).arg(full)));
        const ChildOutcome again = runChild(importSnapshot(vault));
        if (afterKill == before)
            QVERIFY2(again.finishedWith(0), qPrintable(where + QString::fromUtf8(again.err)));
        else
            ++committed;
        QCOMPARE(resourceCount(vault), full);
        plan.recovered();
        QDir(vault).removeRecursively();
    }
    std::printf("CRASH snapshot: %d kills after the merge committed, %d before\n", committed, plan.kills() - committed);
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
}

QTEST_GUILESS_MAIN(TestCrashSnapshot)
#include "test_crash_snapshot.moc"
