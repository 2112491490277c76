#include "LanternctlRun.h"

#include "ChildProcess.h"
#include "TestConfig.h"

#include <QProcess>

namespace lantern::test {

QString lanternctlPath()
{
    return QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl");
}

CtlRun runLanternctl(const QStringList& args, const QByteArray& input)
{
    QProcess p;
    endWithThisProcess(p);
    p.start(lanternctlPath(), args);
    if (!p.waitForStarted())
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

bool initVaultWithLanternctl(const QString& vaultDir, const QString& admin, const QString& passphrase)
{
    return runLanternctl({QStringLiteral("--vault"), vaultDir, QStringLiteral("init"), QStringLiteral("--admin"), admin},
                         passphrase.toUtf8() + '\n')
               .exitCode == 0;
}

} // namespace lantern::test
