// The audit trail through the real lanternctl, against an insider holding the
// data key: init exports the audit public key, IT's verify signs and exports
// checkpoints, the insider deletes the tail of the log with its checkpoints
// (vault.db opened with the raw data key), and `verify --trusted-key FILE
// --checkpoints DIR` fails naming the last exported checkpoint that is gone,
// while the vault-trusting verify still says ok. Bad input: a clear message,
// exit 1 or 2, and nothing in the vault folder changed.

#include "TestConfig.h"

#include "core/audit/AuditSigningKey.h"
#include "core/audit/AuditPublicKeyFile.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestAuditCliTruncation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void truncatedTailFailsAgainstTrustedKeyAndExports();

private:
    Run ctl(const QStringList& args, const QStringList& stdinLines = {});
    Run asAdmin(const QStringList& args) { return ctl(QStringList{QStringLiteral("--user"), QStringLiteral("it.meyer")} + args, {kAdminPass}); }
    Run asNurse(const QStringList& args) { return ctl(QStringList{QStringLiteral("--user"), QStringLiteral("n.berger")} + args, {kNursePass}); }
    qint64 signedHead(const Run& verify) const;
    QByteArray folderFingerprint() const;
    bool truncateAsInsider(qint64 keepThrough);

    QTemporaryDir m_tmp;
    QString m_vault;
    QString m_safe; // IT's place off the device
};

