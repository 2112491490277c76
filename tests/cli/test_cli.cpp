// lanternctl as a person or a script uses it: a real process, real files,
// passphrases on standard input. Also the bad days: wrong passphrase, broken
// input, damaged files, a full disk — each a clear message, a non-zero exit,
// and nothing already stored lost.

#include "TestConfig.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");
// One Synthea patient; their allergies and active medications are counted
// independently by tests/tools/fhir_counts.py, not by Lantern's mapping.
const QString kSyntheaFile = QStringLiteral("synthea/Adolfo_Marquardt_50635536-8051-4085-bfd4-511a05062ac2.json");
const QString kSyntheaPatient = QStringLiteral("63731047-b5a9-4b05-a14b-8cf6507efc98");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initAddUserImportShow();
    void wrongPassphraseIsRefused();
    void weakPassphraseIsRefused();
    void malformedFhirIsReportedAndRestLoads();
    void corruptKeySlotFileIsReported();
    void foreignVaultFileIsReported();
    void fullDiskLosesNothing();
    void nurseCannotAddUsers();
    void downtimeIdRangeIsSetByItOnly();

private:
    Run ctl(const QStringList& args, const QStringList& stdinLines, const QStringList& prefix = {});
    void makeVault();
    QString dataFile(const QString& relative) const { return lantern::test::fhirDataDir() + QLatin1Char('/') + relative; }

    QTemporaryDir m_dir;
    QString m_vault;
};

Run TestCli::ctl(const QStringList& args, const QStringList& stdinLines, const QStringList& prefix)
{
    const QString binary = QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl");
    QProcess p;
    QStringList full = QStringList{QStringLiteral("--vault"), m_vault} + args;
    if (prefix.isEmpty()) {
        p.start(binary, full);
    } else {
        p.start(prefix.first(), prefix.mid(1) + QStringList{binary} + full);
    }
    if (!p.waitForStarted())
        return {};
    for (const QString& line : stdinLines)
        p.write(line.toUtf8() + '\n');
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestCli::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl")), "lanternctl not built");
    if (!QDir(lantern::test::fhirDataDir()).exists())
        QFAIL(qPrintable(lantern::test::fhirDataMissingMessage()));
}

void TestCli::makeVault()
{
    m_vault = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
    Run init = ctl({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("it.meyer"), QStringLiteral("--name"),
                    QStringLiteral("IT Meyer")},
                   {kAdminPass});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    Run add = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("user"), QStringLiteral("add"),
                   QStringLiteral("n.berger"), QStringLiteral("--role"), QStringLiteral("nurse"), QStringLiteral("--name"),
                   QStringLiteral("Nina Berger"), QStringLiteral("--wards"), QStringLiteral("ward-3b")},
                  {kAdminPass, kNursePass});
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
}

void TestCli::initAddUserImportShow()
{
    makeVault();
    Run import = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("import"), dataFile(kSyntheaFile)},
                     {kAdminPass});
    QVERIFY2(import.exitCode == 0, qPrintable(import.err + import.out));
    QVERIFY(import.out.contains(QStringLiteral("0 skipped")));

    // The Synthea patient has no current stay on any ward: nobody's ward, so not
    // on the nurse's list, and shown only by breaking the glass (see test_cli_access).
    Run list = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("list")}, {kNursePass});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(!list.out.contains(kSyntheaPatient));

    // The independent count of allergies and active medications for this file.
    QProcess counter;
    counter.start(QStringLiteral("python3"), {QStringLiteral(LANTERN_SOURCE_DIR "/tests/tools/fhir_counts.py"), lantern::test::fhirDataDir()});
    QVERIFY(counter.waitForFinished(60000));
    const QJsonObject counts = QJsonDocument::fromJson(counter.readAllStandardOutput()).object();
    const QJsonObject forPatient = counts.value(kSyntheaFile).toObject().value(kSyntheaPatient).toObject();
    QVERIFY2(!forPatient.isEmpty(), "fhir_counts.py did not count the patient");

    Run show = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("show"), kSyntheaPatient,
                    QStringLiteral("--break-glass"), QStringLiteral("emergency")},
                   {kNursePass});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QVERIFY2(show.out.contains(QStringLiteral("Allergies: %1").arg(forPatient.value(QStringLiteral("allergies")).toInt())), qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("Active medications: %1").arg(forPatient.value(QStringLiteral("activeMeds")).toInt())),
             qPrintable(show.out));

    Run verify = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("verify")}, {kAdminPass});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    QVERIFY(verify.out.contains(QStringLiteral("audit chain:      ok")));
}

void TestCli::wrongPassphraseIsRefused()
{
    makeVault();
    Run wrong = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("list")},
                    {QStringLiteral("definitely-not-it")});
    QCOMPARE(wrong.exitCode, 3);
    QVERIFY2(wrong.err.contains(QStringLiteral("passphrase")), qPrintable(wrong.err));
    QVERIFY(wrong.out.isEmpty());
}

void TestCli::weakPassphraseIsRefused()
{
    m_vault = m_dir.filePath(QStringLiteral("weak"));
    for (const QString& weak : {QStringLiteral("praxis"), QStringLiteral("Admin123"), QStringLiteral("hospitalhospital")}) {
        Run init = ctl({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("it.meyer")}, {weak});
        QVERIFY2(init.exitCode != 0, qPrintable(weak));
        QVERIFY(!init.err.isEmpty());
        QVERIFY(!QFile::exists(m_vault + QStringLiteral("/vault.db")));
    }
}

