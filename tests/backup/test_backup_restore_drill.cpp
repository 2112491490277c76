// The restore drill IT rehearses, through the real lanternctl: a ward PC with
// patients and an unreconciled downtime entry backs up to a folder, sealed to
// IT's recovery key (made off the device); the PC's vault is destroyed; a fresh
// device restores the backup with the recovery key; every resource (byte for
// byte) and the entry are back. Then what a restore refuses: no way to tell who
// made the backup, the wrong recovery key, a damaged backup.

#include "../access/WardBundle.h"
#include "../support/LanternctlRun.h"
#include "TestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/record/RecordEntry.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using lantern::test::CtlRun;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kEntryUuid = QStringLiteral("5d3c9b1e-6a57-4c1e-9f0e-2b7f1c4d8e21");

QJsonObject jsonOf(const CtlRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

// Every resource of a vault, "Type/id" -> verbatim JSON, and the pending entries' uuids.
struct Contents
{
    QMap<QString, QByteArray> resources;
    QStringList pending;
};

Contents contentsOf(const QString& vaultDir)
{
    Contents c;
    auto opened = access::VaultAccess().unlockAsDevice(vaultDir);
    if (!opened.ok())
        return c;
    vault::ResourceRepository repo((*opened)->db());
    for (const QString& type : {QStringLiteral("Patient"), QStringLiteral("Encounter"), QStringLiteral("Location")}) {
        const QList<vault::StoredResource> stored = repo.ofType(type).value(); // a copy: the Result is a temporary
        for (const vault::StoredResource& r : stored)
            c.resources.insert(type + QLatin1Char('/') + r.id, r.json);
    }
    const QList<record::OutboxItem> pending = vault::OutboxRepository((*opened)->db()).pending().value();
    for (const record::OutboxItem& item : pending)
        c.pending << item.entry.uuid;
    return c;
}

} // namespace

class TestBackupRestoreDrill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsAreChecked();
    void backUpDestroyRestoreCompare();
    void restoreRefusals();

private:
    CtlRun device(const QString& vault, const QStringList& args);

    QTemporaryDir m_dir;
    QString m_ward;     // the ward PC's vault
    QString m_backups;  // backup.dir
    QString m_keyFile;  // IT's recovery key, off the device
    QString m_recoveryPublic;
    QString m_wardKey;  // the ward PC's device key, from IT's inventory
    QString m_backupFile;
    Contents m_before;
};

CtlRun TestBackupRestoreDrill::device(const QString& vault, const QStringList& args)
{
    return test::runLanternctl(QStringList{QStringLiteral("--vault"), vault, QStringLiteral("--device")} + args, {});
}

void TestBackupRestoreDrill::initTestCase()
{
    QVERIFY2(QFile::exists(test::lanternctlPath()), "lanternctl not built");
    m_ward = m_dir.filePath(QStringLiteral("ward-pc"));
    m_backups = m_dir.filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(m_backups));
    m_keyFile = m_dir.filePath(QStringLiteral("it-laptop/recovery.key"));
    QVERIFY(QDir().mkpath(QFileInfo(m_keyFile).absolutePath()));
    QVERIFY(test::initVaultWithLanternctl(m_ward, kAdmin, kAdminPass));
    const QString bundle = m_dir.filePath(QStringLiteral("wards.json"));
    QFile f(bundle);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::wardBundle({{QStringLiteral("ward-3b"), QStringLiteral("p-3b"), QStringLiteral("MRN-3B"), QStringLiteral("Ahrens")},
                              {QStringLiteral("ward-4a"), QStringLiteral("p-4a"), QStringLiteral("MRN-4A"), QStringLiteral("Brandt")}}));
    f.close();
    const CtlRun imported = test::runLanternctl({QStringLiteral("--vault"), m_ward, QStringLiteral("--user"), kAdmin,
                                                 QStringLiteral("import"), bundle},
                                                kAdminPass.toUtf8() + '\n');
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    {
        // A dose recorded during a downtime, not yet in the EHR.
        auto opened = access::VaultAccess().unlockAsDevice(m_ward);
        QVERIFY(opened.ok());
        record::RecordEntry e;
        e.uuid = kEntryUuid;
        e.kind = record::EntryKind::Note;
        e.patientId = QStringLiteral("p-3b");
        e.deviceId = QStringLiteral("ward-pc");
        e.author = QStringLiteral("n.berger");
        e.recordedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
        e.clinicalTime = e.recordedAt;
        e.resource = QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("DocumentReference")},
                                 {QStringLiteral("status"), QStringLiteral("current")}};
        QVERIFY(vault::OutboxRepository((*opened)->db()).append(e).ok());
    }
    // IT makes its recovery key on its own machine.
    const CtlRun key = test::runLanternctl({QStringLiteral("backup"), QStringLiteral("recovery-key"), m_keyFile}, {});
    QVERIFY2(key.exitCode == 0, qPrintable(key.err));
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("backup.recovery_key (\\S{44})")).match(key.out);
    QVERIFY2(m.hasMatch(), qPrintable(key.out));
    m_recoveryPublic = m.captured(1);
    QCOMPARE(QFile::permissions(m_keyFile) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    const CtlRun again = test::runLanternctl({QStringLiteral("backup"), QStringLiteral("recovery-key"), m_keyFile}, {});
    QCOMPARE(again.exitCode, 1); // never replaced
    m_wardKey = jsonOf(device(m_ward, {QStringLiteral("device"), QStringLiteral("show"), QStringLiteral("--json")}))
                    .value(QStringLiteral("publicKey"))
                    .toString();
    QCOMPARE(m_wardKey.size(), 44);
}

