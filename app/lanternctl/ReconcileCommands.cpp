// lanternctl reconcile status | decide UUID DECISION [--note-file FILE|-] (run: ReconcileRunCommand.cpp)
// Output names entry uuids, kinds, states, reasons and counts, never patient data.
#include "CliContext.h"
#include "JsonOutput.h"
#include "OpenedVault.h"
#include "PassphrasePrompt.h"

#include "core/common/AtomicFile.h"
#include "sync/reconcile/ConflictDecisions.h"
#include "core/record/ReconcileReport.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QMap>

namespace lantern::cli {
namespace {

const QString kUsage = QStringLiteral(
    "usage: lanternctl reconcile status [--json] | reconcile run [--progress] | reconcile decide UUID upload-anyway|mark-duplicate "
    "[--note-file FILE|-] | reconcile report --downtime ID --json FILE");

// What a conflict's detail may show on a terminal: our own checks write ids and
// versions only; a server's OperationOutcome text is reduced to its HTTP status.
QString shownDetail(const record::OutboxItem& item)
{
    if (item.conflict == record::ConflictReason::ServerRejected)
        return item.conflictDetail.section(QLatin1Char(':'), 0, 0);
    return item.conflictDetail;
}

// The note of --note-file: the file's text, or standard input's rest for "-"
// (after the passphrase line); none without the option.
Result<QString> readNote(const QString& noteFile)
{
    if (noteFile.isEmpty())
        return QString();
    if (noteFile == QLatin1String("-"))
        return PassphrasePrompt::readRest(QStringLiteral("Note (end with Ctrl-D): "));
    QFile file(noteFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::InvalidInput, QStringLiteral("cannot read the note file %1: %2").arg(noteFile, file.errorString()));
    return QString::fromUtf8(file.readAll());
}

// The same counts and conflicts as the text, for scripts (docs/it/cli-json.md).
QJsonObject statusJson(const QList<record::OutboxItem>& items, const QMap<QString, QMap<record::EntryState, int>>& byDowntime,
                       const QList<record::EntryState>& states)
{
    QJsonArray downtimes;
    for (auto it = byDowntime.constBegin(); it != byDowntime.constEnd(); ++it) {
        QJsonObject counts;
        for (record::EntryState state : states)
            counts.insert(record::entryStateName(state), it.value().value(state));
        downtimes.append(QJsonObject{{QStringLiteral("downtime"), it.key().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.key())},
                                     {QStringLiteral("counts"), counts}});
    }
    QJsonArray conflicts;
    for (const record::OutboxItem& item : items) {
        if (item.state != record::EntryState::Conflict)
            continue;
        conflicts.append(QJsonObject{{QStringLiteral("uuid"), item.entry.uuid},
                                     {QStringLiteral("kind"), record::entryKindName(item.entry.kind)},
                                     {QStringLiteral("reason"), item.conflict ? record::conflictReasonName(*item.conflict) : QStringLiteral("?")},
                                     {QStringLiteral("detail"), shownDetail(item)}});
    }
    return {{QStringLiteral("downtimes"), downtimes}, {QStringLiteral("conflicts"), conflicts}};
}

int status(CliContext& ctx, vault::Vault& vault, bool json)
{
    vault::OutboxRepository outbox(vault.db());
    auto items = outbox.items();
    if (!items.ok())
        return ctx.fail(items.error());
    QMap<QString, QMap<record::EntryState, int>> byDowntime;
    for (const record::OutboxItem& item : std::as_const(*items))
        ++byDowntime[item.entry.downtimeId][item.state];
    const QList<record::EntryState> states{record::EntryState::Pending,   record::EntryState::Uploaded,
                                           record::EntryState::Conflict,  record::EntryState::Duplicate,
                                           record::EntryState::Superseded, record::EntryState::EnteredInError};
    if (json) {
        printJson(ctx, statusJson(*items, byDowntime, states));
        return Ok;
    }
    if (byDowntime.isEmpty()) {
        ctx.out << "no entries recorded offline" << Qt::endl;
        return Ok;
    }
    for (auto it = byDowntime.constBegin(); it != byDowntime.constEnd(); ++it) {
        ctx.out << "downtime " << (it.key().isEmpty() ? QStringLiteral("(none)") : it.key()) << ":";
        for (record::EntryState state : states)
            ctx.out << " " << record::entryStateName(state) << " " << it.value().value(state);
        ctx.out << Qt::endl;
    }
    int conflicts = 0;
    for (const record::OutboxItem& item : std::as_const(*items)) {
        if (item.state != record::EntryState::Conflict)
            continue;
        if (conflicts++ == 0)
            ctx.out << "conflicts waiting for a decision (uuid, kind, reason, detail):" << Qt::endl;
        ctx.out << "  " << item.entry.uuid << "  " << record::entryKindName(item.entry.kind) << "  "
                << (item.conflict ? record::conflictReasonName(*item.conflict) : QStringLiteral("?")) << "  "
                << shownDetail(item) << Qt::endl;
    }
    if (conflicts == 0)
        ctx.out << "no conflicts waiting" << Qt::endl;
    return Ok;
}

int decide(CliContext& ctx, const QStringList& args)
{
    QStringList rest = args;
    // A note is free text about a patient: never on the command line (ps, shell history).
    if (rest.contains(QStringLiteral("--note")))
        return ctx.fail(QStringLiteral("--note TEXT would leave the note in the shell history and visible to other users "
                                       "(ps); write it to a file and give --note-file FILE, or --note-file - and type "
                                       "or pipe it on standard input"),
                        Usage);
    QString noteFile;
    const qsizetype noteAt = rest.indexOf(QStringLiteral("--note-file"));
    if (noteAt >= 0) {
        if (noteAt + 1 >= rest.size())
            return ctx.fail(kUsage, Usage);
        noteFile = rest.at(noteAt + 1);
        rest.remove(noteAt, 2);
    }
    if (rest.size() != 2)
        return ctx.fail(kUsage, Usage);
    const auto decision = record::decisionFromName(rest.at(1));
    if (!decision || *decision == record::Decision::Amend)
        return ctx.fail(QStringLiteral("decide takes upload-anyway or mark-duplicate (amend an entry from the desktop)"), Usage);
    if (ctx.device)
        return ctx.fail(QStringLiteral("a person decides conflicts: unlock with your own passphrase, not --device"),
                        AuthFailed);
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return ctx.unlockFailure();
    auto note = readNote(noteFile);
    if (!note.ok())
        return ctx.fail(note.error().message, Usage);
    // The policy decides (a refusal is audited there); the decision itself is
    // audited by decideConflict in the transaction that stores it.
    access::PatientAccess gate(*session);
    if (auto granted = gate.authorize({access::Action::DecideConflict, {},
                                       record::decisionName(*decision) + QLatin1Char(' ') + rest.at(0).toLower(), {}, {}});
        !granted.ok())
        return ctx.fail(granted.error());
    Status decided = sync::decideConflict(*session, rest.at(0).toLower(), *decision, note->trimmed());
    if (!decided.ok())
        return ctx.fail(decided.error());
    ctx.out << "entry " << rest.at(0) << ": " << record::decisionName(*decision) << Qt::endl;
    return Ok;
}

// The downtime's report as JSON (patient ids and entry states; no names, drugs or note
// texts), written atomically and readable by the owner only.
int report(CliContext& ctx, OpenedVault& opened, const QStringList& args)
{
    const qsizetype downtimeAt = args.indexOf(QStringLiteral("--downtime"));
    const qsizetype jsonAt = args.indexOf(QStringLiteral("--json"));
    if (args.size() != 4 || downtimeAt < 0 || jsonAt < 0 || downtimeAt + 1 >= args.size() || jsonAt + 1 >= args.size())
        return ctx.fail(kUsage, Usage);
    // Data leaving the device: decided and audited (export) before the report is built.
    const access::AccessRequest request{access::Action::Export, {},
                                        QStringLiteral("reconcile-report ") + args.at(downtimeAt + 1).left(64), {}, {}};
    if (auto granted = opened.gate().authorize(request); !granted.ok())
        return ctx.fail(granted.error());
    auto json = record::ReconcileReport::buildJson(opened.vault(), args.at(downtimeAt + 1));
    if (!json.ok()) {
        opened.gate().auditFailure(request, json.error());
        return ctx.fail(json.error());
    }
    if (Status written = writeFileAtomically(args.at(jsonAt + 1), *json); !written.ok()) { // mode 0600
        opened.gate().auditFailure(request, written.error());
        return ctx.fail(written.error());
    }
    ctx.out << "report written to " << args.at(jsonAt + 1) << Qt::endl;
    return Ok;
}

} // namespace

int runReconcile(CliContext& ctx, const QStringList& args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("run"))
        return runReconcileUpload(ctx, args.mid(1));
    if (sub == QLatin1String("decide"))
        return decide(ctx, args.mid(1));
    const bool isReport = sub == QLatin1String("report");
    const bool json = !isReport && args.mid(1) == QStringList{QStringLiteral("--json")};
    if (!isReport && (sub != QLatin1String("status") || args.size() != (json ? 2 : 1)))
        return ctx.fail(kUsage, Usage);
    OpenedVault opened;
    if (const int code = opened.open(ctx); code != Ok)
        return code;
    return isReport ? report(ctx, opened, args.mid(1)) : status(ctx, opened.vault(), json);
}

} // namespace lantern::cli
