#pragma once
// Benchmarks print their figures and nothing else: run.sh parses their output,
// and a reader wants the numbers, not one log line per batch. `-v` (or
// LANTERN_VERBOSE=1) keeps Lantern's info and debug logging for a look inside.
// Warnings always show: they mean a figure may not be what it seems.

#include <QLoggingCategory>
#include <QStringList>

#include <cstring>

namespace lantern::bench {

// Call before QCoreApplication parses the arguments; removes -v from argv.
inline void quietUnlessVerbose(int& argc, char** argv)
{
    bool verbose = !qEnvironmentVariableIsEmpty("LANTERN_VERBOSE");
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "-v") == 0 || std::strcmp(argv[i], "--verbose") == 0)
            verbose = true;
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = nullptr;
    if (!verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
}

} // namespace lantern::bench
