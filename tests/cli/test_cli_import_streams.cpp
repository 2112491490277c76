// lanternctl import from streams, through the real binary (issue #13 defect 5):
// /dev/zero ends at once with a clear error and little memory; valid JSON and
// NDJSON arrive through a pipe as "-" and as /dev/stdin (after the passphrase
// line on the same standard input); a FIFO with no writer gives up after
// --writer-wait (both spellings) and one with a writer imports; an endless
// line or document stops at its limit. Nothing seeks, so nothing says
// "Cannot set file position 0".

#include "../tamper/TamperSupport.h"
#include "../support/ChildProcess.h"

#include <QProcess>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace lantern;
using namespace lantern::test;

class TestCliImportStreams : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void devZeroEndsWithClearErrorAndLittleMemory(); // first: the children's peak memory is still only its own
    void jsonThroughPipe();
    void jsonThroughDevStdin();
    void ndjsonThroughPipe();
    void fifoWithoutWriterGivesUp_data();
    void fifoWithoutWriterGivesUp();
    void fifoWithWriterImports();
    void badWriterWaitIsUsage();
    void endlessLineStopsAtLimit();
    void endlessDocumentStopsAtLimit();

private:
    CtlRun import(const QStringList& args, const QByteArray& afterPassphrase = {});
    // bash -c SCRIPT with $CTL, $VAULT and $PASS set; what lanternctl printed.
    CtlRun shell(const QString& script);

    TamperVault m_vault;
    QString m_dir;
    QByteArray m_bundle;
    QByteArray m_ndjson;
};

CtlRun TestCliImportStreams::import(const QStringList& args, const QByteArray& afterPassphrase)
{
    return runLanternctl(QStringList{QStringLiteral("--vault"), m_dir, QStringLiteral("--user"), kTamperAdmin, QStringLiteral("import")} + args,
                         kTamperAdminPass.toUtf8() + '\n' + afterPassphrase);
}

CtlRun TestCliImportStreams::shell(const QString& script)
{
    QProcess p;
    endWithThisProcess(p);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CTL"), lanternctlPath());
    env.insert(QStringLiteral("VAULT"), m_dir);
    env.insert(QStringLiteral("PASS"), kTamperAdminPass);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
    if (!p.waitForStarted() || !p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void TestCliImportStreams::initTestCase()
{
    QVERIFY2(QFile::exists(lanternctlPath()), "lanternctl not built");
    const QString problem = m_vault.create();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_dir = m_vault.copy(QStringLiteral("vault"));
    m_bundle = wardBundle({{QStringLiteral("ward-5c"), QStringLiteral("p-stream"), QStringLiteral("MRN-5C"), QStringLiteral("Stream")}});
    for (const QJsonValue& entry : QJsonDocument::fromJson(m_bundle).object().value(QStringLiteral("entry")).toArray())
        m_ndjson += QJsonDocument(entry.toObject().value(QStringLiteral("resource")).toObject()).toJson(QJsonDocument::Compact) + '\n';
    QFile bundle(m_vault.tempPath(QStringLiteral("bundle.json")));
    QVERIFY(bundle.open(QIODevice::WriteOnly));
    bundle.write(m_bundle);
}

void TestCliImportStreams::devZeroEndsWithClearErrorAndLittleMemory()
{
    const CtlRun run = import({QStringLiteral("/dev/zero")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("zero is not FHIR JSON or NDJSON")) && run.err.contains(QStringLiteral("0x00")),
             qPrintable(run.err));
    // The largest child this test has waited for so far is that lanternctl: it read a
    // little of /dev/zero, not hundreds of megabytes (the defect: 743 MB in 24 s).
    rusage usage{};
    QCOMPARE(::getrusage(RUSAGE_CHILDREN, &usage), 0);
    const long peakMiB = usage.ru_maxrss / 1024;
    qInfo("lanternctl import /dev/zero: peak memory %ld MiB", peakMiB);
    QVERIFY2(peakMiB < 128, qPrintable(QStringLiteral("peak %1 MiB").arg(peakMiB)));
}

void TestCliImportStreams::jsonThroughPipe()
{
    const CtlRun run = import({QStringLiteral("-")}, m_bundle);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("resources stored, 0 skipped, 1 patients")), qPrintable(run.out));
    QVERIFY(!run.err.contains(QStringLiteral("file position")));
}

void TestCliImportStreams::jsonThroughDevStdin()
{
    const CtlRun run = import({QStringLiteral("/dev/stdin")}, m_bundle);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("/dev/stdin: ")) && run.out.contains(QStringLiteral(" 0 skipped, 1 patients")),
             qPrintable(run.out));
}

