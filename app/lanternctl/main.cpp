// lanternctl: Lantern's command line for hospital IT and scripts.
// Thin by design: parses the command line and hands over to the commands.

#include "AuditCommands.h"
#include "CliContext.h"
#include "CommandTable.h"
#include "ManPage.h"

#include "core/common/Bootstrap.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

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

// Before a command runs: `--help`/`-h` anywhere after it, an unknown
// subcommand of a group, an option the command does not have. Nothing is
// opened or audited for any of these. Returns an exit code, or -1 to run it.
int precheck(const QStringList& words, QTextStream& out, QTextStream& err)
{
    const CliCommand* entry = findCommand(words);
    if (!entry) {
        err << "lanternctl: unknown command '" << words.value(0) << "'; see lanternctl --help" << Qt::endl;
        return Usage;
    }
    const QStringList args = words.mid(entry->path.count(QLatin1Char(' ')) + 1);
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << helpText(*entry) << Qt::flush;
        return Ok;
    }
    if (entry->groupOnly) {
        const QStringList subs = subcommandsOf(entry->path);
        err << "lanternctl: " << (args.isEmpty() ? QStringLiteral("%1 needs a subcommand").arg(entry->path)
                                                 : QStringLiteral("unknown subcommand '%1' of %2").arg(args.first(), entry->path))
            << "; one of: " << subs.join(QStringLiteral(", ")) << "; see lanternctl " << entry->path << " --help" << Qt::endl;
        return Usage;
    }
    if (const QString bad = unknownOption(*entry, args); !bad.isEmpty()) {
        err << "lanternctl: unknown option '" << bad << "' for " << entry->path << "; see lanternctl " << entry->path << " --help"
            << Qt::endl;
        return Usage;
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("lanternctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LANTERN_VERSION));

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(QStringLiteral("version"));
    // Hidden, for tests and packaging: the command table as data, the completion script and the man page made from it.
    const QCommandLineOption listOption(QStringLiteral("list-commands"));
    const QCommandLineOption completionOption(QStringLiteral("bash-completion"));
    const QCommandLineOption manPageOption(QStringLiteral("man-page"));
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QString(), QStringLiteral("dir"), defaultVaultDir());
    const QCommandLineOption userOption(QStringLiteral("user"), QString(), QStringLiteral("name"), defaultUser());
    const QCommandLineOption deviceOption(QStringLiteral("device"));
    parser.addOptions({helpOption, versionOption, listOption, completionOption, manPageOption, vaultOption, userOption, deviceOption});
    QTextStream out(stdout);
    QTextStream err(stderr);
    // parse(), not process(): a wrong option is a usage error (exit 2), like everywhere else.
    if (!parser.parse(QCoreApplication::arguments())) {
        err << "lanternctl: " << parser.errorText() << "; see lanternctl --help" << Qt::endl;
        return Usage;
    }
    if (parser.isSet(versionOption)) {
        out << "lanternctl " << LANTERN_VERSION << Qt::endl;
        return Ok;
    }
    if (parser.isSet(manPageOption)) {
        out << manPage(QStringLiteral(LANTERN_VERSION)) << Qt::flush;
        return Ok;
    }
    if (parser.isSet(listOption) || parser.isSet(completionOption)) {
        out << (parser.isSet(listOption) ? commandListing() : bashCompletionScript()) << Qt::flush;
        return Ok;
    }
    QStringList args = parser.positionalArguments();
    if (parser.isSet(helpOption)) {
        out << overviewText() << Qt::flush;
        return Ok;
    }
    if (args.isEmpty()) {
        err << overviewText() << Qt::flush;
        return Usage;
    }
    if (const int code = precheck(args, out, err); code >= 0)
        return code;
    const std::map<QString, Command> commands = {
        {QStringLiteral("init"), runInit},     {QStringLiteral("user"), runUser},
        {QStringLiteral("import"), runImport}, {QStringLiteral("patient"), runPatient},
        {QStringLiteral("verify"), runVerify},         {QStringLiteral("audit"), runAudit},
        {QStringLiteral("mirror"), runMirror}, {QStringLiteral("sync"), runSync},
        {QStringLiteral("status"), runStatus}, {QStringLiteral("config"), runConfigCommand},
        {QStringLiteral("reconcile"), runReconcile}, {QStringLiteral("downtime-ids"), runDowntimeIdsCommand},
        {QStringLiteral("smart-key"), runSmartKey},
        {QStringLiteral("service"), runService},     {QStringLiteral("downtime"), runDowntime},
        {QStringLiteral("device"), runDevice},       {QStringLiteral("snapshot"), runSnapshot},
        {QStringLiteral("backup"), runBackup},
        {QStringLiteral("drill"), runDrill},
    };
    const QString name = args.takeFirst();
    // Interactive commands print their own results; progress logging is for the
    // long-running service (journald) or when asked for with LANTERN_VERBOSE=1.
    if (name != QStringLiteral("mirror") && name != QStringLiteral("service") && qEnvironmentVariableIsEmpty("LANTERN_VERBOSE"))
        QLoggingCategory::setFilterRules(QStringLiteral("lantern.*.info=false\nlantern.*.debug=false"));
    const auto command = commands.find(name);
    CliContext ctx{parser.value(vaultOption), parser.value(userOption), out, err, parser.isSet(deviceOption)};
    if (command == commands.end())
        return ctx.fail(QStringLiteral("unknown command '%1'; see lanternctl --help").arg(name), Usage);
    return command->second(ctx, args);
}
