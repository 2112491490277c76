// The audit trail against an insider who holds the data key (issue 10, "Trust").
//
// The checkpoint signing key lives outside the vault (audit-keyslots.json, wrapped
// for device.key and IT passphrases), nurses append without it, the service signs
// due checkpoints late and exports them, and verification against IT's copy of
// the public key plus the collected exports notices a shortened, re-signed or
// thinned-out log. Every "insider" step here opens vault.db with the raw data key
// (unwrapped from the device slot) and changes rows directly.

#include "core/access/VaultAccess.h"
#include "core/audit/AuditCheckpointDuty.h"
#include "core/audit/AuditCheckpointExport.h"
#include "core/audit/AuditHash.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditPublicKeyFile.h"
#include "core/audit/AuditSigningKey.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::audit;
using lantern::access::Role;
using lantern::access::User;
using lantern::access::VaultAccess;
using lantern::access::VaultDirectory;
using lantern::keys::KdfParameters;
using lantern::keys::KeySlot;
using lantern::keys::KeySlotFile;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kAdminPass = QStringLiteral("Lantern-ward-3B-night-shift");
const QString kNurse = QStringLiteral("n.berger");
const QString kNursePass = QStringLiteral("Quiet-river-stones-42-north");

// One ward PC's vault folder, with the people and the insider's tools.
struct Ward
{
    QTemporaryDir tmp;
    QString dir = tmp.filePath(QStringLiteral("vault"));
    ManualClock clock;
    VaultAccess access{clock, KdfParameters::minimumForTesting()};

    VaultDirectory folder() const { return VaultDirectory(dir); }
    QString exportDir() const { return defaultAuditExportDir(dir); }

    bool init()
    {
        auto admin = access.initialise(dir, kAdmin, QStringLiteral("IT Meyer"), kAdminPass);
        if (!admin.ok()) {
            qWarning() << admin.error().message;
            return false;
        }
        const User nurse{kNurse, QStringLiteral("Nina Berger"), Role::Nurse, {QStringLiteral("ward-3b")}, {}, false};
        return access.addUser(*admin, nurse, kNursePass).ok();
    }

    // The insider: the data key from the device slot, and vault.db opened with it directly.
    std::unique_ptr<vault::Vault> openWithDataKey()
    {
        auto slots = KeySlotFile(folder().keySlotFile()).load();
        auto deviceKey = keys::DeviceKey::load(folder().deviceKeyFile());
        if (!slots.ok() || !deviceKey.ok())
            return nullptr;
        auto dataKey = slots->slotsOf(KeySlot::Kind::Device, KeySlot::deviceSlotName())
                           .constFirst()
                           .unwrapWithDeviceKey(slots->vaultId, *deviceKey);
        if (!dataKey.ok())
            return nullptr;
        auto vault = vault::Vault::open(folder().vaultFile(), *dataKey);
        return vault.ok() ? std::move(*vault) : nullptr;
    }

    // Appends `count` entries in one transaction, as a nurse's session would (no key).
    bool nurseAppends(int count)
    {
        auto session = access.unlock(dir, kNurse, kNursePass);
        if (!session.ok())
            return false;
        AuditLog log(session->vault(), clock);
        auto tx = vault::Transaction::begin(session->vault().db());
        if (!tx.ok())
            return false;
        for (int i = 0; i < count; ++i) {
            AuditEvent event{kNurse, AuditAction::ViewPatient, QStringLiteral("pat-%1").arg(i % 7), AuditOutcome::Success, {}};
            if (!log.append(event).ok())
                return false;
        }
        clock.advanceSecs(60);
        return (*tx)->commit().ok();
    }

    Result<AuditSigningKey> serviceKey()
    {
        auto deviceKey = keys::DeviceKey::load(folder().deviceKeyFile());
        if (!deviceKey.ok())
            return deviceKey.error();
        auto slots = KeySlotFile(folder().keySlotFile()).load();
        if (!slots.ok())
            return slots.error();
        return AuditKeyCustody(dir, slots->vaultId).open(AuditKeyHolder::device(*deviceKey));
    }

