// lantern-ehr-sim: a FHIR R4 EHR simulator with synthetic wards and faults on
// demand. Wiring only; everything else lives in simulator/.
#include "core/common/Bootstrap.h"

#include <SimServer.h>
#include <Signals.h>

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    lantern::hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"lantern-ehr-sim"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"FHIR R4 EHR simulator with synthetic data and fault injection. "
                                     u"Synthetic data only: never load real patients."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    lantern::sim::addCommandLineOptions(parser);
    parser.process(app);

    auto options = lantern::sim::optionsFromCommandLine(parser);
    if (!options) {
        std::fprintf(stderr, "lantern-ehr-sim: %s\n", qUtf8Printable(options.error().message));
        return 2;
    }
    lantern::sim::blockTerminationSignals();
    lantern::sim::SimServer server(options.value());
    if (auto started = server.start(); !started) {
        std::fprintf(stderr, "lantern-ehr-sim: %s\n", qUtf8Printable(started.error().message));
        return 1;
    }
    std::printf("lantern-ehr-sim listening on %s\n", qUtf8Printable(server.baseUrl()));
    if (server.adminPort() != 0)
        std::printf("lantern-ehr-sim admin on %s\n", qUtf8Printable(server.adminUrl()));
    std::fflush(stdout);
    lantern::sim::waitForTerminationSignal();
    server.stop();
    return 0;
}
