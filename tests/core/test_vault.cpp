// The encrypted vault: round trip, nothing readable on disk, wrong keys and
// foreign files refused, migrations from an older schema keep data.

#include "TestSupport.h"
#include "core/vault/Database.h"
#include "core/vault/Schema.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace lantern;
using namespace lantern::vault;

class TestVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void nothingReadableOnDisk();
    void wrongKeyRefused();
    void plaintextDatabaseRefused();
    void foreignFileRefused();
    void cipherSettingsAreExplicit();
    void migratesFromOlderSchema();
    void refusesNewerSchema();
    void transactionRollsBackUnlessCommitted();
    void openingAgainKeepsTheProcessLocks();
};

namespace {

// Whether another process sees a lock on SQLite's lock bytes of the file (the
// range from PENDING_BYTE, 0x40000000, to the end of the SHARED range). Asked
// from a child: fcntl locks never conflict within the process that holds them.
bool lockedForOtherProcesses(const QString& path)
{
    const pid_t child = ::fork();
    if (child == 0) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR);
        struct flock probe = {};
        probe.l_type = F_WRLCK;
        probe.l_whence = SEEK_SET;
        probe.l_start = 0x40000000;
        probe.l_len = 512 + 2;
        const bool locked = fd >= 0 && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
        ::_exit(locked ? 0 : 1);
    }
    int status = 0;
    return child > 0 && ::waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

void TestVault::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.db"));
    {
        auto vault = Vault::create(path, test::fixedKey());
        QVERIFY2(vault.ok(), qPrintable(vault.ok() ? QString() : vault.error().message));
        QVERIFY((*vault)->setMeta(QStringLiteral("ward"), QStringLiteral("Station 3B")).ok());
    }
    auto reopened = Vault::open(path, test::fixedKey());
    QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
    QCOMPARE((*reopened)->meta(QStringLiteral("ward")).value(), QStringLiteral("Station 3B"));
    QVERIFY((*reopened)->checkIntegrity().ok());
    QCOMPARE(schemaVersion((*reopened)->db()).value(), latestSchemaVersion());
}

void TestVault::nothingReadableOnDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.db"));
    const QByteArray marker("Zebediah-Quackenbush-Plaintext");
    auto vault = Vault::create(path, test::fixedKey());
    QVERIFY(vault.ok());
    for (int i = 0; i < 50; ++i)
        QVERIFY((*vault)->setMeta(QStringLiteral("k%1").arg(i), QString::fromLatin1(marker)).ok());
    // While open, the WAL and shared-memory files exist and must be encrypted too.
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString file = path + suffix;
        if (QFile::exists(file))
            QVERIFY2(!test::fileContains(file, marker), qPrintable(QStringLiteral("plaintext found in ") + file));
    }
    QVERIFY(!test::fileContains(path, QByteArray("SQLite format 3")));
}

void TestVault::wrongKeyRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.db"));
    QVERIFY(Vault::create(path, test::fixedKey(1)).ok());
    auto wrong = Vault::open(path, test::fixedKey(2));
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
    QVERIFY(Vault::open(path, test::fixedKey(1)).ok()); // still intact
}

void TestVault::plaintextDatabaseRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.db"));
    {
        auto plain = Database::openPlaintextForBenchmark(path);
        QVERIFY(plain.ok());
        QVERIFY((*plain)->exec(QStringLiteral("CREATE TABLE t(x)")).ok());
    }
    QVERIFY(isPlaintextSqliteFile(path));
    auto opened = Vault::open(path, test::fixedKey());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Corrupt);
    QVERIFY(opened.error().message.contains(QStringLiteral("unencrypted")));
}

void TestVault::foreignFileRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'a'));
    f.close();
    auto opened = Vault::open(path, test::fixedKey());
    QVERIFY(!opened.ok());
    QCOMPARE(test::readFile(path), QByteArray(8192, 'a')); // untouched
    auto missing = Vault::open(dir.filePath(QStringLiteral("absent.db")), test::fixedKey());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
}