void TestCli::malformedFhirIsReportedAndRestLoads()
{
    makeVault();
    const QString bad = m_dir.filePath(QStringLiteral("mixed.ndjson"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"resourceType":"Patient","id":"p-ok","name":[{"family":"Okafor"}]})" "\n");
    f.write(R"({"resourceType":"Patient","id":"p-broken","birthDate":17})" "\n");
    f.write("{ this is not json\n");
    f.write(R"({"resourceType":"AllergyIntolerance","id":"a1","patient":{"reference":"Patient/p-ok"}})" "\n");
    f.close();
    Run import = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("import"), bad}, {kAdminPass});
    QCOMPARE(import.exitCode, 1);
    QVERIFY2(import.err.contains(QStringLiteral("line 2")) && import.err.contains(QStringLiteral("birthDate")), qPrintable(import.err));
    QVERIFY2(import.err.contains(QStringLiteral("line 3")), qPrintable(import.err));
    QVERIFY(import.out.contains(QStringLiteral("2 resources stored, 2 skipped")));
    const auto show = [&](const QString& id) {
        return ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("show"), id,
                    QStringLiteral("--break-glass"), QStringLiteral("emergency")},
                   {kNursePass});
    };
    QCOMPARE(show(QStringLiteral("p-ok")).exitCode, 0);
    QCOMPARE(show(QStringLiteral("p-broken")).exitCode, 1); // not stored
}

void TestCli::corruptKeySlotFileIsReported()
{
    makeVault();
    const QString slots = m_vault + QStringLiteral("/keyslots.json");
    const QByteArray original = lantern::test::readFile(slots);
    QFile f(slots);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(original.left(original.size() / 2));
    f.close();
    Run run = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("list")}, {kNursePass});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QStringLiteral("keyslots.json")), qPrintable(run.err));
}

void TestCli::foreignVaultFileIsReported()
{
    makeVault();
    const QString db = m_vault + QStringLiteral("/vault.db");
    QFile::remove(db + QStringLiteral("-wal"));
    QFile::remove(db + QStringLiteral("-shm"));
    QFile f(db);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray(16384, '\x5a'));
    f.close();
    Run run = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("list")}, {kNursePass});
    QVERIFY(run.exitCode != 0);
    QVERIFY2(run.err.contains(QStringLiteral("vault")), qPrintable(run.err));
}

void TestCli::fullDiskLosesNothing()
{
    makeVault();
    Run first = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("import"), dataFile(kSyntheaFile)}, {kAdminPass});
    QCOMPARE(first.exitCode, 0);
    // A file size limit (per file) makes every write past it fail as a full disk
    // would: the 3.6 MB bundle cannot fit into a write-ahead log capped at 256 KiB.
    const qint64 limit = 256 * 1024;
    const QString big = m_dir.filePath(QStringLiteral("big.json"));
    QVERIFY(QFile::copy(dataFile(QStringLiteral("synthea/Juliette_Padberg_4acd4ca8-d54b-47f4-bd13-051276711265.json")), big));
    Run full = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("import"), big}, {kAdminPass},
                   {QStringLiteral("prlimit"), QStringLiteral("--fsize=%1").arg(limit)});
    QVERIFY2(full.exitCode != 0, qPrintable(full.out));
    QVERIFY2(!full.err.isEmpty(), "no message on a full disk");

    const auto show = [&](const QString& id) {
        return ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("patient"), QStringLiteral("show"), id,
                    QStringLiteral("--break-glass"), QStringLiteral("emergency")},
                   {kNursePass});
    };
    Run kept = show(kSyntheaPatient);
    QVERIFY2(kept.exitCode == 0, qPrintable(kept.err));
    QCOMPARE(show(QStringLiteral("10fe9427-a075-4d8c-8af7-1d4d24f72112")).exitCode, 1); // Padberg: nothing of the failed import
    Run verify = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("verify")}, {kAdminPass});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
}

void TestCli::nurseCannotAddUsers()
{
    makeVault();
    Run add = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("x.y"),
                   QStringLiteral("--role"), QStringLiteral("it-admin")},
                  {kNursePass, QStringLiteral("Another-long-enough-pass-1")});
    QVERIFY(add.exitCode != 0);
    QVERIFY(!add.err.isEmpty());
}

void TestCli::downtimeIdRangeIsSetByItOnly()
{
    makeVault();
    const QStringList admin{QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("downtime-ids")};
    Run none = ctl(admin + QStringList{QStringLiteral("show")}, {kAdminPass});
    QCOMPARE(none.exitCode, 0);
    QVERIFY2(none.out.contains(QStringLiteral("no downtime identifier range")), qPrintable(none.out));
    const QStringList range{QStringLiteral("set"), QStringLiteral("urn:oid:1.2.276.0.76.4711"), QStringLiteral("DT-"),
                            QStringLiteral("5000"), QStringLiteral("5999")};
    Run set = ctl(admin + range, {kAdminPass});
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    QVERIFY2(set.out.contains(QStringLiteral("DT-5000 .. DT-5999, next DT-5000 (1000 left)")), qPrintable(set.out));
    Run backwards = ctl(admin + QStringList{QStringLiteral("set"), QStringLiteral("urn:oid:1.2.276.0.76.4711"),
                                            QStringLiteral("DT-"), QStringLiteral("6000"), QStringLiteral("5000")},
                        {kAdminPass});
    QCOMPARE(backwards.exitCode, 1);
    QVERIFY(backwards.err.contains(QStringLiteral("first <= last")));
    Run nurse = ctl({QStringLiteral("--user"), QStringLiteral("n.berger"), QStringLiteral("downtime-ids"), QStringLiteral("show")},
                    {kNursePass});
    QCOMPARE(nurse.exitCode, 3);
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
