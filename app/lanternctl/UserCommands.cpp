// lanternctl user add | list
#include "CliContext.h"
#include "PassphrasePrompt.h"

#include "core/access/PatientAccess.h"
#include "core/access/Role.h"
#include "core/vault/UserRepository.h"

#include <QCommandLineParser>

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
        return AuthFailed;
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

int listUsers(CliContext& ctx)
{
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return AuthFailed;
    auto users = vault::UserRepository(session->vault()).all();
    if (!users.ok())
        return ctx.fail(users.error());
    for (const access::User& u : *users)
        ctx.out << qSetFieldWidth(20) << Qt::left << u.username << qSetFieldWidth(12) << access::roleName(u.role)
                << qSetFieldWidth(0) << (u.disabled ? QStringLiteral("disabled  ") : QString()) << u.displayName
                << (u.wards.isEmpty() ? QString() : QStringLiteral("  wards: ") + u.wards.join(QLatin1Char(','))) << Qt::endl;
    return Ok;
}

} // namespace

int runUser(CliContext& ctx, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QStringLiteral("add"))
        return addUser(ctx, args.mid(1));
    if (sub == QStringLiteral("list"))
        return listUsers(ctx);
    return ctx.fail(QStringLiteral("usage: lanternctl user add|list ..."), Usage);
}

} // namespace lantern::cli
