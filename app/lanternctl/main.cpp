// lanternctl: Lantern's command line for hospital IT and scripts.
// Thin by design: parses the command line and hands over to the commands.

#include "AuditCommands.h"
#include "CliContext.h"

#include "core/common/Bootstrap.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cstdio>
#include <map>

using namespace lantern;
using namespace lantern::cli;

namespace {

QString defaultVaultDir()
{
    const QByteArray env = qgetenv("LANTERN_VAULT_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/lantern/vault");
}

QString defaultUser()
{
    const QByteArray env = qgetenv("LANTERN_USER");
    return env.isEmpty() ? QString::fromLocal8Bit(qgetenv("USER")) : QString::fromLocal8Bit(env);
}

const char* const kUsage = R"(commands:
  init --admin NAME [--name "Display Name"]    create a vault with its first IT administrator
  user add NAME --role nurse|physician|it-admin --name "Display Name" [--wards W1,W2]
  user list                                     users and roles
  user disable|enable|reset|remove NAME         IT: disable (deletes the key slot), enable or reset (asks for a
                                                one-time passphrase to give the user), remove (re-keys the vault)
  user passwd                                   change your own passphrase (also replaces a one-time one)
  import [--progress] FILE...                   load FHIR R4 Bundles (JSON) or NDJSON files
  patient list                                  the patients of your wards (audited)
  patient show ID [--break-glass REASON]        a patient's allergies and active medications (audited); a patient
                                                outside your wards needs REASON: emergency, transfer, covering or
                                                consultation, words of your own may follow ("covering: night shift")
  verify [--trusted-key FILE [--checkpoints DIR]]
                                                check the vault, key slots and audit chain (against IT's copy of the
                                                audit public key, and that every exported checkpoint is still there)
  audit public-key | audit export-dir [DIR]     the audit public key; where checkpoints are exported for IT
  service run | mirror                          run the mirror service until SIGTERM/SIGINT (uses device.key; the
                                                service account's own; heartbeat and requests for the desktops)
  mirror confirm-drop [WARD]                    let the next cycle apply a scope drop the purge guard held (audited)
  sync --once [--progress]                      run exactly one mirror cycle (uses device.key; exit 0 ok,
                                                1 failed, 7 completed but a ward's drop is held for IT)
  status [--json]                               EHR state, data as of per ward, patients, last error (--json: the metrics figures)
  config set KEY VALUE|- | config show          mirror settings (mirror.base_url, mirror.wards, ...); "-" reads
                                                the value from standard input (secrets: mirror.bearer_token)
  downtime-ids set SYSTEM PREFIX FIRST LAST | downtime-ids show
                                                identifiers for patients admitted during a downtime: a range
                                                of the hospital's downtime pool reserved for this device
  downtime declare | downtime end               declare or end a downtime by hand (audited); the service holds
                                                the EHR state at downtime from its next cycle
  reconcile status                              downtime entries by state, conflicts waiting (uuid, kind, reason)
  reconcile run [--progress]                    upload the outbox to the EHR (uses device.key and the mirror settings;
                                                exit 0 all filed, 4 conflicts wait, 5 EHR unavailable, 6 interrupted)
  reconcile decide UUID upload-anyway|mark-duplicate [--note-file FILE|-]   a physician's decision on a conflict
  reconcile report --downtime ID --json FILE    the downtime's reconciliation report (JSON, patient ids, no names)
  smart-key create FILE [--alg RS384|ES384] | smart-key show FILE
                                                the key pair for SMART Backend Services: writes the private key
                                                (0600, never overwritten), prints the JWKS to register at the EHR
Global --device: unlock with the device key (device.key) instead of a passphrase.
Passphrases are read from the terminal without echo, or one per line from standard input.)";

} // namespace

int main(int argc, char** argv)
{
    hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanternctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANTERN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lantern EHR downtime vault, command line.\n\n") + QString::fromUtf8(kUsage));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QStringLiteral("Vault folder (default $LANTERN_VAULT_DIR or %1).").arg(defaultVaultDir()),
                                         QStringLiteral("dir"), defaultVaultDir());
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("Acting user (default $LANTERN_USER or $USER)."),
                                        QStringLiteral("name"), defaultUser());
    const QCommandLineOption deviceOption(QStringLiteral("device"),
                                          QStringLiteral("Unlock with the device key (device.key) instead of a passphrase."));
    parser.addOption(vaultOption);
    parser.addOption(userOption);
    parser.addOption(deviceOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("init, user, import, patient, verify, mirror, sync, status, config, downtime-ids, reconcile, smart-key"));
    parser.process(app);

    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.helpText()));
        return Usage;
    }
    const std::map<QString, Command> commands = {
        {QStringLiteral("init"), runInit},     {QStringLiteral("user"), runUser},
        {QStringLiteral("import"), runImport}, {QStringLiteral("patient"), runPatient},
        {QStringLiteral("verify"), runVerify},         {QStringLiteral("audit"), runAudit},
        {QStringLiteral("mirror"), runMirror}, {QStringLiteral("sync"), runSync},
        {QStringLiteral("status"), runStatus}, {QStringLiteral("config"), runConfigCommand},
        {QStringLiteral("reconcile"), runReconcile}, {QStringLiteral("downtime-ids"), runDowntimeIdsCommand},
        {QStringLiteral("smart-key"), runSmartKey},
        {QStringLiteral("service"), runService},     {QStringLiteral("downtime"), runDowntime},
    };
    const QString name = args.takeFirst();
    // Interactive commands print their own results; progress logging is for the
    // long-running service (journald) or when asked for with LANTERN_VERBOSE=1.
    if (name != QStringLiteral("mirror") && name != QStringLiteral("service") && qEnvironmentVariableIsEmpty("LANTERN_VERBOSE"))
        QLoggingCategory::setFilterRules(QStringLiteral("lantern.*.info=false\nlantern.*.debug=false"));
    const auto command = commands.find(name);
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliContext ctx{parser.value(vaultOption), parser.value(userOption), out, err, parser.isSet(deviceOption)};
    if (command == commands.end())
        return ctx.fail(QStringLiteral("unknown command '%1'; see lanternctl --help").arg(name), Usage);
    return command->second(ctx, args);
}
