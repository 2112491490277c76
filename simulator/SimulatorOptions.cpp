#include "SimulatorOptions.h"

#include "FhirJson.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace lantern::sim {

bool isLoopbackHost(const QString& host)
{
    if (host == u"localhost"_s || host == u"::1"_s || host == u"[::1]"_s)
        return true;
    const QStringList parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QString& part : parts) {
        bool ok = false;
        const int n = part.toInt(&ok);
        if (!ok || n < 0 || n > 255)
            return false;
    }
    return parts.first() == u"127"_s;
}

Status SimulatorOptions::validate() const
{
    const bool loopback = isLoopbackHost(host);
    if (!loopback && !allowRemote)
        return Error(ErrorCode::Denied, u"Refusing to listen on "_s + host
            + u": the simulator serves synthetic patient data without authentication. Use 127.0.0.1, or pass "
              u"--allow-remote if you really mean it."_s);
    if (port < 0 || port > 65535 || (adminPort && (*adminPort < 0 || *adminPort > 65535)))
        return Error(ErrorCode::InvalidInput, u"Ports must be between 0 and 65535 (0 picks a free one)."_s);
    if (generator.wards < 0 || generator.patientsPerWard < 0 || generator.windowDays < 0)
        return Error(ErrorCode::InvalidInput, u"--wards, --patients-per-ward and --window-days must not be negative."_s);
    if (changesPerMinute < 0 || changeIntervalSeconds < 1)
        return Error(ErrorCode::InvalidInput, u"--changes-per-minute must be >= 0 and --change-interval >= 1."_s);
    return {};
}

void addCommandLineOptions(QCommandLineParser& p)
{
    p.addOptions({
        {u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s, u"127.0.0.1"_s},
        {u"port"_s, u"Port to listen on; 0 picks a free port and prints it (default 0)."_s, u"port"_s, u"0"_s},
        {u"admin-port"_s, u"Also serve /$sim on this port, which stays open during a 'refuse' fault."_s, u"port"_s},
        {u"allow-remote"_s, u"Allow a non-loopback --host."_s},
        {u"seed"_s, u"Seed of the synthetic hospital (default 1)."_s, u"n"_s, u"1"_s},
        {u"wards"_s, u"Number of wards (default 3)."_s, u"n"_s, u"3"_s},
        {u"patients-per-ward"_s, u"Patients per ward (default 12)."_s, u"n"_s, u"12"_s},
        {u"window-days"_s, u"Days of past administrations and vital signs (default 3)."_s, u"n"_s, u"3"_s},
        {u"now"_s, u"Pin the generated hospital's \"now\" (e.g. 2026-03-01T08:00:00Z): two runs with the same "
                   u"seed and --now are identical. Default: the time of start."_s,
            u"instant"_s},
        {u"load"_s, u"FHIR bundle to load and admit to a ward (repeatable; extra arguments are loaded too)."_s,
            u"file"_s},
        {u"changes-per-minute"_s, u"Rate of the background change stream (default 0: off)."_s, u"rate"_s, u"0"_s},
        {u"change-interval"_s, u"Seconds between change batches (default 10)."_s, u"s"_s, u"10"_s},
        {u"fault"_s, u"Start with a fault: MODE[,duration=S][,percent=P][,delay=MS][,retry-after=S][,after=N]; modes: "
                     u"down, refuse, 503, 429, slow, timeout, truncated, malformed, drop, 500, html, trickle, 412."_s,
            u"spec"_s},
        {u"export-polls"_s, u"Status polls a bulk export answers 202 before it is ready (default 1)."_s, u"n"_s,
            u"1"_s},
        {u"medication-shape"_s, u"How medication data is shaped: inline (default: codes in every order), reference "
                                u"(orders reference Medication resources, every second reference without display), "
                                u"statement (home medication as MedicationStatements), mixed (both). All but inline also "
                                u"link devices through DeviceUseStatements."_s,
            u"shape"_s, u"inline"_s},
        {u"no-type-history"_s, u"Answer <Type>/_history and /_history with 404, like servers without them (Medplum)."_s},
    });
    p.addPositionalArgument(u"files"_s, u"More FHIR bundles to load (e.g. after --load with a shell glob)."_s,
        u"[files...]"_s);
}

namespace {

Result<int> intOption(const QCommandLineParser& p, const QString& name)
{
    bool ok = false;
    const int v = p.value(name).toInt(&ok);
    if (!ok)
        return Error(ErrorCode::InvalidInput, u"--"_s + name + u" needs a whole number."_s);
    return v;
}

} // namespace

Result<SimulatorOptions> optionsFromCommandLine(const QCommandLineParser& p)
{
    SimulatorOptions o;
    o.host = p.value(u"host"_s);
    o.allowRemote = p.isSet(u"allow-remote"_s);
    o.typeHistory = !p.isSet(u"no-type-history"_s);
    auto port = intOption(p, u"port"_s);
    auto wards = intOption(p, u"wards"_s);
    auto perWard = intOption(p, u"patients-per-ward"_s);
    auto window = intOption(p, u"window-days"_s);
    auto interval = intOption(p, u"change-interval"_s);
    auto polls = intOption(p, u"export-polls"_s);
    for (const auto* r : {&port, &wards, &perWard, &window, &interval, &polls})
        if (!r->ok())
            return r->error();
    o.port = *port;
    o.generator.wards = *wards;
    o.generator.patientsPerWard = *perWard;
    o.generator.windowDays = *window;
    o.changeIntervalSeconds = *interval;
    o.exportPollsBeforeReady = *polls;
    if (p.isSet(u"admin-port"_s)) {
        auto admin = intOption(p, u"admin-port"_s);
        if (!admin)
            return admin.error();
        o.adminPort = *admin;
    }
    bool ok = false;
    o.generator.seed = p.value(u"seed"_s).toULongLong(&ok);
    if (!ok)
        return Error(ErrorCode::InvalidInput, u"--seed needs a non-negative whole number."_s);
    o.changesPerMinute = p.value(u"changes-per-minute"_s).toDouble(&ok);
    if (!ok)
        return Error(ErrorCode::InvalidInput, u"--changes-per-minute needs a number."_s);
    if (p.isSet(u"now"_s)) {
        o.generator.anchorMs = fhir::parseInstant(p.value(u"now"_s));
        if (!o.generator.anchorMs)
            return Error(ErrorCode::InvalidInput, u"--now needs a FHIR instant, e.g. 2026-03-01T08:00:00Z."_s);
    }
    auto shape = parseMedicationShape(p.value(u"medication-shape"_s));
    if (!shape)
        return shape.error();
    o.generator.medicationShape = *shape;
    o.loadFiles = p.values(u"load"_s) + p.positionalArguments();
    if (p.isSet(u"fault"_s)) {
        auto fault = FaultSpec::parse(p.value(u"fault"_s));
        if (!fault)
            return fault.error();
        o.fault = fault.value();
    }
    LANTERN_TRY(o.validate());
    return o;
}

} // namespace lantern::sim
