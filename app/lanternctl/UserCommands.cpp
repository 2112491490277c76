// lanternctl user add | list | disable | enable | reset | remove | passwd
// The decisions are core's (access::UserLifecycle); this only asks and tells.
#include "CliContext.h"
#include "JsonOutput.h"
#include "PassphrasePrompt.h"

#include "core/access/PatientAccess.h"
#include "core/access/Role.h"
#include "core/access/UserLifecycle.h"
#include "core/vault/UserRepository.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace lantern::cli {
namespace {

int addUser(CliContext& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("nurse, physician or it-admin."), QStringLiteral("role"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Display name."), QStringLiteral("text"));
    const QCommandLineOption wards(QStringLiteral("wards"), QStringLiteral("Comma-separated ward Location ids."), QStringLiteral("ids"));
    p.addOptions({role, name, wards});
    p.addPositionalArgument(QStringLiteral("username"), QStringLiteral("New user's login name."));
    if (!p.parse(QStringList{QStringLiteral("user add")} + args))
        return ctx.fail(p.errorText(), Usage);
    if (p.positionalArguments().size() != 1 || !p.isSet(role))
        return ctx.fail(QStringLiteral("usage: lanternctl user add NAME --role nurse|physician|it-admin --name \"Display Name\" [--wards W1,W2]"), Usage);
    const auto parsedRole = access::roleFromName(p.value(role));
    if (!parsedRole)
        return ctx.fail(QStringLiteral("unknown role '%1'; use nurse, physician or it-admin").arg(p.value(role)), Usage);

    access::User user;
    user.username = p.positionalArguments().constFirst();
    user.displayName = p.isSet(name) ? p.value(name) : user.username;
    user.role = *parsedRole;
    if (p.isSet(wards))
        user.wards = p.value(wards).split(QLatin1Char(','), Qt::SkipEmptyParts);

    access::VaultAccess access;
    auto admin = ctx.unlock(access);
    if (!admin)
        return ctx.unlockFailure();
    // Decided and audited (user-add) before anything changes; refused: exit 3.
    access::PatientAccess gate(*admin);
    const access::AccessRequest request{access::Action::ManageUsers, {}, QStringLiteral("user ") + user.username, {},
                                        audit::AuditAction::UserAdd};
    if (auto granted = gate.authorize(request); !granted.ok())
        return ctx.fail(granted.error());
    QString passphrase = PassphrasePrompt::readNew(QStringLiteral("New passphrase for %1: ").arg(user.username));
    if (passphrase.isEmpty()) {
        gate.auditFailure(request, Error(ErrorCode::InvalidInput, {}));
        return ctx.fail(QStringLiteral("no passphrase given for the new user; nothing was changed"), Usage);
    }
    const Status added = access.addUser(*admin, user, passphrase);
    wipe(passphrase);
    if (!added.ok()) {
        gate.auditFailure(request, added.error());
        return ctx.fail(added.error());
    }
    ctx.out << "Added " << access::roleName(user.role) << ' ' << user.username << Qt::endl;
    return Ok;
}

int listUsers(CliContext& ctx, QStringList args)
{
    const bool json = takeJsonFlag(args);
    if (!args.isEmpty())
        return ctx.fail(QStringLiteral("usage: lanternctl user list [--json]"), Usage);
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return ctx.unlockFailure();
    auto users = vault::UserRepository(session->vault()).all();
    if (!users.ok())
        return ctx.fail(users.error());
    if (json) {
        QJsonArray rows;
        for (const access::User& u : std::as_const(*users))
            rows.append(QJsonObject{{QStringLiteral("username"), u.username},
                                    {QStringLiteral("role"), access::roleName(u.role)},
                                    {QStringLiteral("displayName"), u.displayName},
                                    {QStringLiteral("disabled"), u.disabled},
                                    {QStringLiteral("wards"), QJsonArray::fromStringList(u.wards)}});
        printJson(ctx, {{QStringLiteral("users"), rows}});
        return Ok;
    }
    for (const access::User& u : *users)
        ctx.out << qSetFieldWidth(20) << Qt::left << u.username << qSetFieldWidth(12) << access::roleName(u.role)
                << qSetFieldWidth(0) << (u.disabled ? QStringLiteral("disabled  ") : QString()) << u.displayName
                << (u.wards.isEmpty() ? QString() : QStringLiteral("  wards: ") + u.wards.join(QLatin1Char(','))) << Qt::endl;
    return Ok;
}

// Refusals (role, own account, last administrator, unknown user, a passphrase
// the policy rejects) leave everything as it was: exit 3 with core's message.
int failUser(CliContext& ctx, const Error& error)
{
    const bool refused = error.code == ErrorCode::Denied || error.code == ErrorCode::NotFound ||
                         error.code == ErrorCode::InvalidInput || error.code == ErrorCode::WeakPassphrase ||
                         error.code == ErrorCode::WrongKey || error.code == ErrorCode::Throttled;
    return ctx.fail(error.message, refused ? AuthFailed : Failed);
}

QString oneUsername(CliContext& ctx, const QString& sub, const QStringList& args)
{
    if (args.size() != 1 || args.constFirst().startsWith(QLatin1Char('-'))) {
        ctx.fail(QStringLiteral("usage: lanternctl user %1 NAME").arg(sub), Usage);
        return {};
    }
    return args.constFirst();
}

// disable, enable, reset, remove: an IT administrator acting on another user.
int manageUser(CliContext& ctx, const QString& sub, const QStringList& args)
{
    const QString username = oneUsername(ctx, sub, args);
    if (username.isEmpty())
        return Usage;
    access::VaultAccess access;
    auto admin = ctx.unlock(access);
    if (!admin)
        return ctx.unlockFailure();
    Status done;
    if (sub == QStringLiteral("disable")) {
        done = access.disableUser(*admin, username);
    } else if (sub == QStringLiteral("remove")) {
        done = access.removeUser(*admin, username);
    } else {
        // The one-time passphrase IT gives the user; they must replace it at their first unlock.
        QString oneTime = PassphrasePrompt::readNew(QStringLiteral("One-time passphrase for %1: ").arg(username));
        if (oneTime.isEmpty())
            return ctx.fail(QStringLiteral("no one-time passphrase given; nothing was changed"), Usage);
        done = sub == QStringLiteral("enable") ? access.enableUser(*admin, username, oneTime)
                                               : access.resetPassphrase(*admin, username, oneTime);
        wipe(oneTime);
    }
    if (!done.ok())
        return failUser(ctx, done.error());
    if (sub == QStringLiteral("disable"))
        ctx.out << "Disabled " << username << "; their key slot is deleted" << Qt::endl;
    else if (sub == QStringLiteral("remove"))
        ctx.out << "Removed " << username << " and re-keyed the vault" << Qt::endl;
    else
        ctx.out << (sub == QStringLiteral("enable") ? "Enabled " : "Reset the passphrase of ") << username
                << "; the one-time passphrase must be changed at the first unlock" << Qt::endl;
    return Ok;
}

int changeOwnPassphrase(CliContext& ctx, const QStringList& args)
{
    if (args.size() > 1)
        return ctx.fail(QStringLiteral("usage: lanternctl user passwd [NAME]"), Usage);
    const QString target = args.isEmpty() ? ctx.user : args.constFirst();
    if (auto allowed = access::UserLifecycle::mayChangePassphraseOf(ctx.user, target); !allowed.ok())
        return failUser(ctx, allowed.error());
    QString oldPassphrase = PassphrasePrompt::read(QStringLiteral("Current passphrase for %1: ").arg(ctx.user));
    QString newPassphrase = PassphrasePrompt::readNew(QStringLiteral("New passphrase: "));
    if (oldPassphrase.isEmpty() || newPassphrase.isEmpty())
        return ctx.fail(QStringLiteral("no passphrase given; nothing was changed"), Usage);
    access::VaultAccess access;
    const Status changed = access.changePassphrase(ctx.vaultDir, ctx.user, oldPassphrase, newPassphrase);
    wipe(oldPassphrase);
    wipe(newPassphrase);
    if (!changed.ok())
        return failUser(ctx, changed.error());
    ctx.out << "Changed the passphrase of " << ctx.user << Qt::endl;
    return Ok;
}

} // namespace

int runUser(CliContext& ctx, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("add"))
        return addUser(ctx, args.mid(1));
    if (sub == QStringLiteral("list"))
        return listUsers(ctx, args.mid(1));
    if (sub == QStringLiteral("passwd"))
        return changeOwnPassphrase(ctx, args.mid(1));
    if (QStringList{QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("reset"), QStringLiteral("remove")}
            .contains(sub))
        return manageUser(ctx, sub, args.mid(1));
    return ctx.fail(QStringLiteral("usage: lanternctl user add|list|disable|enable|reset|remove|passwd ..."), Usage);
}

} // namespace lantern::cli
