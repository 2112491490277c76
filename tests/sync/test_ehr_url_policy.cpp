// The EHR URL policy (issue #10), on its own and where it is applied: the
// settings store (a real vault) and the mirror client (a setting stored before
// the policy existed is refused there too). http:// only to loopback, no
// user:password@ in mirror.base_url, secrets masked by `config show`.

#include "TestSupport.h"
#include "core/common/Clock.h"
#include "core/vault/Vault.h"
#include "sync/mirror/EhrUrlPolicy.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/mirror/MirrorConfigStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;

class TestEhrUrlPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void loopbackHosts();
    void baseUrl_data();
    void baseUrl();
    void storeRefusesAndKeepsTheOldValue();
    void clientRefusesAStoredCleartextUrl();
    void showMasksSecrets();
    void secretsAreNamed();

private:
    QString valueOf(const QString& key);
    QTemporaryDir m_dir;
    std::unique_ptr<vault::Vault> m_vault;
};

void TestEhrUrlPolicy::init()
{
    auto created = vault::Vault::create(m_dir.filePath(QStringLiteral("vault.db")), test::fixedKey());
    QVERIFY(created.ok());
    m_vault = std::move(*created);
}

void TestEhrUrlPolicy::cleanup()
{
    m_vault.reset();
    QFile::remove(m_dir.filePath(QStringLiteral("vault.db")));
}

QString TestEhrUrlPolicy::valueOf(const QString& key)
{
    auto shown = mirrorConfigForDisplay(*m_vault);
    if (!shown.ok())
        return QStringLiteral("(error)");
    for (const auto& [k, v] : std::as_const(*shown))
        if (k == key)
            return v;
    return QStringLiteral("(missing)");
}

void TestEhrUrlPolicy::loopbackHosts()
{
    for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1"})
        QVERIFY2(isLoopbackHost(QString::fromLatin1(host)), host);
    for (const char* host : {"ehr.example", "10.0.0.1", "128.0.0.1", "127.0.0.1.evil.example", "localhost.evil.example",
                             "127.0.0.256", "::2", ""})
        QVERIFY2(!isLoopbackHost(QString::fromLatin1(host)), host);
}

void TestEhrUrlPolicy::baseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("saying");
    QTest::newRow("https") << QStringLiteral("https://ehr.example/fhir/R4") << true << QString();
    QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/fhir") << true << QString();
    QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080/fhir") << true << QString();
    QTest::newRow("http ipv6 loopback") << QStringLiteral("http://[::1]:8080/fhir") << true << QString();
    QTest::newRow("not configured") << QString() << true << QString();
    QTest::newRow("http network") << QStringLiteral("http://ehr.example/fhir") << false << QStringLiteral("https://");
    QTest::newRow("http lan ip") << QStringLiteral("http://10.1.2.3/fhir") << false << QStringLiteral("in clear");
    QTest::newRow("password") << QStringLiteral("https://svc:s3cret@ehr.example/fhir") << false << QStringLiteral("password");
    QTest::newRow("user only") << QStringLiteral("https://svc@ehr.example/fhir") << false << QStringLiteral("user name");
    QTest::newRow("ftp") << QStringLiteral("ftp://ehr.example/fhir") << false << QStringLiteral("FHIR base URL");
}

void TestEhrUrlPolicy::baseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    QFETCH(QString, saying);
    const Status checked = checkEhrBaseUrl(QUrl(url));
    QCOMPARE(checked.ok(), accepted);
    if (!accepted) {
        QCOMPARE(checked.error().code, ErrorCode::InvalidInput);
        QVERIFY2(checked.error().message.contains(saying), qPrintable(checked.error().message));
        QVERIFY2(!checked.error().message.contains(QStringLiteral("s3cret")), qPrintable(checked.error().message));
    }
}

void TestEhrUrlPolicy::storeRefusesAndKeepsTheOldValue()
{
    const QString key = QStringLiteral("mirror.base_url");
    QVERIFY(setMirrorConfigValue(*m_vault, key, QStringLiteral("https://ehr.example/fhir")).ok());
    QVERIFY(!setMirrorConfigValue(*m_vault, key, QStringLiteral("http://ehr.example/fhir")).ok());
    QVERIFY(!setMirrorConfigValue(*m_vault, key, QStringLiteral("https://svc:s3cret@ehr.example/fhir")).ok());
    QCOMPARE(valueOf(key), QStringLiteral("https://ehr.example/fhir"));
}

void TestEhrUrlPolicy::clientRefusesAStoredCleartextUrl()
{
    // As a vault configured before the policy would hold it.
    MirrorConfig config;
    config.baseUrl = QUrl(QStringLiteral("http://ehr.example/fhir"));
    auto client = makeMirrorClient(config, SystemClock::instance(), {});
    QVERIFY(!client.ok());
    QVERIFY2(client.error().message.contains(QStringLiteral("in clear")), qPrintable(client.error().message));
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/fhir"));
    QVERIFY(makeMirrorClient(config, SystemClock::instance(), {}).ok());
}

void TestEhrUrlPolicy::showMasksSecrets()
{
    QVERIFY(setMirrorConfigValue(*m_vault, QStringLiteral("mirror.bearer_token"), QStringLiteral("tok-s3cret-123")).ok());
    QVERIFY(setMirrorConfigValue(*m_vault, QStringLiteral("mirror.proxy"), QStringLiteral("http://px:s3cret@proxy.example:3128")).ok());
    const QString token = valueOf(QStringLiteral("mirror.bearer_token"));
    const QString proxy = valueOf(QStringLiteral("mirror.proxy"));
    QCOMPARE(token, QStringLiteral("(set, 14 characters)"));
    QVERIFY2(!proxy.contains(QStringLiteral("s3cret")) && proxy.contains(QStringLiteral("proxy.example:3128")), qPrintable(proxy));
    QVERIFY2(proxy.contains(QStringLiteral("px:***@")), qPrintable(proxy));
}

void TestEhrUrlPolicy::secretsAreNamed()
{
    QVERIFY(isSecretSetting(QStringLiteral("mirror.bearer_token"), QStringLiteral("x")));
    QVERIFY(isSecretSetting(QStringLiteral("mirror.proxy"), QStringLiteral("http://px:pw@proxy.example:3128")));
    QVERIFY(isSecretSetting(QStringLiteral("mirror.proxy"), QStringLiteral("px:pw@proxy.example:3128")));
    QVERIFY(!isSecretSetting(QStringLiteral("mirror.proxy"), QStringLiteral("proxy.example:3128")));
    QVERIFY(!isSecretSetting(QStringLiteral("mirror.wards"), QStringLiteral("ward-3a")));
}

QTEST_GUILESS_MAIN(TestEhrUrlPolicy)
#include "test_ehr_url_policy.moc"
