// lanternctl drill start|status|end: a downtime drill on this device (IT only,
// every step audited; core/drill decides, this only presents). `drill end`
// runs the reconciliation dry run with the device's EHR settings (device.key:
// run it where the service account's key is readable), writes the report as
// JSON and PDF (0600) and discards the drill's entries.
#include "CliContext.h"
#include "JsonOutput.h"
#include "OpenedVault.h"

#include "core/common/AtomicFile.h"
#include "core/common/TextPdf.h"
#include "core/drill/Drill.h"
#include "core/drill/DrillControl.h"
#include "core/service/ServiceMailbox.h"
#include "sync/drill/DrillDryRun.h"
#include "sync/mirror/MirrorStatusStore.h"
#include "sync/service/DeviceContext.h"

#include <QJsonArray>

namespace lantern::cli {
namespace {

const QString kUsage = QStringLiteral("usage: lanternctl --vault DIR --user IT-USER drill start | status [--json] | "
                                      "end [--json FILE] [--pdf FILE]");

// A downtime declared by a person (the mailbox) or detected by the service (its stored state).
Result<bool> realDowntimeOpen(vault::Vault& vault)
{
    auto declared = service::ServiceMailbox(vault, SystemClock::instance()).declaredDowntime();
    if (!declared.ok())
        return declared.error();
    auto status = sync::loadMirrorStatus(vault);
    if (!status.ok())
        return status.error();
    return declared->has_value() || status->realDowntimeOpen();
}

QString iso(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("-");
}

int start(CliContext& ctx, OpenedVault& opened)
{
    auto real = realDowntimeOpen(opened.vault());
    if (!real.ok())
        return ctx.fail(real.error());
    auto started = drill::DrillControl(opened.gate(), opened.vault()).start(*real);
    if (!started.ok())
        return ctx.fail(started.error());
    ctx.out << "drill " << started->id << " started at " << iso(started->startedAt) << ": the ward sees downtime mode marked \""
            << drill::drillMark() << "\"; entries go to the drill outbox and are never uploaded" << Qt::endl;
    return Ok;
}

int status(CliContext& ctx, OpenedVault& opened, bool json)
{
    drill::DrillControl control(opened.gate(), opened.vault());
    auto running = control.current();
    if (!running.ok())
        return ctx.fail(running.error());
    if (!running->has_value()) {
        if (json)
            printJson(ctx, QJsonObject{{QStringLiteral("running"), false}});
        else
            ctx.out << "no drill is running" << Qt::endl;
        return Ok;
    }
    auto figures = control.figures();
    if (!figures.ok())
        return ctx.fail(figures.error());
    auto real = realDowntimeOpen(opened.vault());
    if (!real.ok())
        return ctx.fail(real.error());
    const bool inForce = drill::drillInForce(true, *real);
    if (json) {
        drill::DrillReport partial;
        partial.figures = *figures;
        QJsonObject o = drill::toJson(partial);
        o.remove(QStringLiteral("dryRun"));
        o.remove(QStringLiteral("problems"));
        o.remove(QStringLiteral("endedAt"));
        o.remove(QStringLiteral("endedBy"));
        o.insert(QStringLiteral("running"), true);
        o.insert(QStringLiteral("inForce"), inForce);
        printJson(ctx, o);
        return Ok;
    }
    ctx.out << "drill " << figures->drill.id << " running since " << iso(figures->drill.startedAt) << " (started by "
            << figures->drill.startedBy << ")" << (inForce ? QString() : QStringLiteral("; a real downtime is open and wins: the drill is not in force"))
            << Qt::endl;
    ctx.out << "entries captured: " << figures->entries() << ", printouts: " << figures->printouts()
            << ", users who opened a chart: " << figures->firstChartPerUser.size() << Qt::endl;
    return Ok;
}

int end(CliContext& ctx, OpenedVault& opened, const QString& jsonPath, const QString& pdfPath)
{
    drill::DrillControl control(opened.gate(), opened.vault());
    auto running = control.current();
    if (!running.ok())
        return ctx.fail(running.error());
    if (!running->has_value())
        return ctx.fail(QStringLiteral("no drill is running on this device"));

    // The dry run needs the EHR credentials, which only the device key opens.
    drill::DryRun dryRun;
    auto device = sync::DeviceContext::open(ctx.vaultDir);
    if (!device.ok())
        dryRun.error = device.error().prefixed(QStringLiteral("the dry run needs the device's EHR settings")).message;
    else
        dryRun = sync::drillDryRun(device->mirror, opened.vault());

    auto report = control.report(dryRun);
    if (!report.ok())
        return ctx.fail(report.error());
    // The files come first: a report that cannot be written keeps the drill and its entries.
    if (!jsonPath.isEmpty()) {
        const QByteArray json = QJsonDocument(drill::toJson(*report)).toJson(QJsonDocument::Indented);
        if (Status written = writeFileAtomically(jsonPath, json); !written.ok())
            return ctx.fail(written.error().prefixed(QStringLiteral("the drill goes on; cannot write %1").arg(jsonPath)));
    }
    const QStringList lines = drill::toLines(*report);
    if (!pdfPath.isEmpty()) {
        const QByteArray pdf = textPdf(QStringLiteral("Downtime drill report %1").arg(report->figures.drill.id), lines,
                                       drill::drillMark());
        if (Status written = writeFileAtomically(pdfPath, pdf); !written.ok())
            return ctx.fail(written.error().prefixed(QStringLiteral("the drill goes on; cannot write %1").arg(pdfPath)));
    }
    auto discarded = control.finish(*report);
    if (!discarded.ok())
        return ctx.fail(discarded.error());
    for (const QString& line : lines)
        ctx.out << line << Qt::endl;
    ctx.out << "drill " << report->figures.drill.id << " ended; " << *discarded << " drill entries discarded" << Qt::endl;
    return Ok;
}

} // namespace

int runDrill(CliContext& ctx, const QStringList& given)
{
    QStringList args = given;
    const QString sub = args.isEmpty() ? QString() : args.takeFirst();
    QString jsonPath, pdfPath;
    bool json = false;
    if (sub == QLatin1String("status")) {
        json = takeJsonFlag(args);
        if (!args.isEmpty())
            return ctx.fail(kUsage, Usage);
    } else if (sub == QLatin1String("end")) {
        while (!args.isEmpty()) {
            const QString option = args.takeFirst();
            if ((option != QLatin1String("--json") && option != QLatin1String("--pdf")) || args.isEmpty())
                return ctx.fail(kUsage, Usage);
            (option == QLatin1String("--json") ? jsonPath : pdfPath) = args.takeFirst();
        }
    } else if (sub != QLatin1String("start") || !args.isEmpty()) {
        return ctx.fail(kUsage, Usage);
    }
    OpenedVault opened;
    // A drill is run by a person of IT under their own name.
    if (const int code = opened.open(ctx, false); code != Ok)
        return code;
    if (sub == QLatin1String("start"))
        return start(ctx, opened);
    if (sub == QLatin1String("status"))
        return status(ctx, opened, json);
    return end(ctx, opened, jsonPath, pdfPath);
}

} // namespace lantern::cli
