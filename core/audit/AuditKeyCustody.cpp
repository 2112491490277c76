#include "core/audit/AuditKeyCustody.h"

#include "core/audit/AuditPublicKeyFile.h"
#include "core/common/Logging.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace lantern::audit {

using keys::KeySlot;
using keys::KeySlotFile;

QString auditKeySlotFileName()
{
    return QStringLiteral("audit-keyslots.json");
}

QString auditPublicKeyFileName()
{
    return QStringLiteral("audit-public-key.pem");
}

AuditKeyHolder AuditKeyHolder::device(const SecureBuffer& deviceKey)
{
    return {KeySlot::Kind::AuditDevice, KeySlot::deviceSlotName(), &deviceKey, {}};
}

AuditKeyHolder AuditKeyHolder::user(const QString& username, const SecureBuffer& passphrase, keys::KdfParameters kdf)
{
    return {KeySlot::Kind::AuditUser, username, &passphrase, kdf};
}

namespace {

Result<KeySlot> wrapFor(const AuditSigningKey& key, const QString& vaultId, const AuditKeyHolder& holder)
{
    const SecureBuffer seed = key.seed();
    if (holder.kind == KeySlot::Kind::AuditUser)
        return KeySlot::wrapForUser(seed, vaultId, holder.name, *holder.secret, holder.kdf, holder.kind);
    return KeySlot::wrapForDevice(seed, vaultId, *holder.secret, holder.kind);
}

} // namespace

AuditKeyCustody::AuditKeyCustody(QString vaultDir, QString vaultId)
    : m_dir(QDir(vaultDir).absolutePath()), m_vaultId(std::move(vaultId))
{
}

QString AuditKeyCustody::slotFile() const
{
    return m_dir + QLatin1Char('/') + auditKeySlotFileName();
}

QString AuditKeyCustody::publicKeyFile() const
{
    return m_dir + QLatin1Char('/') + auditPublicKeyFileName();
}

bool AuditKeyCustody::exists() const
{
    return QFileInfo::exists(slotFile());
}

std::optional<SecureBuffer> AuditKeyCustody::readableDeviceKey() const
{
    auto key = keys::DeviceKey::load(m_dir + QStringLiteral("/device.key"));
    if (!key.ok())
        return std::nullopt;
    return std::move(*key);
}

Status AuditKeyCustody::publish(vault::Vault& vault, const QByteArray& publicKey) const
{
    const QString encoded = QString::fromLatin1(publicKey.toBase64());
    auto recorded = vault.meta(publicKeyMetaKey());
    if (!recorded.ok())
        return recorded.error();
    if (*recorded != encoded)
        LANTERN_TRY(vault.setMeta(publicKeyMetaKey(), encoded));
    if (!QFileInfo::exists(publicKeyFile()))
        LANTERN_TRY(writePublicKeyFile(publicKeyFile(), publicKey));
    return {};
}

Result<QByteArray> AuditKeyCustody::create(vault::Vault& vault, const QList<AuditKeyHolder>& holders)
{
    if (exists())
        return Error(ErrorCode::Conflict, QStringLiteral("%1 exists already").arg(slotFile()));
    const AuditSigningKey key = AuditSigningKey::generate();
    keys::KeySlotSet set{m_vaultId, {}};
    for (const AuditKeyHolder& holder : holders) {
        auto slot = wrapFor(key, m_vaultId, holder);
        if (!slot.ok())
            return slot.error();
        set.slots.append(*slot);
    }
    LANTERN_TRY(KeySlotFile(slotFile()).create(set));
    LANTERN_TRY(publish(vault, key.publicKey()));
    qCInfo(lcAudit) << "created the audit signing key for" << holders.size() << "holder(s); public key"
                    << key.publicKey().toBase64().constData();
    return key.publicKey();
}

Result<AuditSigningKey> AuditKeyCustody::open(const AuditKeyHolder& holder) const
{
    if (!exists())
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist: this vault has no audit signing key "
                                                         "outside the vault yet")
                                              .arg(slotFile()));
    auto set = KeySlotFile(slotFile()).load();
    if (!set.ok())
        return set.error();
    const QList<KeySlot> slots = set->slotsOf(holder.kind, holder.name);
    if (slots.isEmpty())
        return Error(ErrorCode::NotFound, QStringLiteral("%1 holds no audit key slot for %2").arg(slotFile(), holder.name));
    Error last{ErrorCode::WrongKey, QString()};
    for (const KeySlot& slot : slots) {
        auto seed = holder.kind == KeySlot::Kind::AuditUser ? slot.unwrapWithPassphrase(set->vaultId, *holder.secret)
                                                            : slot.unwrapWithDeviceKey(set->vaultId, *holder.secret);
        if (seed.ok())
            return AuditSigningKey::fromSeed(*seed);
        last = seed.error();
    }
    return last.prefixed(slotFile());
}

Result<AuditSigningKey> AuditKeyCustody::openOrEnrol(const AuditKeyHolder& holder) const
{
    auto own = open(holder);
    if (own.ok() || holder.kind != KeySlot::Kind::AuditUser ||
        (own.error().code != ErrorCode::NotFound && own.error().code != ErrorCode::WrongKey))
        return own;
    const auto deviceKey = readableDeviceKey();
    if (!deviceKey)
        return own;
    auto key = open(AuditKeyHolder::device(*deviceKey));
    if (!key.ok())
        return own;
    LANTERN_TRY(addSlot(*key, holder));
    return key;
}

