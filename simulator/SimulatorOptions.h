#pragma once
// Everything that configures a simulator, and its command line.

#include "Faults.h"
#include "Generator.h"

#include "core/common/Result.h"

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace lantern::sim {

struct SimulatorOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 0;                 // 0: a free port (see SimServer::port())
    std::optional<int> adminPort; // a second listener for /$sim only, which "refuse" leaves open
    bool allowRemote = false;     // listening beyond loopback must be asked for
    GeneratorOptions generator;
    QStringList loadFiles;
    double changesPerMinute = 0;
    int changeIntervalSeconds = 10;
    std::optional<FaultSpec> fault;
    int exportPollsBeforeReady = 1;
    bool typeHistory = true; // false: no <Type>/_history or /_history (like Medplum)
    int maxThreads = 64;

    // InvalidInput with a message a person can act on.
    Status validate() const;
};

// 127.0.0.0/8, ::1 and localhost.
bool isLoopbackHost(const QString& host);

// Registers the simulator's options (--port, --host, --seed, ...) on `parser`.
void addCommandLineOptions(QCommandLineParser& parser);
// Reads them back after parser.process(); positional arguments are more files to load.
Result<SimulatorOptions> optionsFromCommandLine(const QCommandLineParser& parser);

} // namespace lantern::sim
