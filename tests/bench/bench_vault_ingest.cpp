// Vault ingest benchmark (not a pass/fail test). One mode per process so that
// peak RSS belongs to that mode alone:
//   bench_vault_ingest generate N FILE     write N synthetic resources as NDJSON
//   bench_vault_ingest lantern FILE        Lantern's importer into a fresh vault
//   bench_vault_ingest raw FILE            raw SQLCipher inserts of the same JSON lines
//   bench_vault_ingest plain FILE          the same inserts into unencrypted SQLite
// Each run prints one JSON line: {"mode", "resources", "seconds", "perSecond", "peakRssMb"}.

#include "BenchLogging.h"
#include "SyntheticBundleWriter.h"
#include "core/common/Bootstrap.h"
#include "core/common/SecureBuffer.h"
#include "core/import/Importer.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace lantern;

namespace {

double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

int report(const char* mode, qint64 resources, qint64 elapsedMs)
{
    const double seconds = elapsedMs / 1000.0;
    const QJsonObject out{{QStringLiteral("mode"), QString::fromLatin1(mode)},
                          {QStringLiteral("resources"), resources},
                          {QStringLiteral("seconds"), seconds},
                          {QStringLiteral("perSecond"), seconds > 0 ? resources / seconds : 0.0},
                          {QStringLiteral("peakRssMb"), peakRssMb()}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}

int fail(const QString& message)
{
    std::fprintf(stderr, "bench_vault_ingest: %s\n", qPrintable(message));
    return 1;
}

// The baseline: what SQLCipher alone costs for the same rows in the same batch size.
int insertRaw(vault::Database& db, const QString& file, const char* mode)
{
    if (!db.exec(QStringLiteral("CREATE TABLE rows (n INTEGER PRIMARY KEY, json BLOB NOT NULL)")).ok())
        return fail(QStringLiteral("create table failed"));
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read ") + file);
    auto stmt = db.prepare(QStringLiteral("INSERT INTO rows (n, json) VALUES (?, ?)"));
    QElapsedTimer timer;
    timer.start();
    qint64 n = 0;
    bool inTx = false;
    while (!in.atEnd()) {
        const QByteArray line = in.readLine().trimmed();
        if (line.isEmpty())
            continue;
        if (!inTx) {
            (void)db.exec(QStringLiteral("BEGIN IMMEDIATE"));
            inTx = true;
        }
        stmt->reset();
        stmt->bind(1, n).bindBlob(2, line);
        if (!stmt->run().ok())
            return fail(QStringLiteral("insert failed"));
        if (++n % import::Importer::kDefaultBatchSize == 0) {
            (void)db.exec(QStringLiteral("COMMIT"));
            inTx = false;
        }
    }
    if (inTx)
        (void)db.exec(QStringLiteral("COMMIT"));
    return report(mode, n, timer.elapsed());
}

} // namespace

int main(int argc, char** argv)
{
    hardenProcess();
    bench::quietUnlessVerbose(argc, argv);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return fail(QStringLiteral("usage: bench_vault_ingest generate N FILE | lantern|raw|plain FILE"));
    const QString mode = args.at(1);

    if (mode == QStringLiteral("generate") && args.size() >= 4) {
        const auto counts = bench::writeSyntheticNdjson(args.at(3), args.at(2).toLongLong());
        std::printf("{\"generated\": %lld, \"patients\": %lld}\n", static_cast<long long>(counts.resources),
                    static_cast<long long>(counts.patients));
        return counts.resources > 0 ? 0 : 1;
    }

    QTemporaryDir dir;
    const QString file = args.at(2);
    if (mode == QStringLiteral("lantern")) {
        auto vault = vault::Vault::create(dir.filePath(QStringLiteral("vault.db")), SecureBuffer::random(32));
        if (!vault.ok())
            return fail(vault.error().message);
        import::Importer importer(**vault);
        QElapsedTimer timer;
        timer.start();
        auto result = importer.importFile(file);
        const qint64 ms = timer.elapsed();
        if (!result.ok())
            return fail(result.error().message);
        if (result->skipped > 0)
            return fail(QStringLiteral("%1 resources were skipped").arg(result->skipped));
        return report("lantern", result->stored, ms);
    }
    if (mode == QStringLiteral("raw")) {
        auto db = vault::Database::open(dir.filePath(QStringLiteral("raw.db")), SecureBuffer::random(32),
                                        vault::Database::OpenMode::CreateNew);
        if (!db.ok())
            return fail(db.error().message);
        return insertRaw(**db, file, "raw-sqlcipher");
    }
    if (mode == QStringLiteral("plain")) {
        auto db = vault::Database::openPlaintextForBenchmark(dir.filePath(QStringLiteral("plain.db")));
        if (!db.ok())
            return fail(db.error().message);
        return insertRaw(**db, file, "plain-sqlite");
    }
    return fail(QStringLiteral("unknown mode ") + mode);
}
