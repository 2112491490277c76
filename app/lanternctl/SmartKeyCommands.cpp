// lanternctl smart-key create FILE [--alg RS384|ES384] | smart-key show FILE
//
// The key pair the mirror signs its SMART Backend Services client assertions
// with. IT creates it on the device (the private half never leaves it), then
// registers the printed JWKS at the EHR and sets mirror.smart_key_file and
// mirror.smart_client_id. No vault is opened: the key is not patient data.
#include "CliContext.h"

#include "sync/auth/SigningKey.h"

#include <QJsonDocument>

namespace lantern::cli {
namespace {

const QString kUsage = QStringLiteral("usage: lanternctl smart-key create FILE [--alg RS384|ES384] | smart-key show FILE");

int printRegistration(CliContext& ctx, const sync::SigningKey& key, const QString& path)
{
    ctx.out << QString::fromUtf8(QJsonDocument(key.publicJwks()).toJson(QJsonDocument::Indented));
    ctx.err << "Register this JWKS (" << sync::algorithmName(key.algorithm()) << ", kid " << key.keyId()
            << ") at the EHR as a SMART Backend Services client, then:\n"
            << "  lanternctl --device config set mirror.auth smart\n"
            << "  lanternctl --device config set mirror.smart_key_file " << path << "\n"
            << "  lanternctl --device config set mirror.smart_client_id CLIENT-ID-FROM-THE-EHR" << Qt::endl;
    return Ok;
}

int create(CliContext& ctx, QStringList args)
{
    sync::SigningAlgorithm algorithm = sync::SigningAlgorithm::RS384;
    const qsizetype algAt = args.indexOf(QStringLiteral("--alg"));
    if (algAt >= 0) {
        if (algAt + 1 >= args.size())
            return ctx.fail(kUsage, Usage);
        const QString name = args.at(algAt + 1);
        if (name == QStringLiteral("ES384"))
            algorithm = sync::SigningAlgorithm::ES384;
        else if (name != QStringLiteral("RS384"))
            return ctx.fail(QStringLiteral("--alg must be RS384 (SMART's required default) or ES384, not \"%1\"").arg(name), Usage);
        args.remove(algAt, 2);
    }
    if (args.size() != 1)
        return ctx.fail(kUsage, Usage);
    auto key = sync::SigningKey::generate(algorithm);
    if (!key.ok())
        return ctx.fail(key.error());
    // Never overwrite: replacing a registered key would stop the mirror until the EHR learns the new one.
    const Status saved = key->savePrivateKeyFile(args.constFirst());
    if (!saved.ok())
        return ctx.fail(saved.error());
    return printRegistration(ctx, *key, args.constFirst());
}

int show(CliContext& ctx, const QStringList& args)
{
    if (args.size() != 1)
        return ctx.fail(kUsage, Usage);
    auto key = sync::SigningKey::loadPrivateKeyFile(args.constFirst());
    if (!key.ok())
        return ctx.fail(key.error());
    return printRegistration(ctx, *key, args.constFirst());
}

} // namespace

int runSmartKey(CliContext& ctx, const QStringList& args)
{
    if (args.isEmpty())
        return ctx.fail(kUsage, Usage);
    const QString sub = args.constFirst();
    if (sub == QStringLiteral("create"))
        return create(ctx, args.mid(1));
    if (sub == QStringLiteral("show"))
        return show(ctx, args.mid(1));
    return ctx.fail(kUsage, Usage);
}

} // namespace lantern::cli
