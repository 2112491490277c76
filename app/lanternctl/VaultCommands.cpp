// lanternctl init | verify
#include "CliContext.h"
#include "PassphrasePrompt.h"

#include "audit/AuditLog.h"
#include "keys/KeySlotFile.h"

#include <QCommandLineParser>

namespace lantern::cli {

int runInit(CliContext& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption admin(QStringLiteral("admin"), QStringLiteral("First IT administrator's username."), QStringLiteral("name"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Their display name."), QStringLiteral("text"));
    p.addOptions({admin, name});
    if (!p.parse(QStringList{QStringLiteral("init")} + args))
        return ctx.fail(p.errorText(), Usage);
    if (!p.isSet(admin))
        return ctx.fail(QStringLiteral("init needs --admin NAME (the first IT administrator)"), Usage);
    const QString username = p.value(admin);
    const QString display = p.isSet(name) ? p.value(name) : username;

    QString passphrase = PassphrasePrompt::readNew(QStringLiteral("New passphrase for %1 (at least 12 characters): ").arg(username));
    if (passphrase.isEmpty())
        return ctx.fail(QStringLiteral("no passphrase given; nothing was created"), Usage);
    access::VaultAccess access;
    auto session = access.initialise(ctx.vaultDir, username, display, passphrase);
    wipe(passphrase);
    if (!session.ok())
        return ctx.fail(session.error());
    audit::AuditLog log(session->vault(), SystemClock::instance());
    (void)log.append({username, audit::AuditAction::UserAdd, {}, audit::AuditOutcome::Success, QStringLiteral("vault created")});
    ctx.out << "Created vault in " << ctx.vaultDir << " with IT administrator " << username << Qt::endl;
    ctx.out << "The device key for the mirror service is " << session->directory().deviceKeyFile()
            << " (mode 0600): keep it readable only by the service account." << Qt::endl;
    return Ok;
}

int runVerify(CliContext& ctx, const QStringList& /*args*/)
{
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return AuthFailed;
    int problems = 0;

    const Status integrity = session->vault().checkIntegrity();
    ctx.out << "vault integrity:  " << (integrity.ok() ? QStringLiteral("ok") : integrity.error().message) << Qt::endl;
    problems += integrity.ok() ? 0 : 1;

    auto slots = keys::KeySlotFile(session->directory().keySlotFile()).load();
    ctx.out << "key slots:        "
            << (slots.ok() ? QStringLiteral("ok (%1 slots)").arg(slots->slots.size()) : slots.error().message) << Qt::endl;
    problems += slots.ok() ? 0 : 1;

    audit::AuditLog log(session->vault(), SystemClock::instance());
    auto report = log.verify();
    if (!report.ok()) {
        ctx.out << "audit chain:      " << report.error().message << Qt::endl;
        ++problems;
    } else {
        ctx.out << "audit chain:      "
                << (report->ok ? QStringLiteral("ok (%1 entries, %2 signed checkpoints)").arg(report->entriesChecked).arg(report->checkpointsChecked)
                               : report->message)
                << Qt::endl;
        problems += report->ok ? 0 : 1;
    }
    (void)log.append({ctx.user, audit::AuditAction::Verify, {}, problems ? audit::AuditOutcome::Failure : audit::AuditOutcome::Success,
                      problems ? QStringLiteral("%1 problems").arg(problems) : QStringLiteral("ok")});
    if (!problems) {
        // A verified chain gets a signed checkpoint at its head, so the next
        // verification covers everything up to here with a signature.
        auto checkpoint = log.checkpoint();
        if (checkpoint.ok())
            ctx.out << "signed checkpoint at entry " << checkpoint->seq << Qt::endl;
    }
    return problems ? Failed : Ok;
}

} // namespace lantern::cli
