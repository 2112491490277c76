// The user life cycle through core (UserLifecycle via VaultAccess): disabling
// deletes the key slot (the passphrase opens nothing, not just a flag);
// enabling and resets issue one-time passphrases; removal re-keys the vault, so
// the removed user's copy of the old key opens nothing while everyone else,
// the device slot and the audit key slots go on working; a user changes only
// their own passphrase; refusals are audited and change nothing; an older
// (unsealed) slot converts on its holder's unlock, and removal waits for that.

#include "core/access/UserLifecycle.h"
#include "core/access/VaultAccess.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/keys/KeySlotFieldChecks.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/UserRepository.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace lantern;
using namespace lantern::access;
using lantern::keys::KdfParameters;
using lantern::keys::KeySlot;
using lantern::keys::KeySlotFile;
using lantern::keys::KeySlotSet;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

const QString AdminPass = QStringLiteral("Lantern-ward-3B-night-shift");
const QString NursePass = QStringLiteral("Quiet-river-stones-42-north");
const QString DoctorPass = QStringLiteral("Amber-kettle-9-under-bridges");
const QString OneTimePass = QStringLiteral("Copper-lantern-77-east-gate");

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestUserLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void disableDeletesTheSlot();
    void enableAndResetIssueOneTimePassphrases();
    void removalReKeysTheVault();
    void refusalsChangeNothingAndAreAudited();
    void onlyOwnPassphrase();
    void olderSlotConvertsOnUnlockAndBlocksRemovalUntilThen();

private:
    Result<Session> unlock(const QString& user, const QString& pass) { return m_access.unlock(m_dir, user, pass); }
    QStringList auditOf(Session& session, const QString& action);

    ManualClock m_clock;
    VaultAccess m_access{m_clock, KdfParameters::minimumForTesting()};
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
    std::optional<Session> m_admin;
};

void TestUserLifecycle::init()
{
    m_admin.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    m_dir = m_tmp->filePath(QStringLiteral("vault"));
    auto admin = m_access.initialise(m_dir, QStringLiteral("it-admin"), QStringLiteral("IT Admin"), AdminPass);
    QVERIFY_OK(admin);
    m_admin.emplace(std::move(*admin));
    QVERIFY_OK(m_access.addUser(*m_admin, {QStringLiteral("kim"), QStringLiteral("Kim"), Role::Nurse, {QStringLiteral("ward-3b")}, {}, false}, NursePass));
    QVERIFY_OK(m_access.addUser(*m_admin, {QStringLiteral("dr.lee"), QStringLiteral("Lee"), Role::Physician, {QStringLiteral("ward-3b")}, {}, false}, DoctorPass));
}

QStringList TestUserLifecycle::auditOf(Session& session, const QString& action)
{
    QStringList found;
    auto entries = vault::AuditRepository(session.vault()).readEntries(1, 10000);
    if (!entries.ok())
        return {QStringLiteral("unreadable")};
    for (const auto& e : std::as_const(*entries)) {
        if (e.action == action)
            found << e.actor + QLatin1Char(' ') + e.outcome + QLatin1Char(' ') + e.detail;
    }
    return found;
}

void TestUserLifecycle::disableDeletesTheSlot()
{
    QVERIFY_OK(m_access.disableUser(*m_admin, QStringLiteral("kim")));
    auto slots = KeySlotFile(VaultDirectory(m_dir).keySlotFile()).load();
    QVERIFY_OK(slots);
    QVERIFY(!slots->contains(KeySlot::Kind::User, QStringLiteral("kim")));
    QCOMPARE(unlock(QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);
    auto row = vault::UserRepository(m_admin->vault()).find(QStringLiteral("kim"));
    QVERIFY_OK(row);
    QVERIFY(row->disabled); // the account stays for the audit trail
    QVERIFY(auditOf(*m_admin, QStringLiteral("user-update")).contains(QStringLiteral("it-admin success disable user kim")));
    QVERIFY_OK(unlock(QStringLiteral("dr.lee"), DoctorPass));
}

void TestUserLifecycle::enableAndResetIssueOneTimePassphrases()
{
    QCOMPARE(m_access.enableUser(*m_admin, QStringLiteral("kim"), OneTimePass).error().code, ErrorCode::InvalidInput);
    QVERIFY_OK(m_access.disableUser(*m_admin, QStringLiteral("kim")));
    QCOMPARE(m_access.enableUser(*m_admin, QStringLiteral("kim"), QStringLiteral("short")).error().code, ErrorCode::WeakPassphrase);
    QVERIFY_OK(m_access.enableUser(*m_admin, QStringLiteral("kim"), OneTimePass));
    QVERIFY(m_access.mustChangePassphrase(m_dir, QStringLiteral("kim")));
    auto refused = unlock(QStringLiteral("kim"), OneTimePass);
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QVERIFY2(refused.error().message.contains(QStringLiteral("passwd")), qPrintable(refused.error().message));
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), OneTimePass, NursePass));
    QVERIFY_OK(unlock(QStringLiteral("kim"), NursePass));

    // A one-time slot with its flag stripped from the file opens nothing (the flag is bound).
    QVERIFY_OK(m_access.resetPassphrase(*m_admin, QStringLiteral("dr.lee"), OneTimePass));
    const QString path = VaultDirectory(m_dir).keySlotFile();
    QByteArray json = fileBytes(path);
    QVERIFY(json.contains("\"one_time\": true"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.replace("\"one_time\": true", "\"one_time\": false");
    f.write(json);
    f.close();
    // The field check names the change ...
    auto flagged = unlock(QStringLiteral("dr.lee"), OneTimePass);
    QCOMPARE(flagged.error().code, ErrorCode::Corrupt);
    QVERIFY2(flagged.error().message.contains(QStringLiteral("field one_time")), qPrintable(flagged.error().message));
    // ... and with the check rewritten too, the flag bound into the AEAD still opens nothing.
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json.replace(keys::KeySlotFieldChecks::checkOf(QStringLiteral("one_time"), true).toLatin1(),
                         keys::KeySlotFieldChecks::checkOf(QStringLiteral("one_time"), false).toLatin1()));
    f.close();
    QCOMPARE(unlock(QStringLiteral("dr.lee"), OneTimePass).error().code, ErrorCode::WrongKey);
    QVERIFY(auditOf(*m_admin, QStringLiteral("user-update")).contains(QStringLiteral("it-admin success reset user dr.lee")));
}

