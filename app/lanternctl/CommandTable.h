#pragma once
// The one list of lanternctl's commands, subcommands and options. Help text,
// the check for unknown options and the bash completion script are all made
// from it, so none of them can drift from the others.

#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::cli {

struct CliOption
{
    QString name;        // "--json"
    QString valueName;   // "FILE", "DIR", "REASON"; empty for a flag
    QString help;
    QStringList choices; // values the completion offers ("nurse", ...)
    // Known only so that the command itself can refuse it with its reason (reconcile
    // decide --note: why a note never goes on the command line); not in help or completion.
    bool hidden = false;
};

struct CliCommand
{
    QString path;        // "reconcile decide"
    QString arguments;   // positional part of the usage line: "UUID upload-anyway|mark-duplicate"
    QString summary;     // one line for the list
    QString description; // what it does, for --help
    QList<CliOption> options;
    bool groupOnly = false; // "user": needs a subcommand
};

const QList<CliCommand>& commandTable();
// Global options (before the command): --vault, --user, --device, --help, --version.
const QList<CliOption>& globalOptions();

// The entry for the words after the global options: "user add NAME ..." gives
// "user add", "import a.json" gives "import"; nullptr for an unknown command.
const CliCommand* findCommand(const QStringList& words);
// The subcommands of a top-level command ("user" -> add, list, ...).
QStringList subcommandsOf(const QString& command);

// `lanternctl CMD [SUB] --help`.
QString helpText(const CliCommand& command);
// `lanternctl --help`.
QString overviewText();
// An option not in the table: its name, or empty when every option is known.
// Values of options that take one are skipped, "-" (standard input) is no option.
QString unknownOption(const CliCommand& command, const QStringList& args);
// `lanternctl --list-commands`: one line per command, "path<TAB>option option ...".
QString commandListing();
// `lanternctl --bash-completion`: installer/bash-completion/lanternctl.
QString bashCompletionScript();

} // namespace lantern::cli