    // What the mirror service does after each cycle (signAuditCheckpointsAsService).
    Result<CheckpointDutyReport> serviceRun()
    {
        auto vault = access.unlockAsDevice(dir);
        if (!vault.ok())
            return vault.error();
        auto key = serviceKey();
        if (!key.ok())
            return key.error();
        return signAndExportCheckpoints(**vault, *key, clock, dir);
    }

    QByteArray trustedKey() { return readPublicKeyFile(dir + QStringLiteral("/audit-public-key.pem")).value(); }

    VerificationReport verify(const VerifyOptions& options)
    {
        auto vault = openWithDataKey();
        if (!vault)
            return {false, 0, 0, 0, 0, {}, 0, QStringLiteral("could not open the vault")};
        auto report = AuditLog(*vault, clock).verify(options);
        if (!report.ok())
            return {false, 0, 0, 0, 0, {}, 0, report.error().message};
        return *report;
    }

    VerifyOptions trustedOptions(const QString& checkpointDir = {})
    {
        VerifyOptions options;
        options.trustedPublicKey = trustedKey();
        if (!checkpointDir.isEmpty())
            options.exported = readExportedCheckpoints(checkpointDir, options.trustedPublicKey).value();
        return options;
    }

    // IT collects the export folder off the device.
    QString collect()
    {
        const QString target = tmp.filePath(QStringLiteral("collected"));
        QDir().mkpath(target);
        const QStringList files = QDir(exportDir()).entryList({QStringLiteral("*.ndjson")}, QDir::Files);
        for (const QString& name : files) {
            QFile::remove(target + QLatin1Char('/') + name);
            QFile::copy(exportDir() + QLatin1Char('/') + name, target + QLatin1Char('/') + name);
        }
        return target;
    }
};

// Every value in every table of the vault, as bytes.
QList<QByteArray> everyStoredValue(vault::Vault& vault)
{
    QList<QByteArray> values;
    auto tables = vault.db().prepare(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    const QStringList names = tables->collect<QString>([](const vault::Statement& s) { return s.text(0); }).value();
    for (const QString& table : names) {
        auto info = vault.db().prepare(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table));
        const int columns = static_cast<int>(info->collect<int>([](const vault::Statement&) { return 0; }).value().size());
        auto rows = vault.db().prepare(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        while (rows->step().value()) {
            for (int c = 0; c < columns; ++c)
                values.append(rows->blob(c));
        }
    }
    return values;
}

bool containsSecret(const QByteArray& haystack, const SecureBuffer& secret)
{
    const QByteArray raw(secret.chars(), static_cast<qsizetype>(secret.size()));
    return haystack.contains(raw) || haystack.contains(raw.toHex()) || haystack.contains(raw.toBase64());
}

#define VERIFY_BROKEN(expr, fragment)                                                                        \
    do {                                                                                                     \
        const VerificationReport broken_ = (expr);                                                           \
        QVERIFY2(!broken_.ok, "tampering was not detected");                                                 \
        QVERIFY2(broken_.message.contains(fragment), qPrintable(broken_.message));                           \
    } while (false)

} // namespace

class TestAuditTrustedKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signingKeyIsNotInTheVault();
    void nurseAppendsWithoutKeyAndServiceSigns();
    void truncatedTailFailsAgainstExportedCheckpoints();
    void rewrittenTailFailsAgainstExportedCheckpoints();
    void removedMiddleCheckpointFails();
    void checkpointResignedWithOtherKeyFails();
    void serviceRefusesToSignAShortenedLog();
    void oldVaultMigratesOnServiceUnlock();
    void oldVaultMigratesOnAdminUnlock();
    void badTrustedKeyAndTamperedExportRefused();
    void removedAdministratorLosesAuditSlot();
    void auditSlotsNeverOpenAsDataKeySlots();
};

