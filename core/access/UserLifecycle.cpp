#include "core/access/UserLifecycle.h"

#include "core/access/PatientAccess.h"
#include "core/access/Session.h"
#include "core/access/UserAdministration.h"
#include "core/access/VaultRekey.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/audit/AuditLog.h"
#include "core/common/Logging.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"
#include "core/vault/UserRepository.h"

#include <functional>

namespace lantern::access {

using keys::KeySlot;
using keys::KeySlotFile;

namespace {

// Decides and audits (the grant before anything changes), then runs `change`
// with the target as stored now; a failure afterwards is audited as such.
Status audited(Session& admin, const Clock& clock, audit::AuditAction as, const QString& what,
               const QString& username, const std::function<Status(const User&)>& change)
{
    PatientAccess gate(admin, clock);
    const AccessRequest request{Action::ManageUsers, {}, what + QStringLiteral(" user ") + username, {}, as};
    if (auto granted = gate.authorize(request); !granted.ok()) {
        if (granted.error().code != ErrorCode::Denied)
            return granted.error();
        return Error(ErrorCode::Denied, granted.error().message +
                                            QStringLiteral(": only an enabled IT administrator manages users; ask IT"));
    }
    auto target = vault::UserRepository(admin.vault()).find(username);
    Status done = target.ok() ? change(*target) : Status(target.error());
    if (!done.ok() && done.error().code == ErrorCode::NotFound && !target.ok())
        done = Error(ErrorCode::NotFound,
                     QStringLiteral("there is no user %1; 'lanternctl user list' shows who there is").arg(username));
    if (!done.ok())
        gate.auditFailure(request, done.error());
    return done;
}

} // namespace

Status UserLifecycle::deleteSlots(Session& admin, const QString& username)
{
    Status removed = KeySlotFile(admin.directory().keySlotFile()).remove(KeySlot::Kind::User, username);
    if (!removed.ok() && removed.error().code != ErrorCode::NotFound) // NotFound: none left (a retry)
        return removed.error();
    const audit::AuditKeyCustody custody(admin.directory().path(), admin.vaultId());
    if (custody.exists()) {
        Status auditSlot = KeySlotFile(custody.slotFile()).remove(KeySlot::Kind::AuditUser, username);
        if (!auditSlot.ok() && auditSlot.error().code != ErrorCode::NotFound)
            return auditSlot.error();
    }
    return {};
}

Status UserLifecycle::disable(Session& admin, const QString& username)
{
    return audited(admin, m_clock, audit::AuditAction::UserUpdate, QStringLiteral("disable"), username,
                   [&](const User& target) -> Status {
                       LANTERN_TRY(m_users.requireNotLastAdminOrSelf(admin, target, QStringLiteral("disable")));
                       // Flag first, then the slot: at every instant the user is refused.
                       LANTERN_TRY(vault::UserRepository(admin.vault()).setDisabled(username, true));
                       LANTERN_TRY(deleteSlots(admin, username));
                       qCInfo(lcAccess) << admin.user().username << "disabled user" << username;
                       return {};
                   });
}

Status UserLifecycle::issueOneTimeSlot(Session& admin, const QString& username, const QString& oneTimePassphrase) const
{
    auto slot = m_users.makeUserSlot(admin, username, keys::passphraseBytes(oneTimePassphrase), nullptr, true);
    if (!slot.ok())
        return slot.error();
    const KeySlotFile file(admin.directory().keySlotFile());
    auto current = file.load();
    if (!current.ok())
        return current.error();
    // With an existing slot, the same two-step replacement as a passphrase change.
    return current->contains(KeySlot::Kind::User, username) ? file.replaceAll(*slot) : file.addReplacing(*slot);
}

Status UserLifecycle::enable(Session& admin, const QString& username, const QString& oneTimePassphrase)
{
    return audited(admin, m_clock, audit::AuditAction::UserUpdate, QStringLiteral("enable"), username,
                   [&](const User& target) -> Status {
                       if (!target.disabled)
                           return Error(ErrorCode::InvalidInput,
                                        QStringLiteral("%1 is enabled already; for a forgotten passphrase use reset").arg(username));
                       // Slot first, then the flag: a crash between leaves the user refused.
                       LANTERN_TRY(issueOneTimeSlot(admin, username, oneTimePassphrase));
                       LANTERN_TRY(vault::UserRepository(admin.vault()).setDisabled(username, false));
                       qCInfo(lcAccess) << admin.user().username << "enabled user" << username;
                       return {};
                   });
}

Status UserLifecycle::reset(Session& admin, const QString& username, const QString& oneTimePassphrase)
{
    return audited(admin, m_clock, audit::AuditAction::UserUpdate, QStringLiteral("reset"), username,
                   [&](const User& target) -> Status {
                       if (target.username == admin.user().username)
                           return Error(ErrorCode::Denied,
                                        QStringLiteral("you cannot reset your own passphrase; change it with passwd"));
                       if (target.disabled)
                           return Error(ErrorCode::Denied,
                                        QStringLiteral("%1 is disabled; enable the account, which issues a one-time passphrase").arg(username));
                       LANTERN_TRY(issueOneTimeSlot(admin, username, oneTimePassphrase));
                       qCInfo(lcAccess) << admin.user().username << "reset the passphrase of" << username;
                       return {};
                   });
}

Status UserLifecycle::remove(Session& admin, const QString& username)
{
    return audited(admin, m_clock, audit::AuditAction::UserRemove, QStringLiteral("remove"), username,
                   [&](const User& target) -> Status {
                       LANTERN_TRY(m_users.requireNotLastAdminOrSelf(admin, target, QStringLiteral("remove")));
                       auto newKey = VaultRekey(admin.directory())
                                         .removeAndRekey(admin.vault(), admin.vaultId(), admin.m_dataKey, username);
                       if (!newKey.ok())
                           return newKey.error();
                       admin.m_dataKey = std::move(*newKey); // the old key is wiped with its buffer
                       qCInfo(lcAccess) << admin.user().username << "removed user" << username << "and re-keyed the vault";
                       return {};
                   });
}

Status UserLifecycle::mayChangePassphraseOf(const QString& acting, const QString& target)
{
    if (acting == target)
        return {};
    return Error(ErrorCode::Denied,
                 QStringLiteral("%1 may change only their own passphrase; for %2, an IT administrator issues a "
                                "one-time passphrase with 'lanternctl user reset %2'")
                     .arg(acting, target));
}

Status UserLifecycle::changeOwnPassphrase(Session& session, const SecureBuffer& oldPassphrase,
                                          const SecureBuffer& newPassphrase)
{
    const QString username = session.user().username;
    audit::AuditLog log(session.vault(), m_clock);
    auto slot = m_users.makeUserSlot(session, username, newPassphrase, &oldPassphrase);
    if (!slot.ok()) {
        (void)log.append({username, audit::AuditAction::PassphraseChange, {}, audit::AuditOutcome::Failure,
                          errorCodeName(slot.error().code)});
        return slot.error();
    }
    // Audited before the change: if the entry cannot be written, nothing changes.
    auto logged = log.append({username, audit::AuditAction::PassphraseChange, {}, audit::AuditOutcome::Success, {}});
    if (!logged.ok())
        return logged.error().prefixed(QStringLiteral("cannot write the audit log; the passphrase was not changed"));
    LANTERN_TRY(KeySlotFile(session.directory().keySlotFile()).replaceAll(*slot));
    qCInfo(lcAccess) << username << "changed their passphrase";
    return {};
}

} // namespace lantern::access