void TestBackupRestoreDrill::settingsAreChecked()
{
    const CtlRun noDir = device(m_ward, {QStringLiteral("backup"), QStringLiteral("run")});
    QCOMPARE(noDir.exitCode, 1);
    QVERIFY2(noDir.err.contains(QStringLiteral("backup.dir")), qPrintable(noDir.err));
}

void TestBackupRestoreDrill::backUpDestroyRestoreCompare()
{
    const CtlRun badKey = device(m_ward, {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("backup.recovery_key"),
                                          QStringLiteral("not-a-key")});
    QCOMPARE(badKey.exitCode, 2);
    QVERIFY2(badKey.err.contains(QStringLiteral("backup.recovery_key")), qPrintable(badKey.err));
    QCOMPARE(device(m_ward, {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("backup.dir"), m_backups}).exitCode, 0);
    QCOMPARE(device(m_ward, {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("backup.recovery_key"), m_recoveryPublic})
                 .exitCode,
             0);
    const CtlRun run = device(m_ward, {QStringLiteral("backup"), QStringLiteral("run"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject written = jsonOf(run);
    QVERIFY(written.value(QStringLiteral("verified")).toBool());
    QCOMPARE(written.value(QStringLiteral("entries")).toInt(), 1);
    m_backupFile = written.value(QStringLiteral("file")).toString();
    QVERIFY(QFile::exists(m_backupFile));
    QVERIFY(!test::fileContains(m_backupFile, "Ahrens") && !test::fileContains(m_backupFile, "MRN-3B"));
    const CtlRun listed = device(m_ward, {QStringLiteral("backup"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(jsonOf(listed).value(QStringLiteral("count")).toInt(), 1);
    const CtlRun verified = device(m_ward, {QStringLiteral("backup"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));

    m_before = contentsOf(m_ward);
    QVERIFY(m_before.resources.size() >= 6);
    QCOMPARE(m_before.pending, QStringList{kEntryUuid});

    // The ward PC's disk dies.
    QVERIFY(QDir(m_ward).removeRecursively());

    // A fresh device; IT restores with the recovery key and the lost PC's key from its inventory.
    const QString fresh = m_dir.filePath(QStringLiteral("replacement-pc"));
    QVERIFY(test::initVaultWithLanternctl(fresh, kAdmin, kAdminPass));
    const CtlRun restored = device(fresh, {QStringLiteral("backup"), QStringLiteral("restore"), m_backupFile, QStringLiteral("--recovery-key"),
                                           m_keyFile, QStringLiteral("--signer"), m_wardKey, QStringLiteral("--json")});
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QCOMPARE(jsonOf(restored).value(QStringLiteral("entriesAdded")).toInt(), 1);
    const Contents after = contentsOf(fresh);
    QCOMPARE(after.resources.keys(), m_before.resources.keys());
    for (auto it = m_before.resources.constBegin(); it != m_before.resources.constEnd(); ++it)
        QCOMPARE(after.resources.value(it.key()), it.value());
    QCOMPARE(after.pending, m_before.pending);
}

void TestBackupRestoreDrill::restoreRefusals()
{
    QVERIFY(!m_backupFile.isEmpty());
    const QString other = m_dir.filePath(QStringLiteral("other-pc"));
    QVERIFY(test::initVaultWithLanternctl(other, kAdmin, kAdminPass));
    // Without --signer and without trusting the lost PC: who made it is unknown.
    const CtlRun unknownSigner = device(other, {QStringLiteral("backup"), QStringLiteral("restore"), m_backupFile,
                                                QStringLiteral("--recovery-key"), m_keyFile});
    QCOMPARE(unknownSigner.exitCode, 1);
    QVERIFY2(unknownSigner.err.contains(QStringLiteral("does not trust")), qPrintable(unknownSigner.err));
    // Another recovery key opens nothing.
    const QString wrongKey = m_dir.filePath(QStringLiteral("it-laptop/other.key"));
    QCOMPARE(test::runLanternctl({QStringLiteral("backup"), QStringLiteral("recovery-key"), wrongKey}, {}).exitCode, 0);
    const CtlRun notRecipient = device(other, {QStringLiteral("backup"), QStringLiteral("restore"), m_backupFile, QStringLiteral("--recovery-key"),
                                               wrongKey, QStringLiteral("--signer"), m_wardKey});
    QCOMPARE(notRecipient.exitCode, 1);
    QVERIFY2(notRecipient.err.contains(QStringLiteral("not a recipient")), qPrintable(notRecipient.err));
    // A key file that is no key file.
    const CtlRun notAKey = device(other, {QStringLiteral("backup"), QStringLiteral("restore"), m_backupFile, QStringLiteral("--recovery-key"),
                                          m_backupFile});
    QCOMPARE(notAKey.exitCode, 2);
    // A damaged backup.
    const QString damaged = m_dir.filePath(QStringLiteral("damaged.snap"));
    QVERIFY(QFile::copy(m_backupFile, damaged));
    QFile f(damaged);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QByteArray bytes = f.readAll();
    bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 0x04);
    f.seek(0);
    f.write(bytes);
    f.close();
    const CtlRun broken = device(other, {QStringLiteral("backup"), QStringLiteral("restore"), damaged, QStringLiteral("--recovery-key"),
                                         m_keyFile, QStringLiteral("--signer"), m_wardKey});
    QCOMPARE(broken.exitCode, 1);
    QCOMPARE(contentsOf(other).resources.size(), 0);
}

QTEST_GUILESS_MAIN(TestBackupRestoreDrill)
#include "test_backup_restore_drill.moc"