void TestAuditTrustedKey::signingKeyIsNotInTheVault()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(120));
    QVERIFY_OK(w.serviceRun());
    auto key = w.serviceKey();
    QVERIFY_OK(key);
    const SecureBuffer seed = key->seed();

    auto insider = w.openWithDataKey();
    QVERIFY(insider);
    vault::AuditRepository repository(*insider);
    QVERIFY(repository.deviceSecret(signingKeySecretName()).value().isEmpty());
    QCOMPARE(insider->db().scalar(QStringLiteral("SELECT count(*) FROM device_secret")).value().toInt(), 0);
    const QList<QByteArray> values = everyStoredValue(*insider);
    QVERIFY(values.size() > 100);
    for (const QByteArray& value : values)
        QVERIFY2(!containsSecret(value, seed), "the audit signing key's seed is readable with the data key");

    // Its slots hold it only wrapped, and the public key file matches the signing key.
    QFile slots(w.dir + QStringLiteral("/audit-keyslots.json"));
    QVERIFY(slots.open(QIODevice::ReadOnly));
    QVERIFY(!containsSecret(slots.readAll(), seed));
    QCOMPARE(w.trustedKey(), key->publicKey());
    auto set = KeySlotFile(slots.fileName()).load();
    QVERIFY_OK(set);
    QVERIFY(set->contains(KeySlot::Kind::AuditDevice, KeySlot::deviceSlotName()));
    QVERIFY(set->contains(KeySlot::Kind::AuditUser, kAdmin));
    QVERIFY(!set->contains(KeySlot::Kind::AuditUser, kNurse));
    // The administrator's passphrase opens it; the nurse's does not.
    const SecureBuffer adminPass = keys::passphraseBytes(kAdminPass);
    const SecureBuffer nursePass = keys::passphraseBytes(kNursePass);
    AuditKeyCustody custody(w.dir, set->vaultId);
    QCOMPARE(custody.open(AuditKeyHolder::user(kAdmin, adminPass, KdfParameters::minimumForTesting()))->publicKey(),
             key->publicKey());
    QCOMPARE(custody.open(AuditKeyHolder::user(kNurse, nursePass, KdfParameters::minimumForTesting())).error().code,
             ErrorCode::NotFound);
}

void TestAuditTrustedKey::nurseAppendsWithoutKeyAndServiceSigns()
{
    Ward w;
    QVERIFY(w.init());
    QFile slots(w.dir + QStringLiteral("/audit-keyslots.json"));
    QVERIFY(slots.open(QIODevice::ReadOnly));
    const QByteArray slotsBefore = slots.readAll();
    slots.close();

    QVERIFY(w.nurseAppends(250)); // a nurse's unlock and appends need no audit key
    {
        auto insider = w.openWithDataKey();
        AuditLog log(*insider, w.clock);
        QVERIFY(log.checkpoints().value().isEmpty()); // nothing signed by a nurse
        QCOMPARE(log.dueCheckpoints().value(), (QList<qint64>{100, 200}));
    }
    QVERIFY(slots.open(QIODevice::ReadOnly));
    QCOMPARE(slots.readAll(), slotsBefore); // and nothing about the key changed
    slots.close();

    auto run = w.serviceRun();
    QVERIFY_OK(run);
    QCOMPARE(run->signedCount, 2);
    QCOMPARE(run->exportedCount, 2);
    QCOMPARE(run->exportDir, w.exportDir());
    auto again = w.serviceRun(); // nothing new due, nothing exported twice
    QVERIFY_OK(again);
    QCOMPARE(again->signedCount, 0);
    QCOMPARE(again->exportedCount, 0);

    // The export: one NDJSON file for the day, each line a signed AuditEvent.
    const QStringList files = QDir(w.exportDir()).entryList({QStringLiteral("*.ndjson")}, QDir::Files);
    QCOMPARE(files, QStringList{QStringLiteral("audit-checkpoints-2026-03-01.ndjson")});
    auto exported = readExportedCheckpoints(w.exportDir(), w.trustedKey());
    QVERIFY_OK(exported);
    QCOMPARE(exported->size(), 2);
    QCOMPARE(exported->at(0).checkpoint.seq, qint64(100));
    QCOMPARE(exported->at(1).checkpoint.seq, qint64(200));

    const VerificationReport report = w.verify(w.trustedOptions(w.exportDir()));
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.checkpointsChecked, qint64(2));
}

