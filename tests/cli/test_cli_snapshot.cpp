// lanternctl device and snapshot commands as real processes on two real vaults
// (#12 item 4): device show/trust/untrust/list, snapshot export → import between
// the two, and each refusal with its exit code and message: a mistyped key, an
// existing output file, a foreign file, a replay, an untrusted signer, a
// non-recipient, a flipped byte, a nurse exporting.

#include "../access/WardBundle.h"
#include "../support/LanternctlRun.h"

#include "core/access/VaultAccess.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using lantern::test::CtlRun;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNurse = QStringLiteral("n.berger");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");

QJsonObject jsonOf(const CtlRun& run)
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object();
}

} // namespace

class TestCliSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deviceShowTrustList();
    void deviceTrustRefusesBadKeys();
    void exportImportRoundTrip();
    void exportRefusals();
    void importRefusals();
    void nurseMayNotExport();

private:
    CtlRun device(const QString& vault, const QStringList& args);
    CtlRun person(const QString& vault, const QString& user, const QString& pass, const QStringList& args, const QByteArray& more = {});
    QString exportFromA(const QString& name, const QString& recipient);
    qint64 resourceCount(const QString& vault);

    QTemporaryDir m_dir;
    QString m_a;
    QString m_b;
    QString m_keyA;
    QString m_keyB;
};

CtlRun TestCliSnapshot::device(const QString& vault, const QStringList& args)
{
    return test::runLanternctl(QStringList{QStringLiteral("--vault"), vault, QStringLiteral("--device")} + args, {});
}

CtlRun TestCliSnapshot::person(const QString& vault, const QString& user, const QString& pass, const QStringList& args,
                               const QByteArray& more)
{
    return test::runLanternctl(QStringList{QStringLiteral("--vault"), vault, QStringLiteral("--user"), user} + args,
                               pass.toUtf8() + '\n' + more);
}

qint64 TestCliSnapshot::resourceCount(const QString& vault)
{
    auto opened = access::VaultAccess().unlockAsDevice(vault);
    if (!opened.ok())
        return -1;
    auto count = vault::ResourceRepository((*opened)->db()).count();
    return count.ok() ? *count : -1;
}

QString TestCliSnapshot::exportFromA(const QString& name, const QString& recipient)
{
    const QString path = m_dir.filePath(name);
    const CtlRun run = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"), recipient,
                                    QStringLiteral("--out"), path});
    if (run.exitCode != 0)
        qWarning("export failed: %s", qPrintable(run.err));
    return run.exitCode == 0 ? path : QString();
}

void TestCliSnapshot::initTestCase()
{
    QVERIFY2(QFile::exists(test::lanternctlPath()), "lanternctl not built");
    m_a = m_dir.filePath(QStringLiteral("a"));
    m_b = m_dir.filePath(QStringLiteral("b"));
    QVERIFY(test::initVaultWithLanternctl(m_a, kAdmin, kAdminPass));
    QVERIFY(test::initVaultWithLanternctl(m_b, kAdmin, kAdminPass));
    const QString bundle = m_dir.filePath(QStringLiteral("wards.json"));
    QFile f(bundle);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::wardBundle({{QStringLiteral("ward-3b"), QStringLiteral("p-3b"), QStringLiteral("MRN-3B"), QStringLiteral("Ahrens")}}));
    f.close();
    const CtlRun imported = person(m_a, kAdmin, kAdminPass, {QStringLiteral("import"), bundle});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const CtlRun added = person(m_a, kAdmin, kAdminPass,
                                {QStringLiteral("user"), QStringLiteral("add"), kNurse, QStringLiteral("--role"), QStringLiteral("nurse"),
                                 QStringLiteral("--wards"), QStringLiteral("ward-3b")},
                                kNursePass.toUtf8() + '\n');
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const CtlRun showA = device(m_a, {QStringLiteral("device"), QStringLiteral("show"), QStringLiteral("--json")});
    const CtlRun showB = device(m_b, {QStringLiteral("device"), QStringLiteral("show"), QStringLiteral("--json")});
    QVERIFY2(showA.exitCode == 0 && showB.exitCode == 0, qPrintable(showA.err + showB.err));
    m_keyA = jsonOf(showA).value(QStringLiteral("publicKey")).toString();
    m_keyB = jsonOf(showB).value(QStringLiteral("publicKey")).toString();
    QCOMPARE(m_keyA.size(), 44);
    QVERIFY(m_keyA != m_keyB);
}