void TestVault::cipherSettingsAreExplicit()
{
    QTemporaryDir dir;
    auto vault = Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY(vault.ok());
    Database& db = (*vault)->db();
    QVERIFY(!db.cipherVersion().isEmpty());
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA cipher_page_size"))->toInt(), 4096);
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA journal_mode"))->toString(), QStringLiteral("wal"));
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA synchronous"))->toInt(), 2); // FULL
}

void TestVault::migratesFromOlderSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        auto db = Database::open(path, test::fixedKey(), Database::OpenMode::CreateNew);
        QVERIFY(db.ok());
        QVERIFY(migrate(**db, 1).ok());
        QCOMPARE(schemaVersion(**db).value(), 1);
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO resource (type, id, json) VALUES "
                                            "('Patient', 'p1', '{\"resourceType\":\"Patient\",\"id\":\"p1\"}')"))
                    .ok());
    }
    auto vault = Vault::open(path, test::fixedKey());
    QVERIFY2(vault.ok(), qPrintable(vault.ok() ? QString() : vault.error().message));
    QCOMPARE(schemaVersion((*vault)->db()).value(), latestSchemaVersion());
    QCOMPARE((*vault)->db().scalar(QStringLiteral("SELECT id FROM resource"))->toString(), QStringLiteral("p1"));
    QVERIFY((*vault)->db().exec(QStringLiteral("SELECT count(*) FROM audit_entry")).ok());
}

void TestVault::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.db"));
    {
        auto vault = Vault::create(path, test::fixedKey());
        QVERIFY(vault.ok());
        QVERIFY((*vault)->db().exec(QStringLiteral("PRAGMA user_version = 999")).ok());
    }
    auto opened = Vault::open(path, test::fixedKey());
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::Unsupported);
}

void TestVault::transactionRollsBackUnlessCommitted()
{
    QTemporaryDir dir;
    auto vault = Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY(vault.ok());
    Database& db = (*vault)->db();
    {
        auto tx = Transaction::begin(db);
        QVERIFY(tx.ok());
        QVERIFY((*vault)->setMeta(QStringLiteral("x"), QStringLiteral("1")).ok());
    }
    QVERIFY((*vault)->meta(QStringLiteral("x"))->isNull());
    {
        auto tx = Transaction::begin(db);
        QVERIFY((*vault)->setMeta(QStringLiteral("x"), QStringLiteral("2")).ok());
        QVERIFY((*tx)->commit().ok());
    }
    QCOMPARE((*vault)->meta(QStringLiteral("x")).value(), QStringLiteral("2"));
}


// The mirror service keeps one connection open while its engine opens another
// each cycle. Opening must not drop the first one's locks: a second descriptor
// of the file, closed again, releases every fcntl lock of the process, and
// other processes then wrote pages that connection was using (the demo's vault
// was damaged within a cycle: "database disk image is malformed"). Found by
// the leak scan (issue #13).
void TestVault::openingAgainKeepsTheProcessLocks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v.db"));
    auto first = Vault::create(path, test::fixedKey());
    QVERIFY(first.ok());
    QVERIFY((*first)->db().exec(QStringLiteral("BEGIN")).ok());
    QVERIFY((*first)->meta(QStringLiteral("ward")).ok()); // a read transaction: SHARED on the file
    QVERIFY(lockedForOtherProcesses(path));

    auto second = Database::open(path, test::fixedKey(), Database::OpenMode::OpenExisting);
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QVERIFY2(lockedForOtherProcesses(path), "opening the vault again dropped the first connection's locks");

    // The probe can fail: what the open used to do (open and close the file) drops them.
    QVERIFY(!isPlaintextSqliteFile(path));
    QVERIFY(!lockedForOtherProcesses(path));
    QVERIFY((*first)->db().exec(QStringLiteral("COMMIT")).ok());
}

QTEST_GUILESS_MAIN(TestVault)
#include "test_vault.moc"