void TestAuditTrustedKey::truncatedTailFailsAgainstExportedCheckpoints()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(350));
    QVERIFY_OK(w.serviceRun()); // signs 100, 200, 300 and exports them
    const QString collected = w.collect();

    // The insider deletes the tail (a break-glass, say) with its checkpoints, and
    // the local export folder too.
    {
        auto insider = w.openWithDataKey();
        QVERIFY(insider);
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_entry WHERE seq > 150")));
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > 150")));
    }
    QVERIFY(QDir(w.exportDir()).removeRecursively());

    // What the old verify trusted - the vault's own key - sees a consistent log.
    QVERIFY(w.verify({}).ok);
    QVERIFY(w.verify(w.trustedOptions()).ok); // the chain alone cannot tell, by design
    // The collected exports outlive the deletion: the last one gone is named.
    const VerificationReport report = w.verify(w.trustedOptions(collected));
    VERIFY_BROKEN(report, QStringLiteral("exported checkpoint 300"));
    QVERIFY2(report.message.contains(QStringLiteral("is gone from the vault")), qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("ends at entry 150")), qPrintable(report.message));
    QVERIFY2(report.message.contains(QStringLiteral("2 exported checkpoint(s) missing")), qPrintable(report.message));
}

void TestAuditTrustedKey::rewrittenTailFailsAgainstExportedCheckpoints()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(250));
    QVERIFY_OK(w.serviceRun());
    const QString collected = w.collect();
    {
        auto insider = w.openWithDataKey();
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_entry WHERE seq > 150")));
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > 150")));
        // ... and to hide the gap, tells the exporter nothing was exported yet.
        QVERIFY_OK(insider->setMeta(QStringLiteral("audit_checkpoints_exported_through"), QStringLiteral("0")));
    }
    QVERIFY(QDir(w.exportDir()).removeRecursively());
    // New entries refill the log past 200; the service signs them with the real key.
    QVERIFY(w.nurseAppends(100));
    QVERIFY_OK(w.serviceRun());
    QVERIFY(w.verify(w.trustedOptions()).ok); // genuinely signed, consistent
    VERIFY_BROKEN(w.verify(w.trustedOptions(collected)),
                  QStringLiteral("exported checkpoint 200 (audit-checkpoints-2026-03-01.ndjson line 2) does not match "
                                 "entry 200"));
}

void TestAuditTrustedKey::removedMiddleCheckpointFails()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(350));
    QVERIFY_OK(w.serviceRun());
    {
        auto insider = w.openWithDataKey();
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq = 200")));
    }
    VERIFY_BROKEN(w.verify(w.trustedOptions()), QStringLiteral("checkpoint 200 is missing"));
    VERIFY_BROKEN(w.verify({}), QStringLiteral("checkpoint 200 is missing"));
}