Status AuditKeyCustody::addSlot(const AuditSigningKey& key, const AuditKeyHolder& holder) const
{
    auto slot = wrapFor(key, m_vaultId, holder);
    if (!slot.ok())
        return slot.error();
    LANTERN_TRY(KeySlotFile(slotFile()).addReplacing(*slot));
    qCInfo(lcAudit) << "gave" << holder.name << "an audit key slot";
    return {};
}

Status AuditKeyCustody::migrateLegacy(vault::Vault& vault, const AuditSigningKey& legacy, const AuditKeyHolder& holder)
{
    if (!exists()) {
        QList<AuditKeyHolder> holders{holder};
        const auto deviceKey = holder.kind == KeySlot::Kind::AuditUser ? readableDeviceKey() : std::nullopt;
        if (deviceKey)
            holders.append(AuditKeyHolder::device(*deviceKey));
        keys::KeySlotSet set{m_vaultId, {}};
        for (const AuditKeyHolder& h : std::as_const(holders)) {
            auto slot = wrapFor(legacy, m_vaultId, h);
            if (!slot.ok())
                return slot.error();
            set.slots.append(*slot);
        }
        LANTERN_TRY(KeySlotFile(slotFile()).create(set));
    } else {
        // A migration interrupted after the file was written: make sure this holder
        // can sign with the key, then finish by deleting it from the vault.
        auto own = open(holder);
        if (!own.ok())
            LANTERN_TRY(addSlot(legacy, holder));
    }
    LANTERN_TRY(publish(vault, legacy.publicKey()));

    vault::AuditRepository repository(vault);
    {
        auto tx = vault::Transaction::begin(vault.db());
        if (!tx.ok())
            return tx.error();
        LANTERN_TRY(AuditSigningKey::removeLegacy(repository));
        LANTERN_TRY((*tx)->commit());
    }
    const Status scrubbed = repository.scrubWal();
    if (!scrubbed.ok())
        qCWarning(lcAudit) << "could not clear the write-ahead log after moving the audit key:"
                           << scrubbed.error().message;
    qCWarning(lcAudit).noquote()
        << "moved the audit signing key out of the vault into" << slotFile()
        << ". It was readable with the data key until now: checkpoints signed before this point prove less than "
           "later ones; keep audit-public-key.pem off the device from now on";
    return {};
}

// Someone removed, disabled or no longer an IT administrator must not keep
// signing: the service drops their slot. (Changing the user table needs only the
// data key, so this can lock an administrator out of signing - never let anyone in.)
Status AuditKeyCustody::pruneFormerAdministrators(vault::Vault& vault, const keys::KeySlotSet& set) const
{
    vault::UserRepository users(vault);
    QSet<QString> names;
    for (const KeySlot& slot : set.slots) {
        if (slot.kind() == KeySlot::Kind::AuditUser)
            names.insert(slot.name());
    }
    for (const QString& name : std::as_const(names)) {
        auto user = users.find(name);
        if (!user.ok() && user.error().code != ErrorCode::NotFound)
            return user.error();
        if (user.ok() && user->role == access::Role::ItAdmin && !user->disabled)
            continue;
        LANTERN_TRY(KeySlotFile(slotFile()).remove(KeySlot::Kind::AuditUser, name));
        qCInfo(lcAudit) << "removed the audit key slot of" << name << "(no longer an enabled IT administrator)";
    }
    return {};
}

Status AuditKeyCustody::adopt(vault::Vault& vault, const AuditKeyHolder& holder)
{
    vault::AuditRepository repository(vault);
    auto legacy = AuditSigningKey::loadLegacy(repository);
    if (legacy.ok())
        return migrateLegacy(vault, *legacy, holder);
    if (legacy.error().code != ErrorCode::NotFound)
        return legacy.error();

    if (!exists()) {
        // A vault that never had a key (its first checkpoint never came due).
        QList<AuditKeyHolder> holders{holder};
        const auto deviceKey = holder.kind == KeySlot::Kind::AuditUser ? readableDeviceKey() : std::nullopt;
        if (deviceKey)
            holders.append(AuditKeyHolder::device(*deviceKey));
        auto created = create(vault, holders);
        return created.ok() ? Status{} : Status{created.error()};
    }
    auto set = KeySlotFile(slotFile()).load();
    if (!set.ok())
        return set.error();
    if (holder.kind == KeySlot::Kind::AuditDevice)
        return pruneFormerAdministrators(vault, *set);
    if (set->contains(holder.kind, holder.name))
        return {};
    // An IT administrator without a slot: enrol them if this process can read device.key.
    const auto deviceKey = readableDeviceKey();
    if (!deviceKey)
        return {};
    auto key = open(AuditKeyHolder::device(*deviceKey));
    if (!key.ok())
        return key.error().code == ErrorCode::NotFound ? Status{} : Status{key.error()};
    return addSlot(*key, holder);
}

} // namespace lantern::audit