void TestUserLifecycle::removalReKeysTheVault()
{
    const VaultDirectory dir(m_dir);
    auto before = KeySlotFile(dir.keySlotFile()).load();
    QVERIFY_OK(before);
    // What kim could have kept: her slot and so the old data key.
    auto oldKey = before->slotsOf(KeySlot::Kind::User, QStringLiteral("kim")).first().unwrapWithPassphrase(before->vaultId, keys::passphraseBytes(NursePass));
    QVERIFY_OK(oldKey);

    QVERIFY_OK(m_access.removeUser(*m_admin, QStringLiteral("kim")));
    QVERIFY(!QFile::exists(dir.rekeySlotFile()));
    QCOMPARE(vault::Vault::open(dir.vaultFile(), *oldKey).error().code, ErrorCode::WrongKey);
    QCOMPARE(unlock(QStringLiteral("kim"), NursePass).error().code, ErrorCode::WrongKey);

    // Everyone else, the device and the audit key go on; the admin's own session too.
    auto lee = unlock(QStringLiteral("dr.lee"), DoctorPass);
    QVERIFY_OK(lee);
    QVERIFY_OK(lee->vault().checkIntegrity());
    QVERIFY_OK(m_access.unlockAsDevice(m_dir));
    QVERIFY_OK(m_admin->vault().checkIntegrity());
    auto admin = unlock(QStringLiteral("it-admin"), AdminPass);
    QVERIFY_OK(admin);
    auto after = KeySlotFile(dir.keySlotFile()).load();
    QVERIFY_OK(after);
    const audit::AuditKeyCustody custody(m_dir, after->vaultId);
    const KdfParameters kdf = after->slotsOf(KeySlot::Kind::User, QStringLiteral("it-admin")).first().kdf();
    const SecureBuffer adminPass = keys::passphraseBytes(AdminPass);
    QVERIFY_OK(custody.open(audit::AuditKeyHolder::user(QStringLiteral("it-admin"), adminPass, kdf)));
    // Adding a user afterwards uses the new key (the session swapped it in).
    QVERIFY_OK(m_access.addUser(*m_admin, {QStringLiteral("sam"), QStringLiteral("Sam"), Role::Nurse, {QStringLiteral("ward-3b")}, {}, false}, NursePass));
    QVERIFY_OK(unlock(QStringLiteral("sam"), NursePass));
    QVERIFY(auditOf(*admin, QStringLiteral("user-remove")).contains(QStringLiteral("it-admin success remove user kim")));
}