Run TestAuditCliTruncation::ctl(const QStringList& args, const QStringList& stdinLines)
{
    QProcess p;
    p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"), QStringList{QStringLiteral("--vault"), m_vault} + args);
    if (!p.waitForStarted())
        return {};
    for (const QString& line : stdinLines)
        p.write(line.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

qint64 TestAuditCliTruncation::signedHead(const Run& verify) const
{
    const auto match = QRegularExpression(QStringLiteral("signed checkpoint at entry (\\d+)")).match(verify.out);
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

// Every file in the vault folder, by name and content: "nothing changed" means equal.
QByteArray TestAuditCliTruncation::folderFingerprint() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList files;
    QDirIterator it(m_vault, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString& name : std::as_const(files)) {
        QFile f(name);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        hash.addData(name.toUtf8());
        hash.addData(f.readAll());
    }
    return hash.result();
}

// The insider: the data key from the device slot, vault.db opened with it, rows deleted.
bool TestAuditCliTruncation::truncateAsInsider(qint64 keepThrough)
{
    auto slots = keys::KeySlotFile(m_vault + QStringLiteral("/keyslots.json")).load();
    auto deviceKey = keys::DeviceKey::load(m_vault + QStringLiteral("/device.key"));
    if (!slots.ok() || !deviceKey.ok())
        return false;
    auto dataKey = slots->slotsOf(keys::KeySlot::Kind::Device, keys::KeySlot::deviceSlotName())
                       .constFirst()
                       .unwrapWithDeviceKey(slots->vaultId, *deviceKey);
    if (!dataKey.ok())
        return false;
    auto vault = vault::Vault::open(m_vault + QStringLiteral("/vault.db"), *dataKey);
    if (!vault.ok())
        return false;
    return (*vault)->db().exec(QStringLiteral("DELETE FROM audit_entry WHERE seq > %1").arg(keepThrough)).ok() &&
           (*vault)->db().exec(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > %1").arg(keepThrough)).ok();
}

void TestAuditCliTruncation::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl")), "lanternctl not built");
    m_vault = m_tmp.filePath(QStringLiteral("vault"));
    m_safe = m_tmp.filePath(QStringLiteral("it-safe"));
    QVERIFY(QDir().mkpath(m_safe + QStringLiteral("/checkpoints")));
}

void TestAuditCliTruncation::truncatedTailFailsAgainstTrustedKeyAndExports()
{
    // init prints the public key and writes it for IT, who keeps a copy off the device.
    Run init = ctl({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("it.meyer")}, {kAdminPass});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    QVERIFY2(init.out.contains(QStringLiteral("Audit public key (Ed25519): ")), qPrintable(init.out));
    const QString pem = m_vault + QStringLiteral("/audit-public-key.pem");
    QVERIFY2(init.out.contains(pem), qPrintable(init.out));
    const QString trusted = m_safe + QStringLiteral("/audit-public-key.pem");
    QVERIFY(QFile::copy(pem, trusted));
    const QByteArray publicKey = audit::readPublicKeyFile(trusted).value();
    QVERIFY(init.out.contains(QString::fromLatin1(publicKey.toBase64())));
    Run shown = asAdmin({QStringLiteral("audit"), QStringLiteral("public-key")});
    QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
    QVERIFY(shown.out.contains(QString::fromLatin1(audit::publicKeyToPem(publicKey))));

    Run add = ctl({QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("user"), QStringLiteral("add"),
                   QStringLiteral("n.berger"), QStringLiteral("--role"), QStringLiteral("nurse"), QStringLiteral("--name"),
                   QStringLiteral("Nina Berger"), QStringLiteral("--wards"), QStringLiteral("ward-3b")},
                  {kAdminPass, kNursePass});
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    QCOMPARE(asNurse({QStringLiteral("patient"), QStringLiteral("list")}).exitCode, 0); // no key needed
    Run nurseVerify = asNurse({QStringLiteral("verify"), QStringLiteral("--trusted-key"), trusted});
    QCOMPARE(nurseVerify.exitCode, 0);
    QVERIFY2(nurseVerify.out.contains(QStringLiteral("checkpoints not signed here")), qPrintable(nurseVerify.out));

    // IT verifies against its key: signs the head and exports the checkpoint.
    const QStringList verifyTrusted{QStringLiteral("verify"), QStringLiteral("--trusted-key"), trusted};
    Run first = asAdmin(verifyTrusted);
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    const qint64 firstSigned = signedHead(first);
    QVERIFY2(firstSigned > 0, qPrintable(first.out));
    QVERIFY2(first.out.contains(QStringLiteral("checked against the trusted key")), qPrintable(first.out));

    QCOMPARE(asNurse({QStringLiteral("patient"), QStringLiteral("list")}).exitCode, 0);
    QCOMPARE(asNurse({QStringLiteral("patient"), QStringLiteral("list")}).exitCode, 0);
    Run second = asAdmin(verifyTrusted);
    QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
    const qint64 secondSigned = signedHead(second);
    QVERIFY(secondSigned > firstSigned + 2);

    // IT collects the export folder.
    const QString exportDir = m_vault + QStringLiteral("/audit-export");
    const QStringList exported = QDir(exportDir).entryList({QStringLiteral("*.ndjson")}, QDir::Files);
    QCOMPARE(exported.size(), 1);
    const QString collected = m_safe + QStringLiteral("/checkpoints");
    for (const QString& name : exported)
        QVERIFY(QFile::copy(exportDir + QLatin1Char('/') + name, collected + QLatin1Char('/') + name));
    Run intact = asAdmin(verifyTrusted + QStringList{QStringLiteral("--checkpoints"), collected});
    QVERIFY2(intact.exitCode == 0, qPrintable(intact.out + intact.err));
    QVERIFY2(intact.out.contains(QStringLiteral("exported checkpoints: 2 in")), qPrintable(intact.out));

    // The insider removes everything after the first signed checkpoint, and the local exports.
    QVERIFY(truncateAsInsider(firstSigned));
    QVERIFY(QDir(exportDir).removeRecursively());

    // The verify that trusts the vault's own records says ok (and signs nothing) ...
    Run selfCheck = asAdmin({QStringLiteral("verify")});
    QCOMPARE(selfCheck.exitCode, 0);
    QVERIFY2(selfCheck.out.contains(QStringLiteral("audit chain:      ok")), qPrintable(selfCheck.out));
    QVERIFY2(selfCheck.out.contains(QStringLiteral("checkpoints not signed here")), qPrintable(selfCheck.out));
    // ... the one against IT's key and the collected checkpoints does not.
    Run caught = asAdmin(verifyTrusted + QStringList{QStringLiteral("--checkpoints"), collected});
    QCOMPARE(caught.exitCode, 1);
    QVERIFY2(caught.out.contains(QStringLiteral("exported checkpoint %1 (").arg(secondSigned)), qPrintable(caught.out));
    QVERIFY2(caught.out.contains(QStringLiteral("is gone from the vault")), qPrintable(caught.out));
    QVERIFY2(!caught.out.contains(QStringLiteral("signed checkpoint at entry")), qPrintable(caught.out));

    // Bad input: a clear message, exit 2 (usage) or 1 (verification failed), nothing changed.
    const QByteArray before = folderFingerprint();
    Run missingKey = asAdmin({QStringLiteral("verify"), QStringLiteral("--trusted-key"), m_safe + QStringLiteral("/none.pem")});
    QCOMPARE(missingKey.exitCode, 2);
    QVERIFY2(missingKey.err.contains(QStringLiteral("does not exist")), qPrintable(missingKey.err));
    QFile junk(m_safe + QStringLiteral("/junk.pem"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a key\n");
    junk.close();
    Run junkKey = asAdmin({QStringLiteral("verify"), QStringLiteral("--trusted-key"), junk.fileName()});
    QCOMPARE(junkKey.exitCode, 2);
    QVERIFY2(junkKey.err.contains(QStringLiteral("not an audit public key")), qPrintable(junkKey.err));
    Run noKey = asAdmin({QStringLiteral("verify"), QStringLiteral("--checkpoints"), collected});
    QCOMPARE(noKey.exitCode, 2);
    Run noFolder = asAdmin(verifyTrusted + QStringList{QStringLiteral("--checkpoints"), m_safe + QStringLiteral("/nowhere")});
    QCOMPARE(noFolder.exitCode, 2);

    const QString tampered = m_safe + QStringLiteral("/tampered");
    QVERIFY(QDir().mkpath(tampered));
    QFile original(collected + QLatin1Char('/') + exported.constFirst());
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray lines = original.readAll();
    const qsizetype sig = lines.indexOf("\"valueBase64Binary\":\"") + 21;
    QVERIFY(sig > 21);
    lines[sig] = lines[sig] == 'A' ? 'B' : 'A'; // one character of the first signature
    QFile edited(tampered + QLatin1Char('/') + exported.constFirst());
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(lines);
    edited.close();
    Run tamperedRun = asAdmin(verifyTrusted + QStringList{QStringLiteral("--checkpoints"), tampered});
    QCOMPARE(tamperedRun.exitCode, 1);
    QVERIFY2(tamperedRun.err.contains(QStringLiteral("%1 line 1").arg(exported.constFirst())), qPrintable(tamperedRun.err));
    QVERIFY2(tamperedRun.err.contains(QStringLiteral("nothing was changed")), qPrintable(tamperedRun.err));
    QVERIFY(audit::writePublicKeyFile(m_safe + QStringLiteral("/other.pem"), audit::AuditSigningKey::generate().publicKey()).ok());
    Run otherKey = asAdmin({QStringLiteral("verify"), QStringLiteral("--trusted-key"), m_safe + QStringLiteral("/other.pem"),
                        QStringLiteral("--checkpoints"), collected});
    QCOMPARE(otherKey.exitCode, 1);
    QVERIFY2(otherKey.err.contains(QStringLiteral("other than the trusted audit key")), qPrintable(otherKey.err));
    QCOMPARE(folderFingerprint(), before);

    // A valid key that is not the device's, without exports: every checkpoint fails.
    Run wrongKey = asAdmin({QStringLiteral("verify"), QStringLiteral("--trusted-key"), m_safe + QStringLiteral("/other.pem")});
    QCOMPARE(wrongKey.exitCode, 1);
    QVERIFY2(wrongKey.out.contains(QStringLiteral("signed by a key other than the trusted audit key")), qPrintable(wrongKey.out));
}

QTEST_GUILESS_MAIN(TestAuditCliTruncation)
#include "test_audit_cli_truncation.moc"
