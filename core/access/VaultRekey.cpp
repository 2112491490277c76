#include "core/access/VaultRekey.h"

#include "core/audit/AuditKeyCustody.h"
#include "core/common/AtomicFile.h"
#include "core/common/Logging.h"
#include "core/vault/UserRepository.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QThread>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lantern::access {

using keys::KeySlot;
using keys::KeySlotFile;
using keys::KeySlotSet;

void VaultRekey::pausePoint(const char* step)
{
    const char* wanted = std::getenv("LANTERN_TEST_PAUSE_AT");
    if (wanted == nullptr || std::strcmp(wanted, step) != 0)
        return;
    std::fprintf(stderr, "lantern-test: paused at %s\n", step);
    std::fflush(stderr);
    for (;;) // until the test kills the process
        QThread::sleep(1);
}

bool VaultRekey::pending() const
{
    return QFileInfo::exists(m_dir.rekeySlotFile());
}

Result<KeySlotSet> VaultRekey::currentSlots() const
{
    return KeySlotFile(pending() ? m_dir.rekeySlotFile() : m_dir.keySlotFile()).load();
}

Status VaultRekey::checkReady(const KeySlotSet& slots) const
{
    QStringList older;
    for (const KeySlot& slot : slots.slots) {
        if ((slot.kind() == KeySlot::Kind::User || slot.kind() == KeySlot::Kind::Device) && !slot.isSealed())
            older.append(slot.name());
    }
    if (older.isEmpty())
        return {};
    return Error(ErrorCode::Denied,
                 QStringLiteral("the vault cannot be re-keyed yet: the key slots of %1 are in the older format "
                                "and cannot receive a new key. Ask each of them to unlock once (the device slot: "
                                "start the mirror service once), or disable them first; nothing was changed")
                     .arg(older.join(QStringLiteral(", "))));
}

Result<SecureBuffer> VaultRekey::removeAndRekey(vault::Vault& vault, const QString& vaultId,
                                                const SecureBuffer& currentKey, const QString& username) const
{
    auto current = KeySlotFile(m_dir.keySlotFile()).load();
    if (!current.ok())
        return current.error();
    current->slots.removeIf([&](const KeySlot& s) { return s.sameHolder(KeySlot::Kind::User, username); });
    LANTERN_TRY(checkReady(*current));
    if (current->userSlotCount() == 0)
        return Error(ErrorCode::Denied, QStringLiteral("%1 holds the last key slot a person can unlock with").arg(username));
    SecureBuffer newKey = SecureBuffer::random(keys::DataKeyBytes);
    KeySlotSet next{current->vaultId, {}};
    for (const KeySlot& slot : current->slots) {
        auto resealed = slot.resealed(vaultId, currentKey, newKey);
        if (!resealed.ok())
            return resealed.error();
        next.slots.append(std::move(*resealed));
    }
    QJsonObject withRemoving = QJsonDocument::fromJson(KeySlotFile::serialise(next)).object();
    withRemoving.insert(QStringLiteral("removing"), username);
    Status written = writeFileAtomically(m_dir.rekeySlotFile(), QJsonDocument(withRemoving).toJson());
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("writing the new key slots"));
    pausePoint("slots-written");
    LANTERN_TRY(retire(vault, vaultId, username));
    pausePoint("user-disabled");
    LANTERN_TRY(vault.db().rekey(newKey)); // on failure the next unlock finishes it
    pausePoint("vault-rekeyed");
    LANTERN_TRY(replaceSlotFile());
    pausePoint("slots-replaced");
    qCInfo(lcAccess) << "re-keyed the vault in" << m_dir.path() << "for" << next.slots.size() << "key slots";
    return newKey;
}

Status VaultRekey::retire(vault::Vault& vault, const QString& vaultId, const QString& username) const
{
    if (username.isEmpty())
        return {};
    auto exists = vault::UserRepository(vault).exists(username);
    if (!exists.ok())
        return exists.error();
    if (*exists)
        LANTERN_TRY(vault::UserRepository(vault).setDisabled(username, true));
    const audit::AuditKeyCustody custody(m_dir.path(), vaultId);
    if (!custody.exists())
        return {};
    Status removed = KeySlotFile(custody.slotFile()).remove(KeySlot::Kind::AuditUser, username);
    if (!removed.ok() && removed.error().code != ErrorCode::NotFound)
        return removed.error();
    return {};
}

QString VaultRekey::removingNamedInRekeyFile() const
{
    QFile file(m_dir.rekeySlotFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("removing")).toString();
}

Status VaultRekey::replaceSlotFile() const
{
    // rename(2) replaces keyslots.json atomically; QFile::rename would refuse an existing target.
    if (std::rename(QFile::encodeName(m_dir.rekeySlotFile()).constData(),
                    QFile::encodeName(m_dir.keySlotFile()).constData()) != 0)
        return Error(ErrorCode::Io, QStringLiteral("could not replace %1 with %2: %3")
                                        .arg(m_dir.keySlotFile(), m_dir.rekeySlotFile(),
                                             QString::fromLocal8Bit(std::strerror(errno))));
    return {};
}

Result<std::unique_ptr<vault::Vault>> VaultRekey::finishPending(const SecureBuffer& newKey, const UnwrapOld& unwrapOld) const
{
    const QString removing = removingNamedInRekeyFile();
    auto pendingSlots = KeySlotFile(m_dir.rekeySlotFile()).load();
    if (!pendingSlots.ok())
        return pendingSlots.error();
    auto opened = vault::Vault::open(m_dir.vaultFile(), newKey);
    if (opened.ok()) { // step 3 was done: only the file is left to replace
        LANTERN_TRY(retire(**opened, pendingSlots->vaultId, removing));
        LANTERN_TRY(replaceSlotFile());
        qCInfo(lcAccess) << "finished an interrupted re-key (slot file) in" << m_dir.path();
        return opened;
    }
    if (opened.error().code != ErrorCode::WrongKey)
        return opened.error();
    auto oldSlots = KeySlotFile(m_dir.keySlotFile()).load();
    if (!oldSlots.ok())
        return oldSlots.error();
    auto oldKey = unwrapOld(*oldSlots);
    if (!oldKey.ok())
        return oldKey.error().prefixed(QStringLiteral("finishing an interrupted re-key"));
    auto old = vault::Vault::open(m_dir.vaultFile(), *oldKey);
    if (!old.ok())
        return old.error();
    LANTERN_TRY(retire(**old, pendingSlots->vaultId, removing));
    LANTERN_TRY((*old)->db().rekey(newKey));
    LANTERN_TRY(replaceSlotFile());
    qCInfo(lcAccess) << "finished an interrupted re-key (vault and slot file) in" << m_dir.path();
    return old;
}

} // namespace lantern::access