void TestCliImportStreams::ndjsonThroughPipe()
{
    // Through QProcess's pipe, then through a shell pipe into /dev/stdin.
    const CtlRun piped = import({QStringLiteral("-")}, m_ndjson);
    QVERIFY2(piped.exitCode == 0, qPrintable(piped.err));
    QVERIFY2(piped.out.contains(QStringLiteral("0 skipped")), qPrintable(piped.out));
    QFile ndjson(m_vault.tempPath(QStringLiteral("data.ndjson.txt")));
    QVERIFY(ndjson.open(QIODevice::WriteOnly));
    ndjson.write(m_ndjson);
    ndjson.close();
    const CtlRun shellPipe = shell(QStringLiteral("{ printf '%s\\n' \"$PASS\"; cat '%1'; } | \"$CTL\" --vault \"$VAULT\" --user it.meyer import /dev/stdin")
                                       .arg(ndjson.fileName()));
    QVERIFY2(shellPipe.exitCode == 0, qPrintable(shellPipe.err));
    QVERIFY2(shellPipe.out.contains(QStringLiteral("/dev/stdin: ")) && shellPipe.out.contains(QStringLiteral(" 0 skipped, 1 patients")),
             qPrintable(shellPipe.out));
}

void TestCliImportStreams::fifoWithoutWriterGivesUp_data()
{
    QTest::addColumn<QStringList>("option");
    QTest::newRow("--writer-wait 1") << QStringList{QStringLiteral("--writer-wait"), QStringLiteral("1")};
    QTest::newRow("--writer-wait=1") << QStringList{QStringLiteral("--writer-wait=1")};
}

void TestCliImportStreams::fifoWithoutWriterGivesUp()
{
    QFETCH(QStringList, option);
    const QString fifo = m_vault.tempPath(QStringLiteral("lonely.fifo"));
    QFile::remove(fifo);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const CtlRun run = import(option + QStringList{fifo});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("no program wrote to the FIFO")) && run.err.contains(QStringLiteral("within 1 seconds")),
             qPrintable(run.err));
}

void TestCliImportStreams::fifoWithWriterImports()
{
    const QString fifo = m_vault.tempPath(QStringLiteral("fed.fifo"));
    QFile::remove(fifo);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess writer;
    endWithThisProcess(writer);
    writer.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("cat \"$0\" > \"$1\""),
                                             m_vault.tempPath(QStringLiteral("bundle.json")), fifo});
    QVERIFY(writer.waitForStarted());
    const CtlRun run = import({QStringLiteral("--writer-wait"), QStringLiteral("120"), fifo});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("fed.fifo: ")), qPrintable(run.out));
    QVERIFY(writer.waitForFinished());
}

void TestCliImportStreams::badWriterWaitIsUsage()
{
    for (const QStringList& args : {QStringList{QStringLiteral("--writer-wait"), QStringLiteral("soon"), QStringLiteral("-")},
                                    QStringList{QStringLiteral("--writer-wait=-1"), QStringLiteral("-")},
                                    QStringList{QStringLiteral("-"), QStringLiteral("-")}}) {
        const CtlRun run = import(args);
        QVERIFY2(run.exitCode == 2, qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + run.err));
    }
}

void TestCliImportStreams::endlessLineStopsAtLimit()
{
    // A valid first line, then one that never ends: the import stops at 64 MiB.
    const CtlRun run = shell(QStringLiteral(
        "{ printf '%s\\n' \"$PASS\"; printf '{\"resourceType\":\"Location\",\"id\":\"endless\"}\\n{\"resourceType\":\"Patient\",\"id\":\"'; "
        "tr '\\0' a < /dev/zero; } | \"$CTL\" --vault \"$VAULT\" --user it.meyer import -"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("line 2 is longer than 64 MiB")), qPrintable(run.err));
}

void TestCliImportStreams::endlessDocumentStopsAtLimit()
{
    // No newline at all: one JSON document, refused at 256 MiB with nothing imported.
    const CtlRun run = shell(QStringLiteral(
        "{ printf '%s\\n' \"$PASS\"; printf '{\"resourceType\":\"Bundle\",\"x\":\"'; tr '\\0' a < /dev/zero; } | "
        "\"$CTL\" --vault \"$VAULT\" --user it.meyer import -"));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QStringLiteral("larger than 256 MiB")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliImportStreams)
#include "test_cli_import_streams.moc"
