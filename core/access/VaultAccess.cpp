#include "core/access/VaultAccess.h"

#include "core/access/SessionPolicy.h"
#include "core/access/UnlockThrottle.h"
#include "core/access/VaultRekey.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/common/Logging.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/vault/DiskReserve.h"
#include "core/vault/UserRepository.h"
#include "core/vault/VaultDamage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <optional>

namespace lantern::access {

using keys::DeviceKey;
using keys::KeySlot;
using keys::KeySlotFile;
using keys::KeySlotSet;

namespace {

Error wrongCredentials()
{
    return {ErrorCode::WrongKey,
            QStringLiteral("the username or passphrase is wrong; check Caps Lock and the keyboard "
                           "layout, then try again")};
}

// The holder's only slots are damaged: say so, instead of "wrong passphrase",
// which would send them to retype a passphrase that is right.
Error damagedSlotOf(const VaultDirectory& dir, const QList<keys::DamagedKeySlot>& damaged, const QString& holder)
{
    return {ErrorCode::Corrupt,
            QStringLiteral("the key slot of %1 in %2 is damaged (%3: %4), so it cannot be opened; restore the file "
                           "from a backup, or IT issues a new one (lanternctl user reset %1, or for the device: "
                           "lanternctl verify names what to restore)")
                .arg(holder, dir.keySlotFile(), damaged.first().describe(), damaged.first().problem)};
}

Status prepareDirectory(const VaultDirectory& dir)
{
    if (QFileInfo::exists(dir.keySlotFile()))
        return Error(ErrorCode::Conflict, QStringLiteral("%1 holds a Lantern vault already").arg(dir.path()));
    if (QFileInfo::exists(dir.vaultFile()))
        return Error(
            ErrorCode::Conflict,
            QStringLiteral(
                "%1 has a vault.db but no keyslots.json. If an earlier set-up was interrupted, delete "
                "vault.db and start again; if keyslots.json was lost, restore it from a backup")
                .arg(dir.path()));
    if (QFileInfo::exists(dir.path()))
        return {};
    if (!QDir().mkpath(dir.path()))
        return Error(ErrorCode::Io, QStringLiteral("could not create the folder %1").arg(dir.path()));
    // Only the owner (the service account or the user) needs to look inside.
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

// The audit checkpoint key lives outside the vault; the service and IT
// administrators take it over from an old vault, or get their slot, on unlock.
// A failure must not lock anyone out: it is logged and retried next time.
void adoptAuditKey(const VaultDirectory& dir, vault::Vault& vault, const QString& vaultId,
                   const audit::AuditKeyHolder& holder)
{
    const Status adopted = audit::AuditKeyCustody(dir.path(), vaultId).adopt(vault, holder);
    if (!adopted.ok())
        qCWarning(lcAccess) << "audit signing key:" << adopted.error().message;
}

// The room a full disk must not take (DiskReserve): made at initialisation and
// again at each unlock when it was used up and there is room now. Never a
// reason to refuse an unlock.
void keepDiskReserve(const VaultDirectory& dir)
{
    const Status kept = vault::DiskReserve(dir.path()).ensure();
    if (!kept.ok())
        qCWarning(lcAccess) << "disk reserve:" << kept.error().message;
}

} // namespace

VaultAccess::VaultAccess(const Clock& clock, keys::KdfParameters kdf)
    : m_clock(clock), m_users(clock, kdf), m_lifecycle(m_users, clock)
{
}

Result<Session> VaultAccess::initialise(const QString& directory, const QString& adminUsername,
                                        const QString& adminDisplayName, const QString& adminPassphrase)
{
    const VaultDirectory dir(directory);
    const User admin{adminUsername, adminDisplayName, Role::ItAdmin, {}, m_clock.now(), false};
    LANTERN_TRY(admin.validate());
    const SecureBuffer passphrase = keys::passphraseBytes(adminPassphrase);
    LANTERN_TRY(PassphrasePolicy().check(passphrase, adminUsername));
    LANTERN_TRY(prepareDirectory(dir));

    auto session = createIn(dir, admin, passphrase);
    if (session.ok())
        keepDiskReserve(dir);
    if (!session.ok() && !QFileInfo::exists(dir.keySlotFile())) {
        // Nothing can ever open what was half created (its data key is gone): clear
        // it away so that the next attempt starts clean.
        for (const QString& suffix :
             {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
            QFile::remove(dir.vaultFile() + suffix);
        QFile::remove(dir.deviceKeyFile());
        QFile::remove(audit::AuditKeyCustody(dir.path(), {}).slotFile());
        QFile::remove(audit::AuditKeyCustody(dir.path(), {}).publicKeyFile());
    }
    return session;
}

Result<Session> VaultAccess::createIn(const VaultDirectory& dir, const User& admin,
                                      const SecureBuffer& passphrase)
{
    SecureBuffer dataKey = SecureBuffer::random(keys::DataKeyBytes);
    auto vault = vault::Vault::create(dir.vaultFile(), dataKey);
    if (!vault.ok())
        return vault.error();
    auto vaultId = (*vault)->meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();
    LANTERN_TRY(vault::UserRepository(**vault).add(admin));
    LANTERN_TRY(SessionPolicy(**vault).setIdleLockSecs(SessionPolicy::DefaultIdleLockSecs));

    auto deviceKey = DeviceKey::create(dir.deviceKeyFile());
    if (!deviceKey.ok())
        return deviceKey.error();
    auto deviceSlot = KeySlot::wrapForDevice(dataKey, *vaultId, *deviceKey);
    if (!deviceSlot.ok())
        return deviceSlot.error();
    // The device's identity for snapshot files is derived from device.key; its public
    // key goes into the vault so people can read it without device.key.
    auto identity = snapshot::DeviceIdentity::fromDeviceKey(*deviceKey);
    if (!identity.ok())
        return identity.error();
    LANTERN_TRY(identity->publish(**vault));

    Session session(std::move(*vault), admin, dir, *vaultId, std::move(dataKey));
    auto adminSlot = m_users.makeUserSlot(session, admin.username, passphrase);
    if (!adminSlot.ok())
        return adminSlot.error();
    // The audit checkpoint key: for the service and this administrator, never in the vault.
    auto auditKey = audit::AuditKeyCustody(dir.path(), *vaultId)
                        .create(session.vault(), {audit::AuditKeyHolder::device(*deviceKey),
                                                  audit::AuditKeyHolder::user(admin.username, passphrase, adminSlot->kdf())});
    if (!auditKey.ok())
        return auditKey.error();
    // Written last: until keyslots.json exists, the folder is not a vault.
    LANTERN_TRY(KeySlotFile(dir.keySlotFile()).create(KeySlotSet{*vaultId, {*adminSlot, *deviceSlot}}));
    qCInfo(lcAccess) << "initialised a vault in" << dir.path() << "with IT administrator" << admin.username;
    return session;
}

Result<Session> VaultAccess::unlock(const QString& directory, const QString& username,
                                    const QString& passphrase)
{
    return authenticate(VaultDirectory(directory), username, keys::passphraseBytes(passphrase), false);
}

bool VaultAccess::mustChangePassphrase(const QString& directory, const QString& username) const
{
    auto slots = VaultRekey(VaultDirectory(directory)).currentSlots();
    if (!slots.ok())
        return false;
    const QList<KeySlot> own = slots->slotsOf(KeySlot::Kind::User, username);
    return !own.isEmpty() && std::all_of(own.begin(), own.end(), [](const KeySlot& s) { return s.isOneTime(); });
}

Result<Session> VaultAccess::authenticate(const VaultDirectory& dir, const QString& username,
                                          const SecureBuffer& passphrase, bool forPassphraseChange)
{
    if (!User::isValidUsername(username))
        return wrongCredentials(); // not counted: garbage names would only fill throttle.json
    UnlockThrottle throttle(dir.throttleFile(), m_clock);
    auto attempt = throttle.lockAttempt(); // held to the recorded outcome: one guess at a time across processes
    if (!attempt.ok())
        return attempt.error();
    LANTERN_TRY(throttle.check(username));
    const VaultRekey rekey(dir);
    auto slots = rekey.currentSlots(); // the new slots while an interrupted re-key waits
    if (!slots.ok())
        return slots.error();

    // More than one slot only after an interrupted passphrase change: either opens.
    QList<KeySlot> candidates = slots->slotsOf(KeySlot::Kind::User, username);
    if (candidates.isEmpty() && !slots->damagedOf(KeySlot::Kind::User, username).isEmpty())
        return damagedSlotOf(dir, slots->damagedOf(KeySlot::Kind::User, username), username); // not a guess: not counted
    if (candidates.isEmpty()) {
        // No such user: still pay one derivation with real parameters (another
        // user's slot under this name, which cannot open), so the time an answer
        // takes does not tell the unlock screen which usernames exist.
        for (const KeySlot& other : slots->slots) {
            if (other.kind() == KeySlot::Kind::User) {
                candidates.append(KeySlot::fromStored(KeySlot::Kind::User, username, other.kdf(),
                                                      other.salt(), other.nonce(), other.wrappedKey()));
                break;
            }
        }
    }
    std::optional<SecureBuffer> dataKey;
    std::optional<KeySlot> opened;
    for (const KeySlot& slot : candidates) {
        auto key = slot.unwrapWithPassphrase(slots->vaultId, passphrase);
        if (key.ok()) {
            dataKey = std::move(*key);
            opened = slot;
            break;
        }
        if (key.error().code != ErrorCode::WrongKey)
            return key.error().prefixed(dir.keySlotFile());
    }
    if (!dataKey) {
        Status counted = throttle.recordFailure(username);
        if (!counted.ok())
            qCWarning(lcAccess) << "could not record a failed unlock:" << counted.error().message;
        return wrongCredentials();
    }
    Status reset = throttle.recordSuccess(username);
    if (!reset.ok())
        qCWarning(lcAccess) << "could not reset the failed unlock count:" << reset.error().message;

    if (opened->isOneTime() && !forPassphraseChange)
        return Error(ErrorCode::Denied,
                     QStringLiteral("the passphrase of %1 was issued by IT for one use: choose your own now with "
                                    "'lanternctl user passwd' or in the desktop's unlock screen")
                         .arg(username));

    auto vault = openVault(dir, slots->vaultId, *dataKey, [&](const KeySlotSet& oldSlots) -> Result<SecureBuffer> {
        for (const KeySlot& slot : oldSlots.slotsOf(KeySlot::Kind::User, username)) {
            auto key = slot.unwrapWithPassphrase(oldSlots.vaultId, passphrase);
            if (key.ok())
                return key;
        }
        return wrongCredentials();
    });
    if (!vault.ok())
        return vault.error();
    auto user = vault::UserRepository(**vault).find(username);
    if (!user.ok()) {
        if (user.error().code == ErrorCode::NotFound) // an orphan slot of an interrupted addUser
            return Error(ErrorCode::Denied,
                         QStringLiteral("%1 has no account in this vault; ask IT to add you").arg(username));
        return user.error();
    }
    if (user->disabled)
        return Error(ErrorCode::Denied,
                     QStringLiteral("the account %1 is disabled; ask IT to enable it").arg(username));
    if (user->role == Role::ItAdmin)
        adoptAuditKey(dir, **vault, slots->vaultId, audit::AuditKeyHolder::user(username, passphrase, opened->kdf()));
    if (!opened->isSealed()) { // an older slot: sealed now, so IT can re-key without this passphrase
        auto sealed = KeySlot::wrapForUser(*dataKey, slots->vaultId, username, passphrase, opened->kdf());
        const Status converted = sealed.ok() ? KeySlotFile(dir.keySlotFile()).replaceAll(*sealed) : Status(sealed.error());
        if (!converted.ok())
            qCWarning(lcAccess) << "could not convert the key slot of" << username << ":" << converted.error().message;
    }
    keepDiskReserve(dir);
    return Session(std::move(*vault), std::move(*user), dir, slots->vaultId, std::move(*dataKey));
}

Result<std::unique_ptr<vault::Vault>>
VaultAccess::openVault(const VaultDirectory& dir, const QString& slotVaultId, const SecureBuffer& dataKey,
                       const VaultRekey::UnwrapOld& unwrapOld)
{
    const VaultRekey rekey(dir);
    auto vault = rekey.pending() ? rekey.finishPending(dataKey, unwrapOld) : vault::Vault::open(dir.vaultFile(), dataKey);
    // The key came out of a key slot that authenticated it: if it does not open
    // vault.db, the file is damaged (or not this vault's), never the passphrase wrong.
    if (!vault.ok() && vault.error().code == ErrorCode::WrongKey)
        return vault::vaultDamaged(dir.vaultFile(),
                                   QStringLiteral("it does not open with the key from a valid key slot: its first page "
                                                  "fails its check (changed bytes, a cut-off file, or the vault.db of "
                                                  "another vault); the passphrase is right"));
    if (!vault.ok())
        return vault.error();
    auto vaultId = (*vault)->meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();
    if (*vaultId != slotVaultId)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("%1 belongs to another vault than %2; restore the matching "
                                    "keyslots.json from a backup")
                         .arg(dir.keySlotFile(), dir.vaultFile()));
    return vault;
}

Result<std::unique_ptr<vault::Vault>> VaultAccess::unlockAsDevice(const QString& directory)
{
    const VaultDirectory dir(directory);
    auto slots = VaultRekey(dir).currentSlots();
    if (!slots.ok())
        return slots.error();
    const QList<KeySlot> deviceSlots = slots->slotsOf(KeySlot::Kind::Device, KeySlot::deviceSlotName());
    if (deviceSlots.isEmpty() && !slots->damagedOf(KeySlot::Kind::Device, KeySlot::deviceSlotName()).isEmpty())
        return damagedSlotOf(dir, slots->damagedOf(KeySlot::Kind::Device, KeySlot::deviceSlotName()),
                             KeySlot::deviceSlotName());
    if (deviceSlots.isEmpty())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("%1 has no device slot; this vault can only be unlocked by a person")
                         .arg(dir.keySlotFile()));
    auto deviceKey = DeviceKey::load(dir.deviceKeyFile());
    if (!deviceKey.ok())
        return deviceKey.error();
    auto dataKey = deviceSlots.first().unwrapWithDeviceKey(slots->vaultId, *deviceKey);
    if (!dataKey.ok())
        return dataKey.error().prefixed(dir.deviceKeyFile());
    auto vault = openVault(dir, slots->vaultId, *dataKey, [&](const KeySlotSet& oldSlots) -> Result<SecureBuffer> {
        const QList<KeySlot> old = oldSlots.slotsOf(KeySlot::Kind::Device, KeySlot::deviceSlotName());
        if (old.isEmpty())
            return Error(ErrorCode::NotFound, QStringLiteral("no device slot in %1").arg(dir.keySlotFile()));
        return old.first().unwrapWithDeviceKey(oldSlots.vaultId, *deviceKey);
    });
    if (vault.ok()) {
        adoptAuditKey(dir, **vault, slots->vaultId, audit::AuditKeyHolder::device(*deviceKey));
        keepDiskReserve(dir);
    }
    if (vault.ok() && !deviceSlots.first().isSealed()) { // sealed now, so IT can re-key without device.key
        auto sealed = KeySlot::wrapForDevice(*dataKey, slots->vaultId, *deviceKey);
        const Status converted = sealed.ok() ? KeySlotFile(dir.keySlotFile()).replaceAll(*sealed) : Status(sealed.error());
        if (!converted.ok())
            qCWarning(lcAccess) << "could not convert the device key slot:" << converted.error().message;
    }
    return vault;
}

qint64 VaultAccess::secondsToWait(const QString& directory, const QString& username) const
{
    return UnlockThrottle(VaultDirectory(directory).throttleFile(), m_clock).secondsToWait(username);
}

Status VaultAccess::changePassphrase(const QString& directory, const QString& username,
                                     const QString& oldPassphrase, const QString& newPassphrase)
{
    const VaultDirectory dir(directory);
    const SecureBuffer oldBytes = keys::passphraseBytes(oldPassphrase);
    auto session = authenticate(dir, username, oldBytes, true);
    if (!session.ok())
        return session.error();
    return m_lifecycle.changeOwnPassphrase(*session, oldBytes, keys::passphraseBytes(newPassphrase));
}

} // namespace lantern::access
