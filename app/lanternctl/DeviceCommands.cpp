// lanternctl device show | trust PUBKEY [--name N] | untrust PUBKEY | list
// The device's identity for snapshot files and the peer devices IT trusts.
// Trusting and untrusting are configuration changes: IT or the device key,
// audited (config-change) before they are made. The public keys are no secret.
#include "CliContext.h"
#include "JsonOutput.h"
#include "OpenedVault.h"

#include "core/snapshot/DeviceIdentity.h"
#include "core/vault/TrustedDeviceRepository.h"
#include "core/vault/Vault.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace lantern::cli {
namespace {

int deviceShow(CliContext& ctx, OpenedVault& opened, bool json)
{
    auto granted = opened.gate().check({access::Action::ChangeConfig, {}, QStringLiteral("show device"), {}, {}});
    if (!granted.ok())
        return ctx.fail(granted.error());
    // With device.key readable (the service account), the identity is derived and
    // recorded for people; otherwise the one recorded before is shown.
    QString key;
    QString source = QStringLiteral("vault");
    if (auto identity = snapshot::DeviceIdentity::load(ctx.vaultDir); identity.ok()) {
        if (Status published = identity->publish(opened.vault()); !published.ok())
            return ctx.fail(published.error());
        key = identity->publicKeyText();
        source = QStringLiteral("device.key");
    } else {
        auto recorded = snapshot::DeviceIdentity::publishedPublicKey(opened.vault());
        if (!recorded.ok())
            return ctx.fail(recorded.error());
        key = *recorded;
    }
    if (key.isEmpty())
        return ctx.fail(QStringLiteral("this vault has no device identity recorded yet (made before snapshots existed); "
                                       "run `lanternctl --device device show` once as the service account"));
    auto trusted = vault::TrustedDeviceRepository(opened.vault().db()).list();
    if (!trusted.ok())
        return ctx.fail(trusted.error());
    if (json) {
        printJson(ctx, {{QStringLiteral("publicKey"), key},
                        {QStringLiteral("fingerprint"), snapshot::shortKey(key)},
                        {QStringLiteral("source"), source},
                        {QStringLiteral("trustedDevices"), static_cast<qint64>(trusted->size())}});
        return Ok;
    }
    ctx.out << "Device public key (Ed25519): " << key << Qt::endl;
    ctx.out << "Give it to IT on the devices that may send snapshots here (lanternctl device trust KEY) and to those "
               "exporting for this device (snapshot export --recipient KEY). Trusted peer devices: "
            << trusted->size() << Qt::endl;
    return Ok;
}

int deviceList(CliContext& ctx, OpenedVault& opened, bool json)
{
    auto granted = opened.gate().check({access::Action::ChangeConfig, {}, QStringLiteral("show devices"), {}, {}});
    if (!granted.ok())
        return ctx.fail(granted.error());
    auto trusted = vault::TrustedDeviceRepository(opened.vault().db()).list();
    if (!trusted.ok())
        return ctx.fail(trusted.error());
    if (json) {
        QJsonArray list;
        for (const vault::TrustedDevice& d : std::as_const(*trusted))
            list.append(QJsonObject{{QStringLiteral("publicKey"), d.publicKey},
                                    {QStringLiteral("name"), d.name},
                                    {QStringLiteral("trustedAt"), d.trustedAt},
                                    {QStringLiteral("trustedBy"), d.trustedBy}});
        printJson(ctx, {{QStringLiteral("devices"), list}, {QStringLiteral("count"), list.size()}});
        return Ok;
    }
    if (trusted->isEmpty())
        ctx.out << "no trusted devices: snapshots from other devices are refused" << Qt::endl;
    for (const vault::TrustedDevice& d : std::as_const(*trusted))
        ctx.out << d.publicKey << "  " << (d.name.isEmpty() ? QStringLiteral("-") : d.name) << "  trusted " << d.trustedAt << " by "
                << d.trustedBy << Qt::endl;
    return Ok;
}

int deviceTrust(CliContext& ctx, const QStringList& args, bool trust)
{
    QCommandLineParser p;
    const QCommandLineOption name(QStringLiteral("name"), QString(), QStringLiteral("text"));
    if (trust)
        p.addOption(name);
    if (!p.parse(QStringList{QStringLiteral("device")} + args) || p.positionalArguments().size() != 2)
        return ctx.fail(trust ? QStringLiteral("usage: lanternctl device trust PUBKEY [--name TEXT]")
                              : QStringLiteral("usage: lanternctl device untrust PUBKEY"),
                        Usage);
    // A mistyped key is refused before anything is opened or audited.
    auto key = snapshot::parsePublicKey(p.positionalArguments().at(1));
    if (!key.ok())
        return ctx.fail(key.error().message + QStringLiteral("; nothing was changed"), Usage);
    const QString keyText = QString::fromLatin1(key->toBase64());
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    const access::AccessRequest request{access::Action::ChangeConfig, {},
                                        (trust ? QStringLiteral("trust device ") : QStringLiteral("untrust device ")) +
                                            snapshot::shortKey(keyText),
                                        {}, {}};
    if (trust) {
        auto own = snapshot::DeviceIdentity::publishedPublicKey(opened.vault());
        if (own.ok() && *own == keyText)
            return ctx.fail(QStringLiteral("that is this device's own key; trust the keys of the other devices"), Usage);
    }
    auto granted = opened.gate().authorize(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    vault::TrustedDeviceRepository devices(opened.vault().db());
    const Status done = trust ? devices.trust({keyText, p.value(name), SystemClock::instance().now().toString(Qt::ISODate),
                                               opened.gate().actorName()})
                              : devices.untrust(keyText);
    if (!done.ok()) {
        opened.gate().auditFailure(request, done.error());
        return ctx.fail(done.error());
    }
    ctx.out << (trust ? "trusted " : "no longer trusted: ") << keyText << Qt::endl;
    return Ok;
}

} // namespace

int runDevice(CliContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool json = takeJsonFlag(args);
    const QString sub = args.value(0);
    if (sub == QLatin1String("trust") || sub == QLatin1String("untrust"))
        return deviceTrust(ctx, args, sub == QLatin1String("trust"));
    if ((sub != QLatin1String("show") && sub != QLatin1String("list")) || args.size() != 1)
        return ctx.fail(QStringLiteral("usage: lanternctl device show|list [--json] | trust PUBKEY [--name TEXT] | untrust PUBKEY"), Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    return sub == QLatin1String("show") ? deviceShow(ctx, opened, json) : deviceList(ctx, opened, json);
}

} // namespace lantern::cli
