#pragma once
// lanternctl(1) as roff, made from the same command table as --help and the
// bash completion, so the installed man page cannot drift from the program.

#include <QString>

namespace lantern::cli {

// `lanternctl --man-page`: the whole page; the build gzips it into the package.
QString manPage(const QString& version);

} // namespace lantern::cli
