#include "CommandTable.h"

#include "sync/mirror/MirrorConfigStore.h"

#include <QMap>
#include <QTextStream>

namespace lantern::cli {
namespace {

const CliOption kHelp{QStringLiteral("--help"), {}, QStringLiteral("Show this help and exit."), {}};
const CliOption kJson{QStringLiteral("--json"), {}, QStringLiteral("One JSON document on standard output (fields: docs/it/cli-json.md)."), {}};
const CliOption kProgress{QStringLiteral("--progress"), {}, QStringLiteral("Report progress on standard error."), {}};

CliOption opt(const char* name, const char* value, const char* help, QStringList choices = {})
{
    return {QString::fromLatin1(name), QString::fromLatin1(value), QString::fromUtf8(help), std::move(choices)};
}

CliCommand cmd(const char* path, const char* arguments, const char* summary, const char* description,
               QList<CliOption> options = {}, bool groupOnly = false)
{
    return {QString::fromLatin1(path), QString::fromUtf8(arguments), QString::fromUtf8(summary), QString::fromUtf8(description),
            std::move(options), groupOnly};
}

QList<CliOption> visibleOptions(const CliCommand& c)
{
    QList<CliOption> out;
    for (const CliOption& o : c.options)
        if (!o.hidden)
            out << o;
    return out;
}

QString usageLine(const CliCommand& c)
{
    QString line = QStringLiteral("lanternctl [--vault DIR] [--user NAME] [--device] ") + c.path;
    if (c.groupOnly)
        return line + QStringLiteral(" SUBCOMMAND ...");
    for (const CliOption& o : visibleOptions(c))
        line += QStringLiteral(" [") + o.name + (o.valueName.isEmpty() ? QString() : QLatin1Char(' ') + o.valueName) + QLatin1Char(']');
    if (!c.arguments.isEmpty())
        line += QLatin1Char(' ') + c.arguments;
    return line;
}

const CliOption* optionOf(const CliCommand& c, const QString& name)
{
    for (const CliOption& o : c.options)
        if (o.name == name)
            return &o;
    return nullptr;
}

} // namespace

const QList<CliOption>& globalOptions()
{
    static const QList<CliOption> options = {
        opt("--vault", "DIR", "Vault folder (default $LANTERN_VAULT_DIR or ~/.local/share/lantern/vault)."),
        opt("--user", "NAME", "Acting user (default $LANTERN_USER or $USER)."),
        opt("--device", "", "Unlock with the device key (device.key) instead of a passphrase."),
        opt("--help", "", "Show the commands and exit."),
        opt("--version", "", "Show the version and exit."),
    };
    return options;
}

const QList<CliCommand>& commandTable()
{
    static const QList<CliCommand> table = {
        cmd("init", "", "create a vault with its first IT administrator",
            "Creates the vault folder, its data key, the device key for the mirror service and the audit key pair;\n"
            "asks for the administrator's new passphrase.",
            {opt("--admin", "NAME", "Username of the first IT administrator (required)."), opt("--name", "TEXT", "Their display name.")}),
        cmd("user", "", "users, roles and wards", "Adds, lists and manages the people who may open this vault.", {}, true),
        cmd("user add", "NAME", "add a user (IT)",
            "Adds a user with a role and wards; asks for their new passphrase. Audited as user-add.",
            {opt("--role", "ROLE", "nurse, physician or it-admin (required).",
                 {QStringLiteral("nurse"), QStringLiteral("physician"), QStringLiteral("it-admin")}),
             opt("--name", "TEXT", "Display name."), opt("--wards", "W1,W2", "Comma-separated ward Location ids.")}),
        cmd("user list", "", "users and roles", "Lists every user with role, state, display name and wards.", {kJson}),
        cmd("user disable", "NAME", "disable a user (IT)", "Disables the user and deletes their key slot."),
        cmd("user enable", "NAME", "enable a user again (IT)", "Enables the user with a one-time passphrase they must change."),
        cmd("user reset", "NAME", "reset a passphrase (IT)", "Gives the user a one-time passphrase they must change at the first unlock."),
        cmd("user remove", "NAME", "remove a user (IT)", "Removes the user and re-keys the vault, so their old key opens nothing."),
        cmd("user passwd", "", "change your own passphrase", "Changes your own passphrase (also replaces a one-time one)."),
        cmd("import", "FILE|-...", "load FHIR R4 data",
            "Loads FHIR R4 Bundles (JSON) or NDJSON into the vault (audited). A FILE may be a pipe, a FIFO or a device,\n"
            "read as a stream; - (or /dev/stdin) is standard input after the passphrase line. Limits: 256 MiB per JSON\n"
            "document, 64 MiB per NDJSON line.",
            {kProgress, opt("--writer-wait", "SECONDS", "How long to wait for a program to write to a FIFO (default 60).")}),
        cmd("patient", "", "patients of your wards", "Lists patients and shows a chart; every read is audited.", {}, true),
        cmd("patient list", "", "the patients of your wards (audited)",
            "Lists the patients on your wards: id, name, birth date, sex, MRN and marks (merged, inactive).", {kJson}),
        cmd("patient show", "ID", "a patient's allergies and active medications (audited)",
            "Shows one patient's allergies and active medications. A patient outside your wards needs a reason:\n"
            "emergency, transfer, covering or consultation, words of your own may follow (\"covering: night shift\").\n"
            "An id the vault does not hold exits 1.",
            {opt("--break-glass", "REASON", "Open a patient outside your wards, with a reason (audited).",
                 {QStringLiteral("emergency"), QStringLiteral("transfer"), QStringLiteral("covering"), QStringLiteral("consultation")}),
             kJson}),
        cmd("verify", "", "check the vault, key slots and audit chain",
            "Checks the vault's integrity, the key slots and the audit chain; with --trusted-key against IT's copy of\n"
            "the audit public key (and signs a checkpoint), with --checkpoints that every exported checkpoint is still there.",
            {opt("--trusted-key", "FILE", "IT's copy of the audit public key (PEM or base64)."),
             opt("--checkpoints", "DIR", "Folder of collected audit checkpoint exports (*.ndjson)."), kJson}),
        cmd("audit", "", "the audit key and checkpoint exports", "The audit public key; where checkpoints are exported for IT.", {}, true),
        cmd("audit public-key", "", "print the audit public key", "Prints the audit public key (Ed25519)."),
        cmd("audit export-dir", "[DIR]", "where checkpoints are exported", "Shows or sets the folder audit checkpoints are exported to."),
        cmd("service", "", "the mirror service", "The headless mirror service.", {}, true),
        cmd("service run", "", "run the mirror service",
            "Runs the mirror service until SIGTERM/SIGINT (uses device.key; heartbeat and requests for the desktops)."),
        cmd("mirror", "", "run the mirror service (same as service run)",
            "Runs the mirror service until SIGTERM/SIGINT; `mirror confirm-drop` lets a held drop through."),
        cmd("mirror confirm-drop", "[WARD]", "apply a drop the purge guard held (audited)",
            "Lets the next cycle apply a scope drop the purge guard held, for one ward or all (audited)."),
        cmd("sync", "", "run exactly one mirror cycle",
            "Runs exactly one mirror cycle (uses device.key); exit 0 ok, 1 failed, 7 completed but a ward's drop is held.",
            {opt("--once", "", "One cycle (required)."), kProgress}),
        cmd("status", "", "EHR state, data as of per ward, patients, last error",
            "Shows the EHR state, data as of per ward, patients in scope and the last error; --json gives the figures\n"
            "the service's Prometheus metrics give (docs/it/monitoring.md).",
            {kJson}),
        cmd("config", "", "mirror settings", "Shows and changes the mirror settings (IT, audited).", {}, true),
        cmd("config show", "", "every setting: value, default, where it came from",
            "Prints every setting with its effective value, its default and whether it is set in the vault; secrets masked."),
        cmd("config set", "KEY VALUE|-", "change one setting (audited)",
            "Sets one setting after checking it (the message names the allowed values); \"-\" reads the value from\n"
            "standard input (secrets: mirror.bearer_token); an empty value goes back to the default."),
        cmd("downtime-ids", "", "identifiers for patients admitted during a downtime",
            "A range of the hospital's downtime identifier pool reserved for this device.", {}, true),
        cmd("downtime-ids set", "SYSTEM PREFIX FIRST LAST", "reserve a range (audited)", "Reserves the range FIRST..LAST of SYSTEM for this device."),
        cmd("downtime-ids show", "", "the reserved range", "Shows the reserved range and how many identifiers are left."),
        cmd("downtime", "", "declare or end a downtime by hand", "Declares or ends a downtime by hand (audited).", {}, true),
        cmd("downtime declare", "", "declare a downtime", "Declares a downtime; the service holds the EHR state at downtime from its next cycle."),
        cmd("downtime end", "", "end a declared downtime", "Ends the downtime declared by hand."),
        cmd("drill", "", "rehearse a downtime and measure it (IT)",
            "A downtime drill: the ward works in downtime mode marked \"DRILL \u2014 not for clinical use\", entries go to a\n"
            "drill outbox that is never uploaded; `drill end` reports (docs/it/drills.md). IT only, every step audited.",
            {}, true),
        cmd("drill start", "", "start a drill (audited)",
            "Starts a drill: the desktops show downtime mode marked DRILL, printouts carry the mark on every page,\n"
            "entries go to the drill outbox. Refused while a real downtime is open (a real downtime wins)."),
        cmd("drill status", "", "the running drill's figures so far",
            "Shows the running drill: since when, entries captured, printouts, users who opened a chart.", {kJson}),
        cmd("drill end", "", "end the drill: report, dry run, discard (audited)",
            "Ends the drill: a reconciliation dry run against the EHR (read only; needs device.key for the EHR\n"
            "settings), the report as JSON and PDF (0600), then the drill's entries are discarded.",
            {opt("--json", "FILE", "Where to write the report as JSON."), opt("--pdf", "FILE", "Where to write the report as PDF.")}),
        cmd("reconcile", "", "downtime entries back into the EHR", "Uploads what was recorded offline and decides conflicts.", {}, true),
        cmd("reconcile status", "", "entries by state, conflicts waiting",
            "Counts downtime entries by state and lists conflicts waiting (uuid, kind, reason); no patient data.", {kJson}),
        cmd("reconcile run", "", "upload the outbox to the EHR",
            "Uploads the outbox (device.key and the mirror settings); exit 0 all filed, 4 conflicts wait,\n"
            "5 EHR unavailable, 6 interrupted.",
            {kProgress}),
        cmd("reconcile decide", "UUID upload-anyway|mark-duplicate", "a physician's decision on a conflict",
            "Records a physician's decision on a conflict (audited); a note comes from a file or standard input.",
            {opt("--note-file", "FILE", "The note's text; \"-\" reads it from standard input."),
             CliOption{QStringLiteral("--note"), QStringLiteral("TEXT"), {}, {}, true}}),
        cmd("reconcile report", "", "the downtime's reconciliation report",
            "Writes the downtime's reconciliation report (JSON, patient ids, no names) to FILE, mode 0600 (audited).",
            {opt("--downtime", "ID", "The downtime's id (required)."), opt("--json", "FILE", "Where to write the report (required).")}),
        cmd("device", "", "this device's identity and the devices it trusts",
            "This device's public key for snapshot files and the peer devices whose snapshots it accepts.", {}, true),
        cmd("device show", "", "this device's public key",
            "Prints this device's Ed25519 public key (derived from device.key; recorded in the vault for people).", {kJson}),
        cmd("device trust", "PUBKEY", "accept snapshots signed by a device (audited)",
            "Trusts a peer device by its public key (as its `device show` prints it); audited as config-change.",
            {opt("--name", "TEXT", "A label for the device (\"ward 3B PC 2\").")}),
        cmd("device untrust", "PUBKEY", "stop accepting a device's snapshots (audited)", "Removes a trusted device (audited)."),
        cmd("device list", "", "the trusted devices", "Lists the trusted peer devices: public key, label, when and by whom.", {kJson}),
        cmd("snapshot", "", "signed, sealed snapshot files of the vault",
            "Snapshot files for a USB stick when the network is gone: signed by this device, readable only by the\n"
            "recipient devices (docs/it/snapshots.md).", {}, true),
        cmd("snapshot export", "", "write a snapshot for recipient devices (audited)",
            "Writes the vault's resources and unreconciled entries, signed by this device and sealed to each recipient,\n"
            "to a new file (mode 0600, never replacing one). Needs device.key (--device as the service account).",
            {opt("--recipient", "PUBKEY", "A recipient device's public key; repeat for more (required)."),
             opt("--out", "FILE", "The new file (required)."),
             opt("--wards", "W1,W2", "Only the patients on these wards (and resources of no patient)."), kJson}),
        cmd("snapshot import", "FILE", "verify a snapshot and merge it (audited)",
            "Verifies signer (trusted), signature, sequence (no replay), recipient and every chunk, then merges in one\n"
            "transaction: newer versions only, unreconciled entries never overwritten. Any refusal changes nothing.", {kJson}),
        cmd("snapshot verify", "FILE", "check a snapshot without importing it",
            "Runs every check of snapshot import and changes nothing.", {kJson}),
        cmd("backup", "", "sealed backups to a folder, with retention",
            "Backups of the vault sealed to IT's recovery key (docs/it/backups.md); the service makes them when due.", {}, true),
        cmd("backup run", "", "write a backup now and verify it (audited)",
            "Writes a backup to backup.dir, sealed to backup.recovery_key and this device, verifies it from the disk and\n"
            "removes old ones (backup.keep_daily, backup.keep_weekly). Needs device.key.", {kJson}),
        cmd("backup list", "", "this device's backups", "Lists this device's backups in backup.dir, newest first.", {kJson}),
        cmd("backup verify", "[FILE]", "check a backup (the newest by default)",
            "Decrypts and checks every chunk of a backup of this device without importing it.", {kJson}),
        cmd("backup restore", "FILE", "restore a backup with IT's recovery key (audited)",
            "Merges a backup into this (fresh) vault with IT's recovery key file; the backup's signer must be --signer or a\n"
            "trusted device.",
            {opt("--recovery-key", "FILE", "IT's recovery key file (required)."),
             opt("--signer", "PUBKEY", "The lost device's public key, from IT's inventory."), kJson}),
        cmd("backup recovery-key", "FILE", "create IT's recovery key pair (off the ward PC)",
            "Writes a new recovery key (0600, never replacing a file) and prints its public key for backup.recovery_key."),
        cmd("smart-key", "", "the key pair for SMART Backend Services", "Creates or shows the SMART Backend Services key pair.", {}, true),
        cmd("smart-key create", "FILE", "create the private key and print the JWKS",
            "Writes the private key (0600, never overwritten) and prints the JWKS to register at the EHR.",
            {opt("--alg", "ALG", "RS384 (default) or ES384.", {QStringLiteral("RS384"), QStringLiteral("ES384")})}),
        cmd("smart-key show", "FILE", "print the JWKS of a key", "Prints the JWKS of an existing private key."),
    };
    return table;
}

const CliCommand* findCommand(const QStringList& words)
{
    const CliCommand* found = nullptr;
    const QString first = words.value(0);
    const QString second = first + QLatin1Char(' ') + words.value(1);
    for (const CliCommand& c : commandTable()) {
        if (c.path == second)
            return &c;
        if (c.path == first)
            found = &c;
    }
    return found;
}

QStringList subcommandsOf(const QString& command)
{
    QStringList subs;
    for (const CliCommand& c : commandTable())
        if (c.path.startsWith(command + QLatin1Char(' ')))
            subs << c.path.section(QLatin1Char(' '), 1);
    return subs;
}

QString helpText(const CliCommand& c)
{
    QString text;
    QTextStream s(&text);
    s << "usage: " << usageLine(c) << "\n\n" << c.description << "\n";
    const QStringList subs = subcommandsOf(c.path);
    if (!subs.isEmpty()) {
        s << "\nsubcommands (lanternctl " << c.path << " SUBCOMMAND --help for more):\n";
        for (const CliCommand& sub : commandTable())
            if (sub.path.startsWith(c.path + QLatin1Char(' ')))
                s << "  " << qSetFieldWidth(20) << Qt::left << sub.path.section(QLatin1Char(' '), 1) << qSetFieldWidth(0) << sub.summary << "\n";
    }
    if (c.path == QLatin1String("config set")) {
        // The rules are the config store's; help only says them.
        s << "\nsettings (KEY: allowed values; default):\n";
        for (const sync::MirrorSettingSpec& spec : sync::mirrorSettingSpecs())
            s << "  " << spec.key << ": " << sync::allowedValuesText(spec) << "; default "
              << (spec.defaultValue.isEmpty() ? QStringLiteral("none") : spec.defaultValue) << "\n";
    }
    s << "\noptions:\n";
    for (const CliOption& o : visibleOptions(c) + QList<CliOption>{kHelp})
        s << "  " << qSetFieldWidth(24) << Qt::left << (o.name + (o.valueName.isEmpty() ? QString() : QLatin1Char(' ') + o.valueName))
          << qSetFieldWidth(0) << o.help << "\n";
    s << "\nexit codes: 0 done, 1 failed, 2 usage, 3 refused (docs/it/README.md)\n";
    return text;
}

QString overviewText()
{
    QString text;
    QTextStream s(&text);
    s << "usage: lanternctl [--vault DIR] [--user NAME] [--device] COMMAND [SUBCOMMAND] [OPTIONS] [ARGS]\n\n"
         "Lantern EHR downtime vault, command line. `lanternctl COMMAND --help` tells more about each.\n\ncommands:\n";
    for (const CliCommand& c : commandTable())
        s << "  " << qSetFieldWidth(44) << Qt::left << (c.arguments.isEmpty() ? c.path : c.path + QLatin1Char(' ') + c.arguments)
          << qSetFieldWidth(0) << c.summary << "\n";
    s << "\nglobal options (before the command):\n";
    for (const CliOption& o : globalOptions())
        s << "  " << qSetFieldWidth(24) << Qt::left << (o.name + (o.valueName.isEmpty() ? QString() : QLatin1Char(' ') + o.valueName))
          << qSetFieldWidth(0) << o.help << "\n";
    s << "\nPassphrases are read from the terminal without echo, or one per line from standard input.\n"
         "Exit codes: 0 done, 1 failed, 2 usage, 3 refused; more in docs/it/README.md.\n";
    return text;
}

QString unknownOption(const CliCommand& command, const QStringList& args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (!arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-"))
            continue;
        const QString name = arg.section(QLatin1Char('='), 0, 0);
        const CliOption* known = optionOf(command, name);
        if (!known)
            return name;
        if (!known->valueName.isEmpty() && !arg.contains(QLatin1Char('=')))
            ++i; // its value, which may itself start with "-"
    }
    return {};
}

QString commandListing()
{
    QString text;
    for (const CliCommand& c : commandTable()) {
        QStringList names;
        for (const CliOption& o : visibleOptions(c))
            names << o.name;
        text += c.path + QLatin1Char('\t') + names.join(QLatin1Char(' ')) + QLatin1Char('\n');
    }
    return text;
}

QString bashCompletionScript()
{
    QStringList top;
    QStringList globals;
    for (const CliOption& o : globalOptions())
        globals << o.name;
    for (const CliCommand& c : commandTable())
        if (!c.path.contains(QLatin1Char(' ')))
            top << c.path;
    QString text;
    QTextStream s(&text);
    s << "# bash completion for lanternctl -*- shell-script -*-\n"
         "# Generated by `lanternctl --bash-completion` from the command table its --help uses\n"
         "# (app/lanternctl/CommandTable.cpp); test_cli_complete fails when the two differ.\n\n"
         "_lanternctl()\n{\n"
         "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "    local i word cmd= sub= opts= subs=\n"
         "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "        word=${COMP_WORDS[i]}\n"
         "        case $word in\n"
         "            --vault|--user) ((i++)); continue ;;\n"
         "            -*) continue ;;\n"
         "        esac\n"
         "        if [[ -z $cmd ]]; then cmd=$word; elif [[ -z $sub ]]; then sub=$word; fi\n"
         "    done\n"
         "    case $prev in\n";
    // Values of options: files, folders or a fixed list.
    QMap<QString, QString> valueCases;
    for (const CliOption& o : globalOptions() + [] {
             QList<CliOption> all;
             for (const CliCommand& c : commandTable())
                 all += visibleOptions(c);
             return all;
         }()) {
        if (o.valueName.isEmpty() || valueCases.contains(o.name))
            continue;
        if (!o.choices.isEmpty())
            valueCases.insert(o.name, QStringLiteral("COMPREPLY=($(compgen -W \"%1\" -- \"$cur\")); return ;;").arg(o.choices.join(QLatin1Char(' '))));
        else if (o.valueName == QLatin1String("DIR"))
            valueCases.insert(o.name, QStringLiteral("COMPREPLY=($(compgen -d -- \"$cur\")); return ;;"));
        else if (o.valueName == QLatin1String("FILE"))
            valueCases.insert(o.name, QStringLiteral("COMPREPLY=($(compgen -f -- \"$cur\")); return ;;"));
        else
            valueCases.insert(o.name, QStringLiteral("return ;;"));
    }
    for (auto it = valueCases.constBegin(); it != valueCases.constEnd(); ++it)
        s << "        " << it.key() << ") " << it.value() << "\n";
    s << "    esac\n"
         "    case \"$cmd $sub\" in\n";
    for (const CliCommand& c : commandTable()) {
        if (!c.path.contains(QLatin1Char(' ')))
            continue;
        QStringList names{QStringLiteral("--help")};
        for (const CliOption& o : visibleOptions(c))
            names << o.name;
        s << "        \"" << c.path << "\") opts=\"" << names.join(QLatin1Char(' ')) << "\" ;;\n";
    }
    s << "        *)\n"
         "            case $cmd in\n"
         "                '') subs=\"" << top.join(QLatin1Char(' ')) << "\"; opts=\"" << globals.join(QLatin1Char(' ')) << "\" ;;\n";
    for (const CliCommand& c : commandTable()) {
        if (c.path.contains(QLatin1Char(' ')))
            continue;
        QStringList names{QStringLiteral("--help")};
        for (const CliOption& o : visibleOptions(c))
            names << o.name;
        s << "                " << c.path << ") subs=\"" << subcommandsOf(c.path).join(QLatin1Char(' ')) << "\"; opts=\""
          << names.join(QLatin1Char(' ')) << "\" ;;\n";
    }
    s << "            esac\n"
         "            [[ -n $sub ]] && subs=\n"
         "            ;;\n"
         "    esac\n"
         "    if [[ $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "    elif [[ -n $subs ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
         "    else\n"
         "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "    fi\n"
         "} &&\n"
         "    complete -F _lanternctl lanternctl\n";
    return text;
}

} // namespace lantern::cli
