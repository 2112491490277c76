// The disk reserve and the disk level (#13): the reserve is a real 4 MiB
// file, mode 0600, released once; a vault operation that failed because the
// disk was full runs once more only when a reserve was there to give room;
// the level rule (ok, almost_full, full) and its advice. The full-disk run
// on a real tmpfs is test_disk_full (label fault).

#include "core/vault/DiskReserve.h"
#include "core/vault/DiskStatus.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::vault;

class TestDiskReserve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reserveIsMadeOnceAndReleasedOnce()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const DiskReserve reserve(dir.path());
        QVERIFY(!reserve.present());
        QVERIFY(reserve.ensure().ok());
        QVERIFY(reserve.present());
        const QFileInfo file(reserve.path());
        QCOMPARE(file.size(), DiskReserve::kBytes);
        QCOMPARE(file.permissions() & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFileDevice::Permissions());
        QVERIFY(reserve.ensure().ok()); // already there: untouched
        QVERIFY(reserve.release());
        QVERIFY(!reserve.present());
        QVERIFY(!reserve.release()); // nothing left to give
    }

    void retriedOnlyAfterDiskFullWithAReserve()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString vaultFile = dir.filePath(QStringLiteral("vault.db"));
        const DiskReserve reserve = DiskReserve::besideFile(vaultFile);
        QVERIFY(reserve.ensure().ok());
        int runs = 0;
        auto fullOnce = [&]() -> Status {
            if (++runs == 1) {
                noteDiskFullFailure();
                return Error(ErrorCode::Io, QStringLiteral("the disk is full"));
            }
            return {};
        };
        QVERIFY(retryOnceWhenDiskFull(vaultFile, fullOnce).ok());
        QCOMPARE(runs, 2);
        QVERIFY(!reserve.present());

        // No reserve left: the failure stands, tried once only.
        runs = 0;
        QVERIFY(!retryOnceWhenDiskFull(vaultFile, fullOnce).ok());
        QCOMPARE(runs, 1);

        // Another failure than a full disk never gives the reserve away.
        QVERIFY(reserve.ensure().ok());
        runs = 0;
        auto otherFailure = [&]() -> Status {
            ++runs;
            return Error(ErrorCode::Io, QStringLiteral("permission denied"));
        };
        QVERIFY(!retryOnceWhenDiskFull(vaultFile, otherFailure).ok());
        QCOMPARE(runs, 1);
        QVERIFY(reserve.present());
    }

    void levelsAndAdvice()
    {
        const qint64 mb = kMebibyte;
        QCOMPARE(diskLevelFor(-1, 512 * mb, false), DiskLevel::Ok); // unknown: nothing claimed
        QCOMPARE(diskLevelFor(600 * mb, 512 * mb, true), DiskLevel::Ok);
        QCOMPARE(diskLevelFor(511 * mb, 512 * mb, true), DiskLevel::AlmostFull);
        QCOMPARE(diskLevelFor(5 * mb, 8 * mb, true), DiskLevel::AlmostFull);
        QCOMPARE(diskLevelFor(5 * mb, 8 * mb, false), DiskLevel::Full); // reserve used up, no room to make it again
        QCOMPARE(diskLevelFor(3 * mb, 8 * mb, true), DiskLevel::Full);
        QCOMPARE(diskLevelName(DiskLevel::AlmostFull), QStringLiteral("almost_full"));
        DiskStatus s;
        QVERIFY(diskAdvice(s).isEmpty());
        s.level = DiskLevel::Full;
        s.freeBytes = 3 * mb;
        QVERIFY(diskAdvice(s).contains(QLatin1String("3 MB free")));
        QVERIFY(diskAdvice(s).contains(QLatin1String("nothing recorded is lost")));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const DiskStatus here = assessDisk(dir.path(), 8 * mb);
        QVERIFY(here.known());
        QCOMPARE(here.watermarkBytes, 8 * mb);
        QCOMPARE(here.reservePresent, false);
    }
};

QTEST_GUILESS_MAIN(TestDiskReserve)
#include "test_disk_reserve.moc"