void TestUserLifecycle::refusalsChangeNothingAndAreAudited()
{
    const QString path = VaultDirectory(m_dir).keySlotFile();
    const QByteArray before = fileBytes(path);
    auto kim = unlock(QStringLiteral("kim"), NursePass);
    QVERIFY_OK(kim);
    QCOMPARE(m_access.disableUser(*kim, QStringLiteral("dr.lee")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.removeUser(*kim, QStringLiteral("dr.lee")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.resetPassphrase(*kim, QStringLiteral("dr.lee"), OneTimePass).error().code, ErrorCode::Denied);
    auto unknown = m_access.removeUser(*m_admin, QStringLiteral("nobody"));
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QVERIFY2(unknown.error().message.contains(QStringLiteral("nobody")), qPrintable(unknown.error().message));
    QCOMPARE(m_access.disableUser(*m_admin, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);
    QCOMPARE(m_access.removeUser(*m_admin, QStringLiteral("it-admin")).error().code, ErrorCode::Denied);
    QCOMPARE(fileBytes(path), before);
    QVERIFY_OK(unlock(QStringLiteral("dr.lee"), DoctorPass));
    const QStringList denied = auditOf(*m_admin, QStringLiteral("user-update")) + auditOf(*m_admin, QStringLiteral("user-remove"));
    QVERIFY2(denied.filter(QStringLiteral("kim denied")).size() == 3, qPrintable(denied.join(QLatin1Char('|'))));
    QVERIFY2(!denied.filter(QStringLiteral("it-admin failure not-found")).isEmpty(), qPrintable(denied.join(QLatin1Char('|'))));
}

void TestUserLifecycle::onlyOwnPassphrase()
{
    QVERIFY_OK(UserLifecycle::mayChangePassphraseOf(QStringLiteral("kim"), QStringLiteral("kim")));
    auto refused = UserLifecycle::mayChangePassphraseOf(QStringLiteral("kim"), QStringLiteral("dr.lee"));
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QVERIFY(refused.error().message.contains(QStringLiteral("reset")));
    QVERIFY_OK(m_access.changePassphrase(m_dir, QStringLiteral("kim"), NursePass, OneTimePass));
    auto kim = unlock(QStringLiteral("kim"), OneTimePass);
    QVERIFY_OK(kim);
    QVERIFY(auditOf(*kim, QStringLiteral("passphrase-change")).contains(QStringLiteral("kim success ")));
}

void TestUserLifecycle::olderSlotConvertsOnUnlockAndBlocksRemovalUntilThen()
{
    // Write dr.lee's slot in the format before sealing: the data key wrapped
    // directly under Argon2id (as keyslots.json files of earlier versions hold).
    const VaultDirectory dir(m_dir);
    auto set = KeySlotFile(dir.keySlotFile()).load();
    QVERIFY_OK(set);
    const KeySlot sealed = set->slotsOf(KeySlot::Kind::User, QStringLiteral("dr.lee")).first();
    auto dataKey = sealed.unwrapWithPassphrase(set->vaultId, keys::passphraseBytes(DoctorPass));
    QVERIFY_OK(dataKey);
    const QByteArray pass = DoctorPass.toUtf8();
    QByteArray salt(crypto_pwhash_SALTBYTES, 's'), nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, 'n');
    unsigned char wrapKey[32];
    QCOMPARE(crypto_pwhash(wrapKey, 32, pass.constData(), pass.size(), reinterpret_cast<const unsigned char*>(salt.constData()),
                           sealed.kdf().opsLimit, sealed.kdf().memLimit, crypto_pwhash_ALG_ARGON2ID13), 0);
    const QByteArray ad = QByteArray("lantern-keyslot/1") + '\0' + "user" + '\0' + "dr.lee" + '\0' + set->vaultId.toUtf8();
    QByteArray wrapped(32 + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(wrapped.data()), nullptr, dataKey->data(), 32,
                                               reinterpret_cast<const unsigned char*>(ad.constData()), ad.size(), nullptr,
                                               reinterpret_cast<const unsigned char*>(nonce.constData()), wrapKey);
    set->slots.removeIf([](const KeySlot& s) { return s.name() == QLatin1String("dr.lee"); });
    set->slots.append(KeySlot::fromStored(KeySlot::Kind::User, QStringLiteral("dr.lee"), sealed.kdf(), salt, nonce, wrapped));
    QVERIFY_OK(KeySlotFile(dir.keySlotFile()).overwrite(*set));

    const QByteArray before = fileBytes(dir.keySlotFile());
    auto refused = m_access.removeUser(*m_admin, QStringLiteral("kim"));
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QVERIFY2(refused.error().message.contains(QStringLiteral("dr.lee")), qPrintable(refused.error().message));
    QCOMPARE(fileBytes(dir.keySlotFile()), before);
    QVERIFY(!vault::UserRepository(m_admin->vault()).find(QStringLiteral("kim"))->disabled);

    QVERIFY_OK(unlock(QStringLiteral("dr.lee"), DoctorPass)); // converts the slot
    QVERIFY(KeySlotFile(dir.keySlotFile()).load()->slotsOf(KeySlot::Kind::User, QStringLiteral("dr.lee")).first().isSealed());
    QVERIFY_OK(m_access.removeUser(*m_admin, QStringLiteral("kim")));
    QVERIFY_OK(unlock(QStringLiteral("dr.lee"), DoctorPass));
}

QTEST_GUILESS_MAIN(TestUserLifecycle)
#include "test_user_lifecycle.moc"
