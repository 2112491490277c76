// lanternctl's command table as a person and bash see it, no vault needed:
// `--help` and `-h` on every command and subcommand of the table (exit 0, a
// usage line naming it); an unknown command, subcommand or option is exit 2
// with a message naming it; and the installed completion script is exactly the
// one made from the table (`--bash-completion`), so the two cannot drift.

#include "../support/LanternctlRun.h"
#include "TestConfig.h"

#include <QFile>
#include <QTest>

using lantern::test::CtlRun;
using lantern::test::runLanternctl;

class TestCliHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpOnEveryCommand();
    void unknownIsUsageError_data();
    void unknownIsUsageError();
    void completionScriptMatchesTheTable();

private:
    QStringList m_paths; // "user add", "import", ... from --list-commands
    QHash<QString, QStringList> m_options;
};

void TestCliHelp::initTestCase()
{
    QVERIFY2(QFile::exists(lantern::test::lanternctlPath()), "lanternctl not built");
    const CtlRun listed = runLanternctl({QStringLiteral("--list-commands")}, {});
    QCOMPARE(listed.exitCode, 0);
    const QStringList lines = listed.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QString path = line.section(QLatin1Char('\t'), 0, 0);
        m_paths << path;
        m_options.insert(path, line.section(QLatin1Char('\t'), 1).split(QLatin1Char(' '), Qt::SkipEmptyParts));
    }
    // The commands main() dispatches: every one of them is in the table.
    for (const char* command : {"init", "user", "import", "patient", "verify", "audit", "mirror", "sync", "status", "config",
                                "reconcile", "downtime-ids", "smart-key", "service", "downtime", "device", "snapshot", "backup"})
        QVERIFY2(m_paths.contains(QString::fromLatin1(command)), command);
    QVERIFY(m_options.value(QStringLiteral("patient list")).contains(QStringLiteral("--json")));
}

void TestCliHelp::helpOnEveryCommand()
{
    const CtlRun top = runLanternctl({QStringLiteral("--help")}, {});
    QCOMPARE(top.exitCode, 0);
    for (const QString& path : std::as_const(m_paths))
        QVERIFY2(top.out.contains(QStringLiteral("  ") + path), qPrintable(path));
    for (const QString& path : std::as_const(m_paths)) {
        for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
            // No vault exists: help must not need one (nothing is opened or audited).
            const CtlRun run = runLanternctl(QStringList{QStringLiteral("--vault"), QStringLiteral("/nonexistent/lantern")} +
                                                 path.split(QLatin1Char(' ')) + QStringList{flag},
                                             {});
            QVERIFY2(run.exitCode == 0, qPrintable(path + QStringLiteral(": ") + run.err));
            QVERIFY2(run.out.contains(QStringLiteral("usage: lanternctl")) && run.out.contains(QLatin1Char(' ') + path),
                     qPrintable(path + QStringLiteral(": ") + run.out));
            for (const QString& option : m_options.value(path))
                QVERIFY2(run.out.contains(option), qPrintable(path + QStringLiteral(" does not explain ") + option));
            QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        }
    }
}

void TestCliHelp::unknownIsUsageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    QTest::newRow("command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("subcommand") << QStringList{QStringLiteral("user"), QStringLiteral("frob")} << QStringLiteral("frob");
    QTest::newRow("group without subcommand") << QStringList{QStringLiteral("reconcile")} << QStringLiteral("subcommand");
    QTest::newRow("option") << QStringList{QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--colour")}
                            << QStringLiteral("--colour");
    QTest::newRow("option of another command") << QStringList{QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--break-glass"), QStringLiteral("x")}
                                               << QStringLiteral("--break-glass");
    QTest::newRow("status has no --progress") << QStringList{QStringLiteral("status"), QStringLiteral("--progress")}
                                              << QStringLiteral("--progress");
    QTest::newRow("global option") << QStringList{QStringLiteral("--colour"), QStringLiteral("status")} << QStringLiteral("colour");
}

void TestCliHelp::unknownIsUsageError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const CtlRun run = runLanternctl(QStringList{QStringLiteral("--vault"), QStringLiteral("/nonexistent/lantern")} + args, {});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
    QVERIFY2(run.err.contains(named) && run.err.contains(QStringLiteral("--help")), qPrintable(run.err));
}

void TestCliHelp::completionScriptMatchesTheTable()
{
    const CtlRun generated = runLanternctl({QStringLiteral("--bash-completion")}, {});
    QCOMPARE(generated.exitCode, 0);
    QFile installed(QStringLiteral(LANTERN_SOURCE_DIR "/installer/bash-completion/lanternctl"));
    QVERIFY2(installed.open(QIODevice::ReadOnly), "installer/bash-completion/lanternctl missing");
    const QString script = QString::fromUtf8(installed.readAll());
    QVERIFY2(script == generated.out,
             "installer/bash-completion/lanternctl differs from the command table: regenerate it with "
             "`build/app/lanternctl/lanternctl --bash-completion > installer/bash-completion/lanternctl`");
    // And the table's words are really in it (the generator could drop some).
    for (const QString& path : std::as_const(m_paths)) {
        QVERIFY2(script.contains(path.section(QLatin1Char(' '), -1)), qPrintable(path));
        for (const QString& option : m_options.value(path))
            QVERIFY2(script.contains(option), qPrintable(path + QLatin1Char(' ') + option));
    }
}

QTEST_GUILESS_MAIN(TestCliHelp)
#include "test_cli_help.moc"
