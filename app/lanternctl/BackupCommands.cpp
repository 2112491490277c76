// lanternctl backup run | list | verify [FILE] | restore FILE --recovery-key FILE [--signer PUBKEY]
//            backup recovery-key FILE
// Backups (core/snapshot/BackupRunner): sealed to IT's recovery key, written to
// backup.dir, verified after writing, old ones removed by retention. Run, list
// and verify need this device's identity (device.key); restore needs IT's
// recovery key file instead. recovery-key makes that key pair and opens no vault:
// run it on IT's own machine, not on the ward PC.
#include "CliContext.h"
#include "JsonOutput.h"
#include "OpenedVault.h"

#include "core/snapshot/BackupRunner.h"
#include "core/snapshot/RecoveryKey.h"
#include "core/vault/Vault.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>

namespace lantern::cli {
namespace {

QJsonObject fileJson(const snapshot::BackupFile& f)
{
    return {{QStringLiteral("file"), f.path},
            {QStringLiteral("created"), f.created.toString(Qt::ISODateWithMs)},
            {QStringLiteral("sequence"), f.sequence},
            {QStringLiteral("bytes"), f.bytes}};
}

int recoveryKey(CliContext& ctx, const QStringList& args)
{
    if (args.size() != 2)
        return ctx.fail(QStringLiteral("usage: lanternctl backup recovery-key FILE (run on IT's machine, keep FILE off the ward PC)"), Usage);
    auto key = snapshot::RecoveryKey::create(args.at(1));
    if (!key.ok())
        return ctx.fail(key.error());
    ctx.out << "Recovery key written to " << args.at(1) << " (mode 0600): keep it off the ward PCs, it opens every backup sealed to it."
            << Qt::endl;
    ctx.out << "Public key, for each PC: lanternctl --device config set backup.recovery_key " << key->publicKeyText() << Qt::endl;
    return Ok;
}

int restore(CliContext& ctx, const QStringList& args, bool json)
{
    QCommandLineParser p;
    const QCommandLineOption keyFile(QStringLiteral("recovery-key"), QString(), QStringLiteral("file"));
    const QCommandLineOption signer(QStringLiteral("signer"), QString(), QStringLiteral("pubkey"));
    p.addOptions({keyFile, signer});
    if (!p.parse(QStringList{QStringLiteral("backup")} + args) || p.positionalArguments().size() != 2 || !p.isSet(keyFile))
        return ctx.fail(QStringLiteral("usage: lanternctl backup restore FILE --recovery-key FILE [--signer PUBKEY]"), Usage);
    const QString path = p.positionalArguments().at(1);
    if (!QFileInfo(path).isFile())
        return ctx.fail(QStringLiteral("%1 is not a readable file; nothing was restored").arg(path), Usage);
    QByteArray expected;
    if (p.isSet(signer)) {
        auto key = snapshot::parsePublicKey(p.value(signer));
        if (!key.ok())
            return ctx.fail(key.error().message + QStringLiteral("; nothing was restored"), Usage);
        expected = *key;
    }
    auto recovery = snapshot::RecoveryKey::load(p.value(keyFile));
    if (!recovery.ok())
        return ctx.fail(recovery.error().message + QStringLiteral("; nothing was restored"), Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    const access::AccessRequest request{access::Action::Import, {}, QStringLiteral("backup restore"), {}, {}};
    auto granted = opened.gate().authorize(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    auto report = snapshot::BackupRunner::restore(opened.vault(), path, *recovery, expected);
    if (!report.ok()) {
        opened.gate().auditFailure(request, report.error());
        return ctx.fail(report.error().message, Failed);
    }
    if (json) {
        printJson(ctx, {{QStringLiteral("file"), path},
                        {QStringLiteral("snapshotId"), report->header.snapshotId},
                        {QStringLiteral("signer"), QString::fromLatin1(report->header.signer.toBase64())},
                        {QStringLiteral("created"), report->header.created.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("resources"), report->resources},
                        {QStringLiteral("stored"), report->stored},
                        {QStringLiteral("unchanged"), report->unchanged},
                        {QStringLiteral("olderNotApplied"), report->olderNotApplied},
                        {QStringLiteral("entriesAdded"), report->entriesAdded},
                        {QStringLiteral("entriesKnown"), report->entriesKnown}});
        return Ok;
    }
    ctx.out << "restored " << path << " (made " << report->header.created.toString(Qt::ISODate) << "): " << report->stored
            << " resources stored, " << report->olderNotApplied << " older than the vault's kept out, " << report->entriesAdded
            << " unreconciled entries added" << Qt::endl;
    return Ok;
}

int verifyBackup(CliContext& ctx, snapshot::BackupRunner& runner, const QString& path, bool json)
{
    auto verified = runner.verify(path);
    if (!verified.ok())
        return ctx.fail(verified.error().message, Failed);
    if (json) {
        printJson(ctx, {{QStringLiteral("file"), path},
                        {QStringLiteral("ok"), true},
                        {QStringLiteral("created"), verified->header.created.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("resources"), verified->resources},
                        {QStringLiteral("entries"), verified->entries}});
        return Ok;
    }
    ctx.out << path << ": ok (" << verified->resources << " resources, " << verified->entries
            << " entries; signature, seal and every chunk checked)" << Qt::endl;
    return Ok;
}

} // namespace

int runBackup(CliContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool json = takeJsonFlag(args);
    const QString sub = args.value(0);
    if (sub == QLatin1String("recovery-key"))
        return recoveryKey(ctx, args);
    if (sub == QLatin1String("restore"))
        return restore(ctx, args, json);
    const bool run = sub == QLatin1String("run") && args.size() == 1;
    const bool list = sub == QLatin1String("list") && args.size() == 1;
    const bool verify = sub == QLatin1String("verify") && args.size() <= 2;
    if (!run && !list && !verify)
        return ctx.fail(QStringLiteral("usage: lanternctl backup run|list|verify [FILE]|restore FILE --recovery-key FILE|"
                                       "recovery-key FILE; see lanternctl backup --help"),
                        Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    const access::AccessRequest request{access::Action::Export, {},
                                        run ? QStringLiteral("backup") : list ? QStringLiteral("backup list") : QStringLiteral("backup verify"),
                                        {}, {}};
    auto granted = run ? opened.gate().authorize(request) : opened.gate().check(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    auto identity = snapshot::DeviceIdentity::load(ctx.vaultDir);
    if (!identity.ok())
        return ctx.fail(identity.error().message, Failed);
    snapshot::BackupRunner runner(opened.vault(), *identity);
    if (run) {
        auto done = runner.run();
        if (!done.ok()) {
            opened.gate().auditFailure(request, done.error());
            return ctx.fail(done.error().message, Failed);
        }
        if (json) {
            QJsonArray removed;
            for (const snapshot::BackupFile& f : std::as_const(done->removed))
                removed.append(fileJson(f));
            QJsonObject doc = fileJson(done->written);
            doc.insert(QStringLiteral("resources"), done->resources);
            doc.insert(QStringLiteral("entries"), done->entries);
            doc.insert(QStringLiteral("verified"), true);
            doc.insert(QStringLiteral("removed"), removed);
            printJson(ctx, doc);
            return Ok;
        }
        ctx.out << "backup " << done->written.path << ": " << done->resources << " resources, " << done->entries
                << " unreconciled entries, verified after writing; " << done->removed.size() << " older backups removed by retention"
                << Qt::endl;
        return Ok;
    }
    if (verify && args.size() == 2)
        return verifyBackup(ctx, runner, args.at(1), json);
    auto files = runner.list();
    if (!files.ok())
        return ctx.fail(files.error().message, Failed);
    if (list) {
        if (json) {
            QJsonArray all;
            for (const snapshot::BackupFile& f : std::as_const(*files))
                all.append(fileJson(f));
            printJson(ctx, {{QStringLiteral("backups"), all}, {QStringLiteral("count"), all.size()}});
            return Ok;
        }
        if (files->isEmpty())
            ctx.out << "no backups of this device in the backup folder" << Qt::endl;
        for (const snapshot::BackupFile& f : std::as_const(*files))
            ctx.out << f.created.toString(Qt::ISODate) << "  #" << f.sequence << "  " << f.bytes << " bytes  " << f.path << Qt::endl;
        return Ok;
    }
    if (files->isEmpty())
        return ctx.fail(QStringLiteral("no backup of this device to verify"), Failed);
    return verifyBackup(ctx, runner, files->first().path, json);
}

} // namespace lantern::cli
