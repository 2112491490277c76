// Crash harness, scenario "entries": lantern-crash-recorder records
// administrations, notes and reported allergies through core/record and is
// killed with SIGKILL at random moments. After every kill the vault opens
// (device.key and the nurse's passphrase), integrity_check and the audit chain
// are ok, and every entry the recorder confirmed before it died is in the
// outbox exactly once. Entries committed but not yet confirmed may be there.

#include "CrashHarness.h"
#include "RecordFixture.h"

#include "core/access/VaultAccess.h"
#include "core/import/Importer.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace lantern;
using namespace lantern::crash;

namespace {

const int kEntriesPerRun = 30;

// Empty when every confirmed uuid is in the outbox exactly once (and no uuid twice).
QString confirmedEntriesOnce(const QString& dir, const QSet<QString>& confirmed, int* stored)
{
    auto vault = access::VaultAccess().unlockAsDevice(dir);
    if (!vault.ok())
        return vault.error().message;
    auto items = vault::OutboxRepository((*vault)->db()).items();
    if (!items.ok())
        return items.error().message;
    QHash<QString, int> seen;
    for (const record::OutboxItem& item : std::as_const(*items))
        ++seen[item.entry.uuid];
    *stored = int(items->size());
    for (auto it = seen.constBegin(); it != seen.constEnd(); ++it) {
        if (it.value() != 1)
            return QStringLiteral("entry %1 stored %2 times").arg(it.key()).arg(it.value());
    }
    for (const QString& uuid : confirmed) {
        if (!seen.contains(uuid))
            return QStringLiteral("confirmed entry %1 is lost").arg(uuid);
    }
    return {};
}

} // namespace

class TestCrashEntries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void confirmedEntriesSurviveEveryKill();
};

void TestCrashEntries::confirmedEntriesSurviveEveryKill()
{
    QVERIFY2(QFile::exists(recorderPath()), "lantern-crash-recorder not built");
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("vault"));
    const QString created = createVault(dir);
    QVERIFY2(created.isEmpty(), qPrintable(created));
    {
        auto admin = access::VaultAccess().unlock(dir, kAdmin, kAdminPass);
        QVERIFY(admin.ok());
        const QByteArray ward = QJsonDocument(test::RecordFixture::wardBundle(QDateTime::currentDateTimeUtc())).toJson();
        auto imported = import::Importer(admin->vault()).importJson(ward, QStringLiteral("ward.json"));
        QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
    }
    ChildCommand recorder;
    recorder.program = recorderPath();
    recorder.args = QStringList{dir, kNurse, test::kPatientNoAllergy, test::kOrderPat2, QString::number(kEntriesPerRun)};
    recorder.input = kNursePass.toUtf8() + '\n';

    // One clean run first: it must work, and its length spreads the kills over a run.
    QSet<QString> confirmed;
    QElapsedTimer timer;
    timer.start();
    const ChildOutcome clean = runChild(recorder);
    const int spanMs = int(timer.elapsed());
    QVERIFY2(clean.finishedWith(0), clean.err.constData());
    for (const QString& uuid : clean.linesAfter("CONFIRMED "))
        confirmed.insert(uuid);
    QCOMPARE(int(confirmed.size()), kEntriesPerRun);

    CrashPlan plan(QStringLiteral("entries"));
    int stored = 0;
    for (int attempt = 0; !plan.done() && attempt < plan.killsWanted() * 4; ++attempt) {
        const ChildOutcome run = runChild(recorder, plan.delayMs(spanMs * 9 / 10));
        QVERIFY2(run.started, "lantern-crash-recorder did not start");
        QVERIFY2(run.killed || run.exitCode == 0, run.err.constData());
        for (const QString& uuid : run.linesAfter("CONFIRMED "))
            confirmed.insert(uuid);
        if (run.killed)
            plan.killed();
        const QString vaultProblem = checkVault(dir, kNurse, {kNursePass});
        QVERIFY2(vaultProblem.isEmpty(), qPrintable(QStringLiteral("after kill %1: %2").arg(plan.kills()).arg(vaultProblem)));
        const QString entryProblem = confirmedEntriesOnce(dir, confirmed, &stored);
        QVERIFY2(entryProblem.isEmpty(), qPrintable(QStringLiteral("after kill %1: %2").arg(plan.kills()).arg(entryProblem)));
        if (run.killed)
            plan.recovered();
    }
    std::printf("CRASH entries: %d confirmed, %d stored (committed but killed before confirming: %d)\n",
                int(confirmed.size()), stored, stored - int(confirmed.size()));
    plan.printSummary();
    QVERIFY2(plan.done(), qPrintable(QStringLiteral("only %1 kills landed").arg(plan.kills())));
}

QTEST_GUILESS_MAIN(TestCrashEntries)
#include "test_crash_entries.moc"