void TestAuditTrustedKey::checkpointResignedWithOtherKeyFails()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(250));
    QVERIFY_OK(w.serviceRun());
    const QString collected = w.collect();
    const AuditSigningKey attacker = AuditSigningKey::generate();
    {
        // Entry 200 rewritten (its detail), the chain after it re-linked, every
        // checkpoint re-signed with the attacker's key, and the recorded key replaced.
        auto insider = w.openWithDataKey();
        vault::AuditRepository repository(*insider);
        QByteArray prev = repository.entry(199).value()->hash;
        for (qint64 seq = 200; seq <= 250; ++seq) {
            AuditEntry e = *repository.entry(seq).value();
            if (seq == 200)
                e.detail = QStringLiteral("nothing happened");
            e.prevHash = prev;
            e.hash = computeEntryHash(e);
            auto stmt = insider->db().prepare(QStringLiteral("UPDATE audit_entry SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?"));
            stmt->bindOptional(1, e.detail).bindBlob(2, e.prevHash).bindBlob(3, e.hash).bind(4, seq);
            QVERIFY_OK(stmt->run());
            prev = e.hash;
        }
        const QList<AuditCheckpoint> stored = repository.readCheckpoints().value();
        for (const AuditCheckpoint& c : stored) {
            const QByteArray hash = repository.entry(c.seq).value()->hash;
            auto stmt = insider->db().prepare(
                QStringLiteral("UPDATE audit_checkpoint SET hash = ?, signature = ?, public_key = ? WHERE seq = ?"));
            stmt->bindBlob(1, hash).bindBlob(2, attacker.sign(checkpointMessage(c.seq, hash, c.time)));
            stmt->bindBlob(3, attacker.publicKey()).bind(4, c.seq);
            QVERIFY_OK(stmt->run());
        }
        QVERIFY_OK(insider->setMeta(publicKeyMetaKey(), QString::fromLatin1(attacker.publicKey().toBase64())));
    }
    QVERIFY(w.verify({}).ok); // consistent with itself
    VERIFY_BROKEN(w.verify(w.trustedOptions()),
                  QStringLiteral("checkpoint 100 was signed by a key other than the trusted audit key"));
    VERIFY_BROKEN(w.verify(w.trustedOptions(collected)), QStringLiteral("checkpoint 100 was signed by a key other"));
}

void TestAuditTrustedKey::serviceRefusesToSignAShortenedLog()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(250));
    QVERIFY_OK(w.serviceRun()); // 100, 200 exported to the local folder
    {
        auto insider = w.openWithDataKey();
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_entry WHERE seq > 150")));
        QVERIFY_OK(insider->db().exec(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > 150")));
    }
    QVERIFY(w.nurseAppends(100)); // 200 and 300 due again, over the rewritten tail
    auto run = w.serviceRun();
    QVERIFY(!run.ok());
    QVERIFY2(run.error().message.contains(QStringLiteral("not signing")), qPrintable(run.error().message));
    QVERIFY2(run.error().message.contains(QStringLiteral("exported checkpoint 200 (audit-checkpoints-2026-03-01.ndjson "
                                                         "line 2) does not match entry 200")),
             qPrintable(run.error().message));
    auto insider = w.openWithDataKey();
    QCOMPARE(AuditLog(*insider, w.clock).checkpoints().value().size(), 1); // only 100: nothing new was signed
}

namespace {

// Turns a freshly made vault into one from before the key moved out: the seed in
// device_secret, no audit-keyslots.json, checkpoints signed with that key.
bool makeOldVault(Ward& w, AuditSigningKey& legacy)
{
    if (!QFile::remove(w.dir + QStringLiteral("/audit-keyslots.json")) ||
        !QFile::remove(w.dir + QStringLiteral("/audit-public-key.pem")))
        return false;
    auto insider = w.openWithDataKey();
    vault::AuditRepository repository(*insider);
    if (!repository.putDeviceSecret(signingKeySecretName(), legacy.seed()).ok() ||
        !insider->setMeta(publicKeyMetaKey(), QString::fromLatin1(legacy.publicKey().toBase64())).ok())
        return false;
    AuditLog log(*insider, w.clock);
    for (int i = 0; i < 150; ++i) {
        if (!log.append({kNurse, AuditAction::Lock, {}, AuditOutcome::Success, {}}).ok())
            return false;
    }
    return log.signDueCheckpoints(legacy).ok();
}

} // namespace

void TestAuditTrustedKey::oldVaultMigratesOnServiceUnlock()
{
    Ward w;
    QVERIFY(w.init());
    AuditSigningKey legacy = AuditSigningKey::generate();
    QVERIFY(makeOldVault(w, legacy));

    // A nurse's unlock cannot move it (she holds no place to put it) and leaves it.
    QVERIFY_OK(w.access.unlock(w.dir, kNurse, kNursePass));
    QVERIFY(!QFile::exists(w.dir + QStringLiteral("/audit-keyslots.json")));

    QVERIFY_OK(w.access.unlockAsDevice(w.dir)); // the service's first unlock moves it
    auto insider = w.openWithDataKey();
    vault::AuditRepository repository(*insider);
    QVERIFY(repository.deviceSecret(signingKeySecretName()).value().isEmpty());
    QCOMPARE(insider->db().scalar(QStringLiteral("SELECT count(*) FROM device_secret")).value().toInt(), 0);
    for (const QByteArray& value : everyStoredValue(*insider))
        QVERIFY(!containsSecret(value, legacy.seed()));
    QFile wal(w.folder().vaultFile() + QStringLiteral("-wal"));
    QVERIFY(!wal.exists() || wal.size() == 0); // no page image of it left in the log either
    insider.reset();

    auto moved = w.serviceKey();
    QVERIFY_OK(moved);
    QCOMPARE(moved->publicKey(), legacy.publicKey()); // the same key, so old checkpoints still verify
    QCOMPARE(w.trustedKey(), legacy.publicKey());
    const VerificationReport report = w.verify(w.trustedOptions());
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.checkpointsChecked, qint64(1));

    // The administrator gets their slot on their next unlock (device.key is readable here).
    QVERIFY_OK(w.access.unlock(w.dir, kAdmin, kAdminPass));
    auto set = KeySlotFile(w.dir + QStringLiteral("/audit-keyslots.json")).load();
    QVERIFY(set->contains(KeySlot::Kind::AuditUser, kAdmin));
}

