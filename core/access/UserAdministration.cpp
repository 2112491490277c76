#include "core/access/UserAdministration.h"

#include "core/access/Session.h"
#include "core/common/Logging.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/UserRepository.h"

namespace lantern::access {

using keys::KeySlot;
using keys::KeySlotFile;

Result<KeySlot> UserAdministration::makeUserSlot(const Session& session, const QString& username,
                                                 const SecureBuffer& passphrase,
                                                 const SecureBuffer* oldPassphrase, bool oneTime) const
{
    LANTERN_TRY(m_policy.check(passphrase, username, oldPassphrase));
    return KeySlot::wrapForUser(session.m_dataKey, session.m_vaultId, username, passphrase, m_kdf,
                                KeySlot::Kind::User, oneTime);
}

Status UserAdministration::requireAdmin(Session& admin) const
{
    auto actor = vault::UserRepository(admin.vault()).find(admin.user().username);
    if (!actor.ok())
        return actor.error();
    if (actor->disabled || !actor->hasPermission(Permission::ManageUsers))
        return Error(ErrorCode::Denied, QStringLiteral("%1 may not %2; ask an IT administrator")
                                            .arg(actor->username, permissionName(Permission::ManageUsers)));
    return {};
}

Status UserAdministration::requireNotLastAdminOrSelf(Session& admin, const User& target,
                                                     const QString& action) const
{
    if (target.username == admin.user().username)
        return Error(
            ErrorCode::Denied,
            QStringLiteral("you cannot %1 your own account; ask another IT administrator").arg(action));
    if (target.role != Role::ItAdmin || target.disabled)
        return {};
    auto admins = vault::UserRepository(admin.vault()).countEnabled(Role::ItAdmin);
    if (!admins.ok())
        return admins.error();
    if (*admins <= 1)
        return Error(
            ErrorCode::Denied,
            QStringLiteral("%1 is the last IT administrator; add another one before you %2 this account")
                .arg(target.username, action));
    return {};
}

Status UserAdministration::addUser(Session& admin, const User& newUser, const QString& passphrase)
{
    LANTERN_TRY(requireAdmin(admin));
    User user = newUser;
    user.createdAt = m_clock.now();
    user.disabled = false;
    LANTERN_TRY(user.validate());
    auto slot = makeUserSlot(admin, user.username, keys::passphraseBytes(passphrase));
    if (!slot.ok())
        return slot.error();

    // Row and slot together: the row is committed only once the slot is on disk. A
    // crash between the two leaves a slot without a user (it opens nothing a
    // person can use: unlock refuses unknown users); adding the user again
    // replaces that orphan.
    auto tx = vault::Transaction::begin(admin.vault().db());
    if (!tx.ok())
        return tx.error();
    LANTERN_TRY(vault::UserRepository(admin.vault()).add(user));
    LANTERN_TRY(KeySlotFile(admin.directory().keySlotFile()).addReplacing(*slot));
    LANTERN_TRY((*tx)->commit());
    qCInfo(lcAccess) << admin.user().username << "added user" << user.username << "as" << roleName(user.role);
    return {};
}

} // namespace lantern::access
