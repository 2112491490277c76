// Secrets and free text stay off the command line (issue #10), where
// /proc/*/cmdline and shell history keep them: lanternctl refuses
// `config set mirror.bearer_token VALUE` (and a proxy URL with a password) and
// takes `config set KEY -` from standard input instead; `reconcile decide
// --note TEXT` is refused in favour of --note-file FILE|-. mirror.base_url
// refuses a password inside it and http:// to anything but loopback;
// `config show` masks what is secret. Each refusal changes nothing.

#include "LanternctlRun.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using lantern::test::CtlRun;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kToken = QStringLiteral("tok-s3cret-4711");

} // namespace

class TestCliSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokenOnTheCommandLineIsRefused();
    void tokenFromStandardInputIsStoredAndMasked();
    void proxyPasswordOnlyFromStandardInput();
    void baseUrlWithPasswordIsRefused();
    void cleartextHttpToTheNetworkIsRefused();
    void noteOnTheCommandLineIsRefused();
    void noteFileMustBeReadable();

private:
    CtlRun ctl(const QStringList& args, const QByteArray& input);
    QString shown(const QString& key);
    QTemporaryDir m_dir;
    QString m_vault;
};

CtlRun TestCliSecrets::ctl(const QStringList& args, const QByteArray& input)
{
    return lantern::test::runLanternctl(QStringList{QStringLiteral("--vault"), m_vault, QStringLiteral("--user"), kAdmin} + args, input);
}

QString TestCliSecrets::shown(const QString& key)
{
    const CtlRun show = ctl({QStringLiteral("config"), QStringLiteral("show")}, kAdminPass.toUtf8() + '\n');
    const QStringList lines = show.out.split(QLatin1Char('\n'));
    for (const QString& line : lines)
        if (line.startsWith(key + QStringLiteral(" = ")))
            return line.mid(key.size() + 3).section(QStringLiteral("  ["), 0, 0); // "KEY = VALUE  [where from]"
    return QStringLiteral("(not listed: %1 %2)").arg(show.exitCode).arg(show.err);
}

void TestCliSecrets::initTestCase()
{
    QVERIFY2(QFile::exists(lantern::test::lanternctlPath()), "lanternctl not built");
    m_vault = m_dir.filePath(QStringLiteral("vault"));
    QVERIFY(lantern::test::initVaultWithLanternctl(m_vault, kAdmin, kAdminPass));
}

void TestCliSecrets::tokenOnTheCommandLineIsRefused()
{
    const CtlRun set = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.bearer_token"), kToken},
                        kAdminPass.toUtf8() + '\n');
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains(QStringLiteral("config set mirror.bearer_token -")), qPrintable(set.err));
    QVERIFY2(!set.err.contains(kToken), qPrintable(set.err));
    QCOMPARE(shown(QStringLiteral("mirror.bearer_token")), QString()); // nothing stored
}

void TestCliSecrets::tokenFromStandardInputIsStoredAndMasked()
{
    const CtlRun set = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.bearer_token"), QStringLiteral("-")},
                        kAdminPass.toUtf8() + '\n' + kToken.toUtf8() + '\n');
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    QVERIFY(!set.out.contains(kToken) && !set.err.contains(kToken));
    QCOMPARE(shown(QStringLiteral("mirror.bearer_token")), QStringLiteral("(set, %1 characters)").arg(kToken.size()));
}

void TestCliSecrets::proxyPasswordOnlyFromStandardInput()
{
    const QString proxy = QStringLiteral("http://px:pr0xy-s3cret@proxy.example:3128");
    const CtlRun refused = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.proxy"), proxy},
                            kAdminPass.toUtf8() + '\n');
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("config set mirror.proxy -")), qPrintable(refused.err));
    QCOMPARE(shown(QStringLiteral("mirror.proxy")), QString());

    const CtlRun set = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.proxy"), QStringLiteral("-")},
                        kAdminPass.toUtf8() + '\n' + proxy.toUtf8() + '\n');
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    const QString masked = shown(QStringLiteral("mirror.proxy"));
    QVERIFY2(masked.contains(QStringLiteral("proxy.example:3128")) && !masked.contains(QStringLiteral("pr0xy-s3cret")),
             qPrintable(masked));

    // A proxy without a password is no secret: the command line is fine.
    const CtlRun plain = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.proxy"), QStringLiteral("proxy.example:3128")},
                          kAdminPass.toUtf8() + '\n');
    QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
}

void TestCliSecrets::baseUrlWithPasswordIsRefused()
{
    QVERIFY(ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.base_url"), QStringLiteral("https://ehr.example/fhir")},
                kAdminPass.toUtf8() + '\n')
                .exitCode == 0);
    const CtlRun set = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.base_url"),
                         QStringLiteral("https://svc:url-s3cret@ehr.example/fhir")},
                        kAdminPass.toUtf8() + '\n');
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains(QStringLiteral("password")), qPrintable(set.err));
    QVERIFY2(!set.err.contains(QStringLiteral("url-s3cret")), qPrintable(set.err));
    QCOMPARE(shown(QStringLiteral("mirror.base_url")), QStringLiteral("https://ehr.example/fhir")); // the old value stays
}

void TestCliSecrets::cleartextHttpToTheNetworkIsRefused()
{
    const CtlRun set = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.base_url"), QStringLiteral("http://ehr.example/fhir")},
                        kAdminPass.toUtf8() + '\n');
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains(QStringLiteral("https://")), qPrintable(set.err));
    QCOMPARE(shown(QStringLiteral("mirror.base_url")), QStringLiteral("https://ehr.example/fhir"));
    const CtlRun local = ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.base_url"), QStringLiteral("http://127.0.0.1:8080/fhir")},
                          kAdminPass.toUtf8() + '\n');
    QVERIFY2(local.exitCode == 0, qPrintable(local.err));
}

void TestCliSecrets::noteOnTheCommandLineIsRefused()
{
    const CtlRun decide = ctl({QStringLiteral("reconcile"), QStringLiteral("decide"), QStringLiteral("0f8c7a4e-1111-4222-8333-444455556666"),
                            QStringLiteral("upload-anyway"), QStringLiteral("--note"), QStringLiteral("patient said ...")},
                           kAdminPass.toUtf8() + '\n');
    QCOMPARE(decide.exitCode, 2);
    QVERIFY2(decide.err.contains(QStringLiteral("--note-file")), qPrintable(decide.err));
}

void TestCliSecrets::noteFileMustBeReadable()
{
    const CtlRun decide = ctl({QStringLiteral("reconcile"), QStringLiteral("decide"), QStringLiteral("0f8c7a4e-1111-4222-8333-444455556666"),
                            QStringLiteral("upload-anyway"), QStringLiteral("--note-file"), m_dir.filePath(QStringLiteral("absent.txt"))},
                           kAdminPass.toUtf8() + '\n');
    QCOMPARE(decide.exitCode, 2);
    QVERIFY2(decide.err.contains(QStringLiteral("cannot read the note file")), qPrintable(decide.err));
}

QTEST_GUILESS_MAIN(TestCliSecrets)
#include "test_cli_secrets.moc"
