// lanternctl import [--progress] [--writer-wait SECONDS] FILE|-...
#include "CliContext.h"

#include "core/access/PatientAccess.h"
#include "core/audit/AuditLog.h"
#include "core/import/Importer.h"

namespace lantern::cli {
namespace {

constexpr qint64 MaxWriterWaitSeconds = 24 * 3600;

struct ImportArguments
{
    QStringList files;
    bool progress = false;
    std::chrono::seconds writerWait = import::ImportInput::DefaultWriterWait;
};

// --writer-wait N and --writer-wait=N; every other argument is a file, "-" standard input.
std::optional<QString> parseImportArguments(const QStringList& args, ImportArguments& out)
{
    const QString writerWait = QStringLiteral("--writer-wait");
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (arg == QLatin1String("--progress")) {
            out.progress = true;
            continue;
        }
        if (arg == writerWait || arg.startsWith(writerWait + QLatin1Char('='))) {
            const bool inline_ = arg.contains(QLatin1Char('='));
            if (!inline_ && i + 1 >= args.size())
                return QStringLiteral("--writer-wait needs a number of seconds");
            const QString value = inline_ ? arg.section(QLatin1Char('='), 1) : args.at(++i);
            bool ok = false;
            const qint64 seconds = value.toLongLong(&ok);
            if (!ok || seconds < 0 || seconds > MaxWriterWaitSeconds)
                return QStringLiteral("--writer-wait takes whole seconds from 0 to %1, not '%2'").arg(MaxWriterWaitSeconds).arg(value);
            out.writerWait = std::chrono::seconds(seconds);
            continue;
        }
        out.files << arg;
    }
    if (out.files.isEmpty())
        return QStringLiteral("usage: lanternctl import [--progress] [--writer-wait SECONDS] FILE|-... "
                              "(FHIR R4 Bundle JSON or NDJSON; - is standard input, after the passphrase line)");
    if (out.files.count(QStringLiteral("-")) > 1)
        return QStringLiteral("standard input (-) can be read only once per import");
    return std::nullopt;
}

} // namespace

int runImport(CliContext& ctx, const QStringList& args)
{
    ImportArguments parsed;
    if (const auto bad = parseImportArguments(args, parsed))
        return ctx.fail(*bad, Usage);
    const QStringList& files = parsed.files;
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return ctx.unlockFailure();
    // Decided and audited before anything is read; each file's outcome follows below.
    access::PatientAccess gate(*session);
    if (auto granted = gate.authorize({access::Action::Import, {}, QStringLiteral("%1 files").arg(files.size()), {}, {}});
        !granted.ok())
        return ctx.fail(granted.error());

    import::Importer importer(session->vault());
    audit::AuditLog log(session->vault(), SystemClock::instance());
    int exit = Ok;
    for (const QString& file : files) {
        if (parsed.progress) // like reconcile run --progress: one line per committed batch, for a long file
            importer.setProgress([&ctx, &file](qint64 read) { ctx.out << "progress " << file << ": " << read << " resources read" << Qt::endl; });
        auto report = importer.importFile(file, parsed.writerWait);
        if (!report.ok()) {
            (void)log.append({ctx.user, audit::AuditAction::Import, {}, audit::AuditOutcome::Failure, report.error().message.left(200)});
            ctx.fail(report.error());
            exit = Failed;
            continue;
        }
        for (const Error& problem : report->problems)
            ctx.err << "  skipped: " << problem.message << Qt::endl;
        ctx.out << file << ": " << report->stored << " resources stored, " << report->skipped << " skipped, "
                << report->patientIds.size() << " patients" << Qt::endl;
        if (report->unchanged > 0)
            ctx.out << "  " << report->unchanged << " already in the vault at the same version" << Qt::endl;
        if (report->olderNotApplied > 0)
            ctx.out << "  " << report->olderNotApplied << " older versions not applied (the vault holds newer ones)" << Qt::endl;
        (void)log.append({ctx.user, audit::AuditAction::Import, {}, audit::AuditOutcome::Success,
                          QStringLiteral("%1 stored, %2 skipped").arg(report->stored).arg(report->skipped)});
        if (report->skipped > 0)
            exit = Failed; // scripts must notice that something did not load
    }
    return exit;
}

} // namespace lantern::cli
