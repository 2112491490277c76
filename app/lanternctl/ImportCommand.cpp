// lanternctl import [--progress] FILE...
#include "CliContext.h"

#include "core/access/PatientAccess.h"
#include "core/audit/AuditLog.h"
#include "core/import/Importer.h"

namespace lantern::cli {

int runImport(CliContext& ctx, const QStringList& args)
{
    QStringList files = args;
    const bool showProgress = files.removeAll(QStringLiteral("--progress")) > 0;
    if (files.isEmpty())
        return ctx.fail(QStringLiteral("usage: lanternctl import [--progress] FILE... (FHIR R4 Bundle JSON or NDJSON)"), Usage);
    access::VaultAccess access;
    auto session = ctx.unlock(access);
    if (!session)
        return AuthFailed;
    // Decided and audited before anything is read; each file's outcome follows below.
    access::PatientAccess gate(*session);
    if (auto granted = gate.authorize({access::Action::Import, {}, QStringLiteral("%1 files").arg(files.size()), {}, {}});
        !granted.ok())
        return ctx.fail(granted.error());

    import::Importer importer(session->vault());
    audit::AuditLog log(session->vault(), SystemClock::instance());
    int exit = Ok;
    for (const QString& file : files) {
        if (showProgress) // like reconcile run --progress: one line per committed batch, for a long file
            importer.setProgress([&ctx, &file](qint64 read) { ctx.out << "progress " << file << ": " << read << " resources read" << Qt::endl; });
        auto report = importer.importFile(file);
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
