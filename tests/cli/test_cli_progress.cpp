// Quiet by default, progress when asked (#11): `lanternctl import --progress`
// and `lanternctl sync --once --progress` print one "progress" line per step of
// a long operation, the way `reconcile run --progress` does; without the option
// the output is the summary alone, with no log line per committed batch.
// lanternctl runs as a child process; sync runs against the in-process simulator.

#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/common/Clock.h"
#include "core/import/Importer.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"

#include <SimServer.h>

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kAdmin = QStringLiteral("itops");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
// More than two import batches, so progress has something to count.
constexpr int kObservations = 2 * import::Importer::kDefaultBatchSize + 500;

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

// A patient and their heart rates, one resource per line.
QByteArray ndjson()
{
    QByteArray out = R"({"resourceType":"Patient","id":"p1","name":[{"family":"Test"}]})" "\n";
    for (int i = 0; i < kObservations; ++i) {
        out += QStringLiteral(R"({"resourceType":"Observation","id":"hr-%1","status":"final",)"
                              R"("category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],)"
                              R"("code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},)"
                              R"("effectiveDateTime":"2026-01-01T10:%2:00Z","valueQuantity":{"value":70,"unit":"/min"}})")
                   .arg(i)
                   .arg(i % 60, 2, 10, QLatin1Char('0'))
                   .toUtf8()
            + '\n';
    }
    return out;
}

// The numbers of the progress lines, in order.
QList<qint64> progressCounts(const QString& out, const QString& pattern)
{
    QList<qint64> counts;
    const QRegularExpression line(pattern, QRegularExpression::MultilineOption);
    for (auto it = line.globalMatch(out); it.hasNext();)
        counts << it.next().captured(1).toLongLong();
    return counts;
}

} // namespace

class TestCliProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void importShowsProgressOnlyWhenAsked();
    void syncOnceShowsProgressOnlyWhenAsked();

private:
    Run ctl(const QStringList& args, const QStringList& stdinLines = {});

    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    QTemporaryDir m_dir;
    QString m_vault;
    std::unique_ptr<sim::SimServer> m_server;
};

Run TestCliProgress::ctl(const QStringList& args, const QStringList& stdinLines)
{
    QProcess p;
    p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"), QStringList{QStringLiteral("--vault"), m_vault} + args);
    Run r;
    if (!p.waitForStarted())
        return r;
    for (const QString& line : stdinLines)
        p.write(line.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(10000);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestCliProgress::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl")), "lanternctl not built");
    QVERIFY(m_dir.isValid());
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 12;
    options.generator.seed = 11;
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    auto started = m_server->start();
    QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));

    m_vault = m_dir.filePath(QStringLiteral("device"));
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto session = access.initialise(m_vault, kAdmin, QStringLiteral("Ward IT"), kAdminPass);
    QVERIFY2(session.ok(), session.ok() ? "" : qPrintable(session.error().message));
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
    QVERIFY(sync::setMirrorConfigValue(session->vault(), QStringLiteral("mirror.wards"), QStringLiteral("ward-1")).ok());
}

void TestCliProgress::cleanupTestCase()
{
    m_server.reset(); // stopped here whatever failed above
}

void TestCliProgress::importShowsProgressOnlyWhenAsked()
{
    const QString file = m_dir.filePath(QStringLiteral("vitals.ndjson"));
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(ndjson());
    }
    const QStringList asAdmin{QStringLiteral("--user"), kAdmin, QStringLiteral("import")};

    Run quiet = ctl(asAdmin + QStringList{file}, {kAdminPass});
    QVERIFY2(quiet.code == 0, qPrintable(quiet.out + quiet.err));
    QVERIFY2(quiet.out.contains(QStringLiteral("%1 resources stored, 0 skipped").arg(kObservations + 1)), qPrintable(quiet.out));
    QVERIFY2(!quiet.out.contains(QRegularExpression(QStringLiteral("^progress "), QRegularExpression::MultilineOption)),
             qPrintable(quiet.out)); // (the temporary folder's name has the word in it)
    QVERIFY2(!quiet.err.contains(QStringLiteral("committed")), qPrintable(quiet.err)); // no log line per batch

    // Again with progress: the same file, read in batches of 1000, and the summary after it.
    Run loud = ctl(asAdmin + QStringList{QStringLiteral("--progress"), file}, {kAdminPass});
    QVERIFY2(loud.code == 0, qPrintable(loud.out + loud.err));
    const QList<qint64> counts = progressCounts(loud.out, QStringLiteral("^progress .*vitals\\.ndjson: (\\d+) resources read$"));
    QVERIFY2(counts.size() >= 3, qPrintable(loud.out)); // one line per committed batch of 1000
    QVERIFY(std::is_sorted(counts.cbegin(), counts.cend()));
    QCOMPARE(counts.last(), qint64(kObservations + 1));
    QVERIFY2(loud.out.contains(QStringLiteral("%1 resources stored, 0 skipped").arg(kObservations + 1)), qPrintable(loud.out));
    QVERIFY2(!loud.err.contains(QStringLiteral("committed")), qPrintable(loud.err));
}

void TestCliProgress::syncOnceShowsProgressOnlyWhenAsked()
{
    m_clock.set(QDateTime::currentDateTimeUtc());
    Run loud = ctl({QStringLiteral("--device"), QStringLiteral("sync"), QStringLiteral("--once"), QStringLiteral("--progress")});
    QVERIFY2(loud.code == 0, qPrintable(loud.out + loud.err));
    // The scope first (the ward's patients), then the initial load of every one of them.
    const QList<qint64> scope = progressCounts(loud.out, QStringLiteral("^progress scope (\\d+)/\\d+$"));
    QVERIFY2(scope.size() == 1 && scope.first() > 0, qPrintable(loud.out));
    const QList<qint64> loaded = progressCounts(loud.out, QStringLiteral("^progress initial (\\d+)/%1$").arg(scope.first()));
    QVERIFY2(!loaded.isEmpty(), qPrintable(loud.out));
    QCOMPARE(loaded.last(), scope.first());
    QVERIFY2(loud.out.contains(QStringLiteral("cycle complete")), qPrintable(loud.out));

    m_clock.advanceSecs(60);
    Run quiet = ctl({QStringLiteral("--device"), QStringLiteral("sync"), QStringLiteral("--once")});
    QVERIFY2(quiet.code == 0, qPrintable(quiet.out + quiet.err));
    QVERIFY2(!quiet.out.contains(QRegularExpression(QStringLiteral("^progress "), QRegularExpression::MultilineOption)),
             qPrintable(quiet.out)); // (the temporary folder's name has the word in it)
    QVERIFY2(quiet.out.contains(QStringLiteral("cycle complete")), qPrintable(quiet.out));

    Run wrong = ctl({QStringLiteral("--device"), QStringLiteral("sync"), QStringLiteral("--progress")});
    QCOMPARE(wrong.code, 2); // usage: --progress only with --once
}

QTEST_GUILESS_MAIN(TestCliProgress)
#include "test_cli_progress.moc"