void TestCliSnapshot::deviceShowTrustList()
{
    // A person sees the same key (recorded in the vault at init).
    const CtlRun shown = person(m_b, kAdmin, kAdminPass, {QStringLiteral("device"), QStringLiteral("show")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains(m_keyB), qPrintable(shown.out));
    const CtlRun trusted = person(m_b, kAdmin, kAdminPass,
                                  {QStringLiteral("device"), QStringLiteral("trust"), m_keyA, QStringLiteral("--name"), QStringLiteral("PC A")});
    QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.err));
    const CtlRun listed = device(m_b, {QStringLiteral("device"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray devices = jsonOf(listed).value(QStringLiteral("devices")).toArray();
    QCOMPARE(devices.size(), 1);
    QCOMPARE(devices.first().toObject().value(QStringLiteral("publicKey")).toString(), m_keyA);
    QCOMPARE(devices.first().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("PC A"));
    QCOMPARE(devices.first().toObject().value(QStringLiteral("trustedBy")).toString(), kAdmin);
}

void TestCliSnapshot::deviceTrustRefusesBadKeys()
{
    const CtlRun garbage = device(m_b, {QStringLiteral("device"), QStringLiteral("trust"), QStringLiteral("not-a-key")});
    QCOMPARE(garbage.exitCode, 2);
    QVERIFY2(garbage.err.contains(QStringLiteral("not a device public key")), qPrintable(garbage.err));
    const CtlRun own = device(m_b, {QStringLiteral("device"), QStringLiteral("trust"), m_keyB});
    QCOMPARE(own.exitCode, 2);
    QVERIFY2(own.err.contains(QStringLiteral("own key")), qPrintable(own.err));
    const QString stranger = snapshot::DeviceIdentity::generate().publicKeyText();
    const CtlRun unknown = device(m_b, {QStringLiteral("device"), QStringLiteral("untrust"), stranger});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(QStringLiteral("not trusted")), qPrintable(unknown.err));
    const CtlRun usage = device(m_b, {QStringLiteral("device"), QStringLiteral("trust")});
    QCOMPARE(usage.exitCode, 2);
}

void TestCliSnapshot::exportImportRoundTrip()
{
    const QString path = m_dir.filePath(QStringLiteral("round.snap"));
    const CtlRun exported = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"), m_keyB,
                                         QStringLiteral("--out"), path, QStringLiteral("--json")});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const QJsonObject e = jsonOf(exported);
    QCOMPARE(e.value(QStringLiteral("resources")).toInteger(), resourceCount(m_a));
    QCOMPARE(e.value(QStringLiteral("signer")).toString(), m_keyA);
    QVERIFY(QFile::exists(path));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    const CtlRun verified = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("verify"), path});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    QCOMPARE(resourceCount(m_b), 0);
    const CtlRun imported = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), path, QStringLiteral("--json")});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QJsonObject i = jsonOf(imported);
    QCOMPARE(i.value(QStringLiteral("stored")).toInteger(), resourceCount(m_a));
    QCOMPARE(i.value(QStringLiteral("signerName")).toString(), QStringLiteral("PC A"));
    QCOMPARE(resourceCount(m_b), resourceCount(m_a));
    // The same file again is a replay.
    const CtlRun again = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), path});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("replayed")), qPrintable(again.err));
}

void TestCliSnapshot::exportRefusals()
{
    const QString out = m_dir.filePath(QStringLiteral("refused.snap"));
    const CtlRun noRecipient = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--out"), out});
    QCOMPARE(noRecipient.exitCode, 2);
    const CtlRun badRecipient = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"),
                                             QStringLiteral("AAAA"), QStringLiteral("--out"), out});
    QCOMPARE(badRecipient.exitCode, 2);
    QVERIFY(!QFile::exists(out));
    QFile existing(out);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();
    const CtlRun exists = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"), m_keyB,
                                       QStringLiteral("--out"), out});
    QCOMPARE(exists.exitCode, 2);
    QVERIFY2(exists.err.contains(QStringLiteral("exists already")), qPrintable(exists.err));
    QFile check(out);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArrayLiteral("keep me"));
    const CtlRun unknown = device(m_a, {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipients"), m_keyB});
    QCOMPARE(unknown.exitCode, 2);
}

void TestCliSnapshot::importRefusals()
{
    const qint64 before = resourceCount(m_b);
    // A foreign file.
    const QString foreign = m_dir.filePath(QStringLiteral("foreign.json"));
    QFile f(foreign);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"resourceType\":\"Bundle\"}");
    f.close();
    const CtlRun notSnapshot = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), foreign});
    QCOMPARE(notSnapshot.exitCode, 1);
    QVERIFY2(notSnapshot.err.contains(QStringLiteral("not a Lantern snapshot")), qPrintable(notSnapshot.err));
    // Sealed for another device.
    const QString forOther = exportFromA(QStringLiteral("other.snap"), snapshot::DeviceIdentity::generate().publicKeyText());
    QVERIFY(!forOther.isEmpty());
    const CtlRun notMine = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), forOther});
    QCOMPARE(notMine.exitCode, 1);
    QVERIFY2(notMine.err.contains(QStringLiteral("not a recipient")), qPrintable(notMine.err));
    // One flipped byte.
    const QString good = exportFromA(QStringLiteral("flip.snap"), m_keyB);
    QFile file(good);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
    file.seek(0);
    file.write(bytes);
    file.close();
    const CtlRun flipped = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), good});
    QCOMPARE(flipped.exitCode, 1);
    // An untrusted signer.
    QCOMPARE(device(m_b, {QStringLiteral("device"), QStringLiteral("untrust"), m_keyA}).exitCode, 0);
    const QString fresh = exportFromA(QStringLiteral("fresh.snap"), m_keyB);
    const CtlRun untrusted = device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), fresh});
    QCOMPARE(untrusted.exitCode, 1);
    QVERIFY2(untrusted.err.contains(QStringLiteral("does not trust")), qPrintable(untrusted.err));
    QCOMPARE(resourceCount(m_b), before);
    // A missing file is a usage error.
    QCOMPARE(device(m_b, {QStringLiteral("snapshot"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("none.snap"))}).exitCode, 2);
}

void TestCliSnapshot::nurseMayNotExport()
{
    const QString out = m_dir.filePath(QStringLiteral("nurse.snap"));
    const CtlRun run = person(m_a, kNurse, kNursePass,
                              {QStringLiteral("snapshot"), QStringLiteral("export"), QStringLiteral("--recipient"), m_keyB,
                               QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestCliSnapshot)
#include "test_cli_snapshot.moc"
