#pragma once
// A user's life cycle after being added, decided here once for the desktop
// and lanternctl alike:
//  - disable: the account stays (the audit trail names it) but its key slot is
//    deleted, so the passphrase opens nothing any more (not just a flag); an IT
//    administrator's audit-key slot goes too;
//  - enable: a disabled user gets a key slot again under a one-time passphrase
//    IT issues, which they must replace at their first unlock;
//  - reset: a forgotten passphrase, replaced by a one-time passphrase;
//  - remove: disabled and slot deleted, then the vault is re-keyed (VaultRekey):
//    whatever the removed user may have copied of the old key opens nothing;
//  - a passphrase change is only ever by the user themselves.
// Only an enabled IT administrator manages users, never their own account, and
// never the last IT administrator's. Every action is decided and audited
// through PatientAccess (the grant before anything changes; a refusal as
// denied; a failure afterwards as failure). Refusals are Denied, unknown users
// NotFound, and nothing changes then.

#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QString>

namespace lantern::access {

class Session;
class UserAdministration;

class UserLifecycle
{
public:
    UserLifecycle(UserAdministration& users, const Clock& clock) : m_users(users), m_clock(clock) {}

    Status disable(Session& admin, const QString& username);
    Status enable(Session& admin, const QString& username, const QString& oneTimePassphrase);
    Status reset(Session& admin, const QString& username, const QString& oneTimePassphrase);
    // Denied while a remaining key slot is in the older format (see VaultRekey::checkReady).
    Status remove(Session& admin, const QString& username);

    // Denied unless `acting` changes their own passphrase: IT uses reset for others.
    static Status mayChangePassphraseOf(const QString& acting, const QString& target);
    // The user of `session` (opened with their current passphrase) takes a new one. Audited.
    Status changeOwnPassphrase(Session& session, const SecureBuffer& oldPassphrase, const SecureBuffer& newPassphrase);

private:
    Status issueOneTimeSlot(Session& admin, const QString& username, const QString& oneTimePassphrase) const;
    static Status deleteSlots(Session& admin, const QString& username);

    UserAdministration& m_users;
    const Clock& m_clock;
};

} // namespace lantern::access
