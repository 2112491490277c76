// lantern: the ward desktop. Thin: hardening, arguments, translations, the
// main window. Everything else lives in lantern_ui.

#include "core/access/VaultAccess.h"
#include "ui/app/MainWindow.h"
#include "ui/app/Translations.h"
#include "core/common/Bootstrap.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace {

QString defaultVaultDir()
{
    const QByteArray env = qgetenv("LANTERN_VAULT_DIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/lantern/vault");
}

} // namespace

int main(int argc, char* argv[])
{
    lantern::hardenProcess();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lantern"));
    QApplication::setApplicationVersion(QStringLiteral(LANTERN_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lantern ward downtime workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QStringLiteral("Vault folder (default: $LANTERN_VAULT_DIR)."),
                                         QStringLiteral("DIR"), defaultVaultDir());
    const QCommandLineOption langOption(QStringLiteral("lang"), QStringLiteral("User interface language: de or en."),
                                        QStringLiteral("LANG"));
    parser.addOption(vaultOption);
    parser.addOption(langOption);
    parser.process(app);

    lantern::ui::installTranslations(app, parser.value(langOption));

    const QString vaultDir = QDir(parser.value(vaultOption)).absolutePath();
    // No mirror in this process and no device key: the mirror service (its own
    // system account, lanternctl service run) mirrors; the window follows the
    // status it stores in the vault while someone is signed in.
    lantern::access::VaultAccess access;
    lantern::ui::MainWindow window(access, vaultDir, lantern::SystemClock::instance());
    window.show();
    return app.exec();
}
