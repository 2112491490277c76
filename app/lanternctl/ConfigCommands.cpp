// lanternctl config set KEY VALUE|- | config show; downtime-ids set SYSTEM PREFIX FIRST LAST | downtime-ids show
// Device settings, changed only by IT administrators or the device key, each
// change audited (config-change) before it is made; the value itself is never
// written to the audit log (it may be a token). Secrets come from standard
// input ("-"), never from the command line; `config show` masks them. Moved here from
// MirrorCommands.cpp so that the mirror service's file stays the service's.
#include "CliContext.h"
#include "OpenedVault.h"
#include "PassphrasePrompt.h"

#include "sync/mirror/EhrUrlPolicy.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "core/common/SecureBuffer.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

namespace lantern::cli {

int runConfigCommand(CliContext& ctx, const QStringList& args)
{
    const bool set = args.size() == 3 && args.at(0) == QLatin1String("set");
    const bool show = args == QStringList{QStringLiteral("show")};
    if (!set && !show)
        return ctx.fail(QStringLiteral("usage: lanternctl config set KEY VALUE|- | config show (\"-\": the value from "
                                       "standard input, for secrets); keys: ") +
                            sync::mirrorConfigKeys().join(QStringLiteral(", ")) +
                            QStringLiteral("; see lanternctl config set --help"),
                        Usage);
    const bool fromStdin = set && args.at(2) == QLatin1String("-");
    if (set && !fromStdin && sync::isSecretSetting(args.at(1), args.at(2)))
        return ctx.fail(QStringLiteral("%1 holds a secret: not on the command line, where other users (ps) and the shell "
                                       "history see it; run `lanternctl config set %1 -` and type or pipe the value on "
                                       "standard input")
                            .arg(args.at(1)),
                        Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    const access::AccessRequest request{access::Action::ChangeConfig, {}, (set ? QStringLiteral("set ") + args.at(1) : QStringLiteral("show")), {}, {}};
    if (set) {
        // An unknown key is a typing error, not a change: refused before anything is audited.
        if (!sync::mirrorConfigKeys().contains(args.at(1)))
            return ctx.fail(QStringLiteral("unknown setting \"%1\"; known: %2")
                                .arg(args.at(1), sync::mirrorConfigKeys().join(QStringLiteral(", "))),
                            Usage);
        auto granted = opened.gate().authorize(request);
        if (!granted.ok())
            return ctx.fail(granted.error());
        // Read after the passphrase line: "-" is the next line of standard input.
        QString value = fromStdin ? PassphrasePrompt::read(QStringLiteral("Value for %1: ").arg(args.at(1))) : args.at(2);
        Status done = sync::setMirrorConfigValue(opened.vault(), args.at(1), value);
        wipe(value);
        if (!done.ok()) {
            opened.gate().auditFailure(request, done.error());
            return ctx.fail(done.error().message, Usage);
        }
        ctx.out << args.at(1) << " set" << Qt::endl;
        return Ok;
    }
    auto granted = opened.gate().check(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    auto settings = sync::mirrorSettingsForDisplay(opened.vault());
    if (!settings.ok())
        return ctx.fail(settings.error());
    // "KEY = VALUE  [where from]": the value first, as before, so `cut`/`grep` keep working.
    for (const sync::MirrorSettingView& s : std::as_const(*settings)) {
        const QString fallback = s.defaultValue.isEmpty() ? QStringLiteral("none") : s.defaultValue;
        ctx.out << s.key << " = " << s.value << "  ["
                << (s.setInVault ? QStringLiteral("set in the vault; default: ") + fallback : QStringLiteral("default"))
                << "]" << Qt::endl;
    }
    return Ok;
}

int runDowntimeIdsCommand(CliContext& ctx, const QStringList& args)
{
    const bool set = args.size() == 5 && args.at(0) == QLatin1String("set");
    const bool show = args == QStringList{QStringLiteral("show")};
    bool firstOk = false, lastOk = false;
    const qint64 first = set ? args.at(3).toLongLong(&firstOk) : 0;
    const qint64 last = set ? args.at(4).toLongLong(&lastOk) : 0;
    if ((!set && !show) || (set && (!firstOk || !lastOk)))
        return ctx.fail(QStringLiteral("usage: lanternctl downtime-ids set SYSTEM PREFIX FIRST LAST | downtime-ids show "
                                       "(numbers from the hospital's downtime pool reserved for this device)"),
                        Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    const access::AccessRequest request{access::Action::ChangeConfig, {},
                                        set ? QStringLiteral("downtime-ids %1-%2").arg(first).arg(last) : QStringLiteral("show downtime-ids"),
                                        {}, {}};
    auto granted = set ? opened.gate().authorize(request) : opened.gate().check(request);
    if (!granted.ok())
        return ctx.fail(granted.error());
    vault::DowntimeIdRangeRepository ranges(opened.vault().db());
    if (set) {
        Status done = ranges.configure({args.at(1), args.at(2), first, last, 0});
        if (!done.ok()) {
            opened.gate().auditFailure(request, done.error());
            return ctx.fail(done.error());
        }
    }
    auto range = ranges.range();
    if (!range.ok())
        return ctx.fail(range.error());
    if (!range->has_value()) {
        ctx.out << "no downtime identifier range is configured: patients cannot be admitted during a downtime" << Qt::endl;
        return Ok;
    }
    const vault::DowntimeIdRange& r = **range;
    const int width = static_cast<int>(QString::number(r.last).size());
    const auto id = [&](qint64 n) -> QString { return r.prefix + QStringLiteral("%1").arg(n, width, 10, QLatin1Char('0')); };
    ctx.out << "system " << r.system << ", " << id(r.first) << " .. " << id(r.last) << ", next " << id(r.next) << " ("
            << (r.next > r.last ? 0 : r.last - r.next + 1) << " left)" << Qt::endl;
    return Ok;
}

} // namespace lantern::cli