void TestAuditTrustedKey::oldVaultMigratesOnAdminUnlock()
{
    Ward w;
    QVERIFY(w.init());
    AuditSigningKey legacy = AuditSigningKey::generate();
    QVERIFY(makeOldVault(w, legacy));

    QVERIFY_OK(w.access.unlock(w.dir, kAdmin, kAdminPass));
    auto insider = w.openWithDataKey();
    QCOMPARE(insider->db().scalar(QStringLiteral("SELECT count(*) FROM device_secret")).value().toInt(), 0);
    insider.reset();
    auto set = KeySlotFile(w.dir + QStringLiteral("/audit-keyslots.json")).load();
    QVERIFY_OK(set);
    QVERIFY(set->contains(KeySlot::Kind::AuditUser, kAdmin));
    QVERIFY(set->contains(KeySlot::Kind::AuditDevice, KeySlot::deviceSlotName()));
    QCOMPARE(w.serviceKey()->publicKey(), legacy.publicKey());
    QVERIFY(QFile::exists(w.dir + QStringLiteral("/audit-public-key.pem")));
    QVERIFY_OK(w.serviceRun()); // the service goes on signing with it
}

void TestAuditTrustedKey::badTrustedKeyAndTamperedExportRefused()
{
    Ward w;
    QVERIFY(w.init());
    QVERIFY(w.nurseAppends(250));
    QVERIFY_OK(w.serviceRun());

    // Trusted key files: missing, not a key, a key of the wrong length.
    QCOMPARE(readPublicKeyFile(w.tmp.filePath(QStringLiteral("nope.pem"))).error().code, ErrorCode::NotFound);
    QFile junk(w.tmp.filePath(QStringLiteral("junk.pem")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n");
    junk.close();
    auto notAKey = readPublicKeyFile(junk.fileName());
    QCOMPARE(notAKey.error().code, ErrorCode::InvalidInput);
    QVERIFY2(notAKey.error().message.contains(QStringLiteral("not an audit public key")), qPrintable(notAKey.error().message));
    // The PEM round-trips, and the bare base64 init prints is accepted too.
    QCOMPARE(publicKeyFromText(publicKeyToPem(w.trustedKey())).value(), w.trustedKey());
    QCOMPARE(publicKeyFromText(w.trustedKey().toBase64()).value(), w.trustedKey());

    // A collected folder with one line altered (another hash): named by file and line.
    const QString collected = w.collect();
    const QString file = collected + QStringLiteral("/audit-checkpoints-2026-03-01.ndjson");
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = f.readAll().split('\n');
    f.close();
    QVERIFY(lines.size() >= 2);
    lines[1].replace(QByteArrayLiteral("\"outcome\":\"0\""), QByteArrayLiteral("\"outcome\":\"4\""));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(lines.join('\n'));
    f.close();
    auto tampered = readExportedCheckpoints(collected, w.trustedKey());
    QVERIFY(!tampered.ok());
    QCOMPARE(tampered.error().code, ErrorCode::Corrupt);
    QVERIFY2(tampered.error().message.contains(QStringLiteral("audit-checkpoints-2026-03-01.ndjson line 2")),
             qPrintable(tampered.error().message));
    // Another key than the one that signed: every line is refused.
    auto wrongKey = readExportedCheckpoints(w.exportDir(), AuditSigningKey::generate().publicKey());
    QCOMPARE(wrongKey.error().code, ErrorCode::Corrupt);
    QVERIFY(wrongKey.error().message.contains(QStringLiteral("other than the trusted audit key")));
    // Not a folder at all.
    QCOMPARE(readExportedCheckpoints(file, w.trustedKey()).error().code, ErrorCode::InvalidInput);
}

void TestAuditTrustedKey::removedAdministratorLosesAuditSlot()
{
    Ward w;
    QVERIFY(w.init());
    const QString second = QStringLiteral("it.second");
    const QString secondPass = QStringLiteral("Copper-lantern-hill-77-east");
    {
        auto admin = w.access.unlock(w.dir, kAdmin, kAdminPass);
        QVERIFY_OK(admin);
        QVERIFY_OK(w.access.addUser(*admin, User{second, QStringLiteral("IT Second"), Role::ItAdmin, {}, {}, false}, secondPass));
    }
    QVERIFY_OK(w.access.unlock(w.dir, second, secondPass)); // enrolled: device.key is readable here
    const QString file = w.dir + QStringLiteral("/audit-keyslots.json");
    QVERIFY(KeySlotFile(file).load()->contains(KeySlot::Kind::AuditUser, second));
    {
        auto admin = w.access.unlock(w.dir, kAdmin, kAdminPass);
        QVERIFY_OK(w.access.removeUser(*admin, second));
    }
    QVERIFY_OK(w.access.unlockAsDevice(w.dir)); // the service drops the former administrator's slot
    QVERIFY(!KeySlotFile(file).load()->contains(KeySlot::Kind::AuditUser, second));
    QVERIFY(KeySlotFile(file).load()->contains(KeySlot::Kind::AuditUser, kAdmin));
}

void TestAuditTrustedKey::auditSlotsNeverOpenAsDataKeySlots()
{
    Ward w;
    QVERIFY(w.init());
    auto set = KeySlotFile(w.dir + QStringLiteral("/audit-keyslots.json")).load();
    QVERIFY_OK(set);
    auto deviceKey = keys::DeviceKey::load(w.folder().deviceKeyFile());
    QVERIFY_OK(deviceKey);
    // The audit device slot relabelled as the data key's device slot: authentication fails.
    const KeySlot audit = set->slotsOf(KeySlot::Kind::AuditDevice, KeySlot::deviceSlotName()).constFirst();
    const KeySlot relabelled = KeySlot::fromStored(KeySlot::Kind::Device, audit.name(), {}, {}, audit.nonce(), audit.wrappedKey());
    QCOMPARE(relabelled.unwrapWithDeviceKey(set->vaultId, *deviceKey).error().code, ErrorCode::WrongKey);
    // And the data key's device slot copied into the audit file opens nothing there.
    auto data = KeySlotFile(w.folder().keySlotFile()).load();
    const KeySlot dataSlot = data->slotsOf(KeySlot::Kind::Device, KeySlot::deviceSlotName()).constFirst();
    const KeySlot asAudit =
        KeySlot::fromStored(KeySlot::Kind::AuditDevice, dataSlot.name(), {}, {}, dataSlot.nonce(), dataSlot.wrappedKey());
    // (the sealed device slot wraps nothing: copied, it is malformed rather than a wrong key)
    const ErrorCode refused = asAudit.unwrapWithDeviceKey(set->vaultId, *deviceKey).error().code;
    QVERIFY(refused == ErrorCode::WrongKey || refused == ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(TestAuditTrustedKey)
#include "test_audit_trusted_key.moc"
