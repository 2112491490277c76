// lanternctl snapshot export --recipient PUBKEY... --out FILE [--wards W1,W2] [--json]
//            snapshot import FILE [--json] | snapshot verify FILE [--json]
// Snapshot files (core/snapshot): signed by this device, sealed to the
// recipients. Export and import are IT's (or the device key's), audited before
// they happen (export, import); both need this device's identity, so device.key
// must be readable (the service account, `lanternctl --device`).
#include "CliContext.h"
#include "JsonOutput.h"
#include "OpenedVault.h"

#include "core/snapshot/DeviceIdentity.h"
#include "core/snapshot/SnapshotReader.h"
#include "core/snapshot/SnapshotWriter.h"
#include "core/vault/Vault.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>

#include <optional>

namespace lantern::cli {
namespace {

// Every refusal of a snapshot is about the file or the keys, not the person: exit 1.
int snapshotFailed(CliContext& ctx, const Error& error)
{
    return ctx.fail(error.message, Failed);
}

// Opens the vault, decides and audits `request`, and derives this device's
// identity; the exit code after the reason was printed, or nullopt to go on.
std::optional<int> openForSnapshot(CliContext& ctx, OpenedVault& opened, const access::AccessRequest& request,
                                   std::optional<snapshot::DeviceIdentity>& identity)
{
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    auto granted = opened.gate().authorize(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    auto loaded = snapshot::DeviceIdentity::load(ctx.vaultDir);
    if (!loaded.ok()) {
        opened.gate().auditFailure(request, loaded.error());
        return snapshotFailed(ctx, loaded.error());
    }
    identity.emplace(std::move(*loaded));
    return std::nullopt;
}

int snapshotExport(CliContext& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption recipient(QStringLiteral("recipient"), QString(), QStringLiteral("pubkey"));
    const QCommandLineOption out(QStringLiteral("out"), QString(), QStringLiteral("file"));
    const QCommandLineOption wards(QStringLiteral("wards"), QString(), QStringLiteral("list"));
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOptions({recipient, out, wards, json});
    if (!p.parse(QStringList{QStringLiteral("snapshot")} + args) || p.positionalArguments().size() != 1 || !p.isSet(out) ||
        !p.isSet(recipient))
        return ctx.fail(QStringLiteral("usage: lanternctl snapshot export --recipient PUBKEY [--recipient PUBKEY...] --out FILE "
                                       "[--wards W1,W2] [--json]"),
                        Usage);
    snapshot::ExportOptions options;
    for (const QString& text : p.values(recipient)) {
        auto key = snapshot::parsePublicKey(text);
        if (!key.ok())
            return ctx.fail(key.error().message + QStringLiteral("; nothing was written"), Usage);
        options.recipients << *key;
    }
    if (p.isSet(wards))
        options.wards = p.value(wards).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QString path = p.value(out);
    if (QFileInfo::exists(path))
        return ctx.fail(QStringLiteral("%1 exists already; a snapshot never replaces a file: choose another name").arg(path), Usage);
    if (!QFileInfo(QFileInfo(path).absolutePath()).isDir())
        return ctx.fail(QStringLiteral("the folder of %1 does not exist; nothing was written").arg(path), Usage);

    OpenedVault opened;
    const access::AccessRequest request{access::Action::Export, {},
                                        QStringLiteral("snapshot for %1 recipients").arg(options.recipients.size()), {}, {}};
    std::optional<snapshot::DeviceIdentity> identity;
    if (const auto code = openForSnapshot(ctx, opened, request, identity))
        return *code;
    (void)identity->publish(opened.vault());
    auto written = snapshot::SnapshotWriter(opened.vault(), *identity).write(path, options);
    if (!written.ok()) {
        opened.gate().auditFailure(request, written.error());
        return snapshotFailed(ctx, written.error());
    }
    if (p.isSet(json)) {
        printJson(ctx, {{QStringLiteral("file"), path},
                        {QStringLiteral("snapshotId"), written->snapshotId},
                        {QStringLiteral("sequence"), written->sequence},
                        {QStringLiteral("signer"), identity->publicKeyText()},
                        {QStringLiteral("recipients"), static_cast<qint64>(options.recipients.size())},
                        {QStringLiteral("wards"), QJsonArray::fromStringList(options.wards)},
                        {QStringLiteral("resources"), written->resources},
                        {QStringLiteral("entries"), written->entries},
                        {QStringLiteral("chunks"), written->chunks},
                        {QStringLiteral("bytes"), written->bytes}});
        return Ok;
    }
    ctx.out << "wrote snapshot " << path << " (mode 0600): " << written->resources << " resources, " << written->entries
            << " unreconciled entries, sequence " << written->sequence << ", id " << written->snapshotId << Qt::endl;
    return Ok;
}

QJsonObject reportJson(const snapshot::ImportReport& r, bool imported)
{
    QJsonObject doc{{QStringLiteral("snapshotId"), r.header.snapshotId},
                    {QStringLiteral("sequence"), r.header.sequence},
                    {QStringLiteral("signer"), QString::fromLatin1(r.header.signer.toBase64())},
                    {QStringLiteral("signerName"), r.signerName},
                    {QStringLiteral("created"), r.header.created.toString(Qt::ISODateWithMs)},
                    {QStringLiteral("purpose"), r.header.purpose},
                    {QStringLiteral("wards"), QJsonArray::fromStringList(r.header.wards)},
                    {QStringLiteral("resources"), r.resources},
                    {QStringLiteral("entries"), r.entries},
                    {QStringLiteral("imported"), imported}};
    if (imported) {
        doc.insert(QStringLiteral("stored"), r.stored);
        doc.insert(QStringLiteral("unchanged"), r.unchanged);
        doc.insert(QStringLiteral("olderNotApplied"), r.olderNotApplied);
        doc.insert(QStringLiteral("entriesAdded"), r.entriesAdded);
        doc.insert(QStringLiteral("entriesKnown"), r.entriesKnown);
    }
    return doc;
}

int snapshotRead(CliContext& ctx, const QStringList& args, bool apply)
{
    QStringList rest = args.mid(1);
    const bool json = takeJsonFlag(rest);
    if (rest.size() != 1)
        return ctx.fail(apply ? QStringLiteral("usage: lanternctl snapshot import FILE [--json]")
                              : QStringLiteral("usage: lanternctl snapshot verify FILE [--json]"),
                        Usage);
    const QString path = rest.first();
    if (!QFileInfo(path).isFile())
        return ctx.fail(QStringLiteral("%1 is not a readable file; nothing was imported").arg(path), Usage);
    OpenedVault opened;
    // Verifying reads the content as much as importing does: the same permission.
    const access::AccessRequest request{access::Action::Import, {},
                                        apply ? QStringLiteral("snapshot") : QStringLiteral("snapshot verify"), {}, {}};
    std::optional<snapshot::DeviceIdentity> identity;
    if (const auto code = openForSnapshot(ctx, opened, request, identity))
        return *code;
    snapshot::SnapshotReader reader(opened.vault(), *identity);
    auto report = apply ? reader.import(path) : reader.verify(path);
    if (!report.ok()) {
        opened.gate().auditFailure(request, report.error());
        return snapshotFailed(ctx, report.error());
    }
    if (json) {
        printJson(ctx, reportJson(*report, apply));
        return Ok;
    }
    const snapshot::ImportReport& r = *report;
    ctx.out << "snapshot " << r.header.snapshotId << " number " << r.header.sequence << " of "
            << (r.signerName.isEmpty() ? snapshot::shortKey(QString::fromLatin1(r.header.signer.toBase64())) : r.signerName)
            << ", made " << r.header.created.toString(Qt::ISODate) << ": signature, seal and every chunk verified" << Qt::endl;
    if (!apply) {
        ctx.out << r.resources << " resources, " << r.entries << " unreconciled entries; nothing was imported" << Qt::endl;
        return Ok;
    }
    ctx.out << r.stored << " resources stored, " << r.unchanged << " unchanged, " << r.olderNotApplied
            << " older than the vault's (kept the newer); " << r.entriesAdded << " entries added, " << r.entriesKnown
            << " already here (never overwritten)" << Qt::endl;
    return Ok;
}

} // namespace

int runSnapshot(CliContext& ctx, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("export"))
        return snapshotExport(ctx, args);
    if (sub == QLatin1String("import") || sub == QLatin1String("verify"))
        return snapshotRead(ctx, args, sub == QLatin1String("import"));
    return ctx.fail(QStringLiteral("usage: lanternctl snapshot export|import|verify ...; see lanternctl snapshot --help"), Usage);
}

} // namespace lantern::cli
