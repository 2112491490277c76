// Crash harness, scenario "import": `lanternctl import` of two Synthea patients
// (FHIR transaction Bundles) killed with SIGKILL at random moments. After every
// kill the vault opens (device.key, the administrator's passphrase),
// integrity_check and the audit chain are ok; an import that finished starts
// over in a fresh vault so the kills keep landing inside real writes. At the end
// one clean import leaves exactly what a never-killed import left: the same
// resources in the same versions, none twice.

#include "CrashHarness.h"
#include "MirrorTestSupport.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::crash;

class TestCrashImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedImportsResumeToTheSameVault();

private:
    struct Content
    {
        test::VersionMap versions;
        qint64 resources = -1;
    };
    static Content contentOf(const QString& dir);
};

TestCrashImport::Content TestCrashImport::contentOf(const QString& dir)
{
    Content content;
    auto vault = access::VaultAccess().unlockAsDevice(dir);
    if (!vault.ok())
        return content;
    content.versions = test::actualFromVault(**vault);
    auto count = vault::ResourceRepository((*vault)->db()).count();
    content.resources = count.ok() ? *count : -1;
    return content;
}

void TestCrashImport::killedImportsResumeToTheSameVault()
{
    const QDir synthea(test::fhirDataDir() + QStringLiteral("/synthea"));
    const QStringList files{synthea.filePath(QStringLiteral("Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json")),
                            synthea.filePath(QStringLiteral("Clint_Champlin_4e83f4d0-0461-47bf-9711-292d8f5d69ff.json"))};
    for (const QString& file : files)
        QVERIFY2(QFile::exists(file), qPrintable(test::fhirDataMissingMessage()));
    QTemporaryDir tmp;
    const QStringList importArgs = QStringList{QStringLiteral("import")} + files;

    // The never-killed import, and how long it takes here.
    const QString reference = tmp.filePath(QStringLiteral("reference"));
    QString created = createVault(reference);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    QElapsedTimer timer;
    timer.start();
    const ChildOutcome clean = runChild(lanternctl(reference, kAdmin, kAdminPass, importArgs));
    const int spanMs = int(timer.elapsed());
    QVERIFY2(clean.finishedWith(0), clean.err.constData());
    const Content expected = contentOf(reference);
    QVERIFY(expected.resources > 0);

    CrashPlan plan(QStringLiteral("import"));
    const QString dir = tmp.filePath(QStringLiteral("crashed"));
    created = createVault(dir);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const ChildOutcome run = runChild(lanternctl(dir, kAdmin, kAdminPass, importArgs), plan.delayMs(spanMs * 9 / 10));
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        if (run.killed)
            plan.killed();
        const QString problem = checkVault(dir, kAdmin, {kAdminPass});
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after kill %1: %2").arg(plan.kills()).arg(problem)));
        if (run.killed) {
            plan.recovered();
        } else { // it finished before the kill: start over, so the next kills land in real writes
            const Content finished = contentOf(dir);
            QVERIFY2(finished.versions == expected.versions && finished.resources == expected.resources,
                     qPrintable(test::describeDifference(expected.versions, finished.versions)));
            QVERIFY(QDir(dir).removeRecursively());
            created = createVault(dir);
            QVERIFY2(created.isEmpty(), qPrintable(created));
        }
    }
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));

    const ChildOutcome last = runChild(lanternctl(dir, kAdmin, kAdminPass, importArgs));
    QVERIFY2(last.finishedWith(0), last.err.constData());
    const Content actual = contentOf(dir);
    QVERIFY2(actual.versions == expected.versions, qPrintable(test::describeDifference(expected.versions, actual.versions)));
    QCOMPARE(actual.resources, expected.resources);
}

QTEST_GUILESS_MAIN(TestCrashImport)
#include "test_crash_import.moc"
