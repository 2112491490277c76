// lanternctl audit public-key | audit export-dir [DIR], and the audit key
// holder's duties used by verify and the mirror service.
#include "AuditCommands.h"

#include "PassphrasePrompt.h"

#include "core/access/Role.h"
#include "core/audit/AuditCheckpointDuty.h"
#include "core/audit/AuditCheckpointExport.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditPublicKeyFile.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"

#include <QDir>

namespace lantern::cli {
namespace {

Result<QString> vaultIdOf(vault::Vault& vault)
{
    return vault.meta(QStringLiteral("vault_id"));
}

int printPublicKey(CliContext& ctx, access::Session& session)
{
    auto key = audit::AuditLog(session.vault(), SystemClock::instance()).publicKey();
    if (!key.ok())
        return ctx.fail(key.error());
    ctx.out << audit::publicKeyToPem(*key);
    ctx.out << "(base64 " << key->toBase64() << ") This is the key recorded in the vault: compare it with the copy IT "
            << "kept off the device; only that copy is proof." << Qt::endl;
    return Ok;
}

int exportDir(CliContext& ctx, access::Session& session, const QStringList& args)
{
    if (args.size() > 1)
        return ctx.fail(QStringLiteral("usage: lanternctl audit export-dir [DIR]"), Usage);
    if (args.size() == 1) {
        const QString dir = QDir(args.constFirst()).absolutePath();
        const Status set = session.vault().setMeta(audit::exportDirMetaKey(), dir);
        if (!set.ok())
            return ctx.fail(set.error());
        (void)audit::AuditLog(session.vault(), SystemClock::instance())
            .append({ctx.user, audit::AuditAction::Export, {}, audit::AuditOutcome::Success,
                     QStringLiteral("audit export folder changed")});
    }
    auto dir = audit::auditExportDir(session.vault(), session.directory().path());
    if (!dir.ok())
        return ctx.fail(dir.error());
    ctx.out << "audit checkpoints are exported to " << *dir << Qt::endl;
    return Ok;
}

} // namespace

void signAuditCheckpointsAsService(CliContext& ctx)
{
    access::VaultAccess access;
    auto vault = access.unlockAsDevice(ctx.vaultDir); // also moves an old vault's key out of it
    if (!vault.ok()) {
        ctx.err << "lanternctl: audit checkpoints not signed: " << vault.error().message << Qt::endl;
        return;
    }
    auto vaultId = vaultIdOf(**vault);
    auto deviceKey = keys::DeviceKey::load(access::VaultDirectory(ctx.vaultDir).deviceKeyFile());
    if (!vaultId.ok() || !deviceKey.ok()) {
        ctx.err << "lanternctl: audit checkpoints not signed: "
                << (vaultId.ok() ? deviceKey.error().message : vaultId.error().message) << Qt::endl;
        return;
    }
    auto key = audit::AuditKeyCustody(ctx.vaultDir, *vaultId).open(audit::AuditKeyHolder::device(*deviceKey));
    if (!key.ok()) {
        ctx.err << "lanternctl: audit checkpoints not signed: " << key.error().message
                << "; an IT administrator's `lanternctl verify` run where device.key is readable restores the "
                   "service's audit key slot"
                << Qt::endl;
        return;
    }
    auto report = audit::signAndExportCheckpoints(**vault, *key, SystemClock::instance(), ctx.vaultDir);
    if (!report.ok()) {
        ctx.err << "lanternctl: audit checkpoints: " << report.error().message << Qt::endl;
        return;
    }
    if (report->signedCount > 0 || report->exportedCount > 0)
        ctx.out << "audit: signed " << report->signedCount << " checkpoint(s), exported " << report->exportedCount
                << " to " << report->exportDir << Qt::endl;
}

std::optional<access::Session> unlockWithAuditKey(CliContext& ctx, access::VaultAccess& access,
                                                  std::optional<audit::AuditSigningKey>& key, QString& keyNote)
{
    QString passphrase = PassphrasePrompt::read(QStringLiteral("Passphrase for %1: ").arg(ctx.user));
    auto session = access.unlock(ctx.vaultDir, ctx.user, passphrase);
    if (!session.ok()) {
        wipe(passphrase);
        ctx.failUnlock(session.error());
        return std::nullopt;
    }
    audit::AuditLog log(session->vault(), SystemClock::instance());
    const auto logged = log.append({ctx.user, audit::AuditAction::Unlock, {}, audit::AuditOutcome::Success, QStringLiteral("cli")});
    if (!logged.ok()) {
        wipe(passphrase);
        ctx.failUnlock(logged.error().prefixed(QStringLiteral("cannot write the audit log; refusing to continue")));
        return std::nullopt;
    }
    if (session->user().role != access::Role::ItAdmin) {
        wipe(passphrase);
        keyNote = QStringLiteral("only IT administrators and the mirror service hold the audit signing key");
        return std::move(*session);
    }
    const SecureBuffer bytes = keys::passphraseBytes(passphrase);
    wipe(passphrase);
    // The KDF cost of this person's data-key slot (the audit slot records its own).
    keys::KdfParameters kdf = keys::KdfParameters::defaults();
    auto slots = keys::KeySlotFile(session->directory().keySlotFile()).load();
    if (slots.ok() && slots->contains(keys::KeySlot::Kind::User, ctx.user))
        kdf = slots->slotsOf(keys::KeySlot::Kind::User, ctx.user).constFirst().kdf();
    const audit::AuditKeyCustody custody(session->directory().path(), session->vaultId());
    auto opened = custody.openOrEnrol(audit::AuditKeyHolder::user(ctx.user, bytes, kdf));
    if (!opened.ok()) {
        keyNote = opened.error().message;
        return std::move(*session);
    }
    // The service must be able to sign too: restore its slot where device.key is readable.
    // Only for the device.key that opens this vault's device slot: an altered or
    // foreign one must not be given the audit key (verify reports it instead).
    const auto deviceKey = custody.readableDeviceKey();
    const bool deviceKeyBelongs =
        deviceKey && slots.ok() && slots->contains(keys::KeySlot::Kind::Device, keys::KeySlot::deviceSlotName()) &&
        slots->slotsOf(keys::KeySlot::Kind::Device, keys::KeySlot::deviceSlotName()).constFirst().unwrapWithDeviceKey(slots->vaultId, *deviceKey).ok();
    if (deviceKeyBelongs) {
        const auto holder = audit::AuditKeyHolder::device(*deviceKey);
        if (!custody.open(holder).ok()) {
            const Status added = custody.addSlot(*opened, holder);
            if (!added.ok())
                ctx.err << "lanternctl: could not give the mirror service its audit key slot: " << added.error().message
                        << Qt::endl;
        }
    }
    key.emplace(std::move(*opened));
    return std::move(*session);
}

int runAudit(CliContext& ctx, const QStringList& args)
{
    const QString usage = QStringLiteral("usage: lanternctl audit public-key | audit export-dir [DIR]");
    if (args.isEmpty())
        return ctx.fail(usage, Usage);
    const QString sub = args.constFirst();
    if (sub != QStringLiteral("public-key") && sub != QStringLiteral("export-dir"))
        return ctx.fail(usage, Usage);
    if (sub == QStringLiteral("public-key") && args.size() != 1)
        return ctx.fail(usage, Usage);
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return ctx.unlockFailure();
    if (!session->user().hasPermission(access::Permission::ManageDevice))
        return ctx.fail(QStringLiteral("only IT administrators may do this; %1 is a %2")
                            .arg(session->user().username, access::roleName(session->user().role)),
                        AuthFailed);
    if (sub == QStringLiteral("public-key"))
        return printPublicKey(ctx, *session);
    return exportDir(ctx, *session, args.mid(1));
}

} // namespace lantern::cli
