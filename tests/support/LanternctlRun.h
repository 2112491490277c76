#pragma once
// lanternctl from this build as a real process, for CLI tests: arguments,
// standard input (passphrases, one per line, then any value read with "-"),
// and what came back. The child ends with the test on every exit path.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace lantern::test {

struct CtlRun
{
    int exitCode = -1; // -1: did not start, crashed or timed out (then killed)
    QString out;
    QString err;
};

QString lanternctlPath();
CtlRun runLanternctl(const QStringList& args, const QByteArray& input);
// `lanternctl --vault DIR init --admin NAME` with that passphrase; true on exit 0.
bool initVaultWithLanternctl(const QString& vaultDir, const QString& admin, const QString& passphrase);

} // namespace lantern::test
