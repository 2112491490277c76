#include "CliContext.h"

#include "PassphrasePrompt.h"

#include "core/audit/AuditLog.h"
#include "core/common/SecureBuffer.h"

namespace lantern::cli {

int CliContext::fail(const QString& message, int code) const
{
    err << "lanternctl: " << message << Qt::endl;
    return code;
}

int CliContext::fail(const Error& error) const
{
    const bool auth = error.code == ErrorCode::WrongKey || error.code == ErrorCode::Throttled ||
                      error.code == ErrorCode::Denied;
    return fail(error.message, auth ? AuthFailed : Failed);
}

int CliContext::failUnlock(const Error& error) const
{
    lastUnlockFailure = fail(error);
    return lastUnlockFailure;
}

std::optional<access::Session> CliContext::unlock(access::VaultAccess& access) const
{
    QString passphrase = PassphrasePrompt::read(QStringLiteral("Passphrase for %1: ").arg(user));
    auto session = access.unlock(vaultDir, user, passphrase);
    wipe(passphrase);
    if (!session.ok()) {
        failUnlock(session.error());
        return std::nullopt;
    }
    // Who opened the vault, from where: the CLI's unlocks are audited like the GUI's.
    audit::AuditLog log(session->vault(), SystemClock::instance());
    const auto logged = log.append({user, audit::AuditAction::Unlock, {}, audit::AuditOutcome::Success, QStringLiteral("cli")});
    if (!logged.ok()) {
        failUnlock(logged.error().prefixed(QStringLiteral("cannot write the audit log; refusing to continue")));
        return std::nullopt;
    }
    return std::move(*session);
}

} // namespace lantern::cli
