// TLS: a CA and server certificates made with the openssl CLI at test time.
// The transport must refuse a server whose certificate chains to an unknown
// CA or names another host, and accept it once the CA bundle is configured.

#include "FakeHttpServer.h"

#include "sync/http/HttpTransport.h"

#include <Poco/Delegate.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/VerificationErrorArgs.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::sync;
using lantern::test::FakeHttpServer;
using lantern::test::FakeResponse;
using lantern::test::RecordedRequest;

namespace {

// What a careless component elsewhere in the process might install.
void acceptEverything(const void*, Poco::Net::VerificationErrorArgs& args)
{
    args.setIgnoreError(true);
}

} // namespace

class TestHttpsTransport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList& arguments)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral("openssl"), arguments);
        if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("openssl %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))), process.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // A server certificate for `subjectAltName`, signed by the test CA.
    bool issue(const QString& name, const QString& commonName, const QString& subjectAltName)
    {
        QFile extensions(path(name + QStringLiteral(".ext")));
        if (!extensions.open(QIODevice::WriteOnly))
            return false;
        extensions.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=" + subjectAltName.toLatin1() + '\n');
        extensions.close();
        return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".csr"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName}) &&
               openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                        QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                        QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-sha256"),
                        QStringLiteral("-extfile"), name + QStringLiteral(".ext"), QStringLiteral("-out"), name + QStringLiteral(".pem")});
    }

    static HttpResult get(const TlsSettings& tls, const QUrl& url)
    {
        HttpOptions options;
        options.tls = tls;
        auto transport = makeHttpTransport(options);
        if (!transport.ok())
            return HttpResult(transport.error(), false);
        HttpRequest request;
        request.url = url;
        return transport.value()->send(request);
    }

    static FakeResponse hello(const RecordedRequest&) { return FakeResponse::json(200, QByteArrayLiteral("{\"resourceType\":\"Patient\"}")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                         QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                         QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                         QStringLiteral("/CN=Lantern Test CA"), QStringLiteral("-addext"),
                         QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}));
        QVERIFY(issue(QStringLiteral("loopback"), QStringLiteral("127.0.0.1"), QStringLiteral("IP:127.0.0.1,DNS:localhost")));
        QVERIFY(issue(QStringLiteral("other"), QStringLiteral("ehr.example"), QStringLiteral("DNS:ehr.example")));
    }

    void refusesServerWithoutItsCa()
    {
        FakeHttpServer server(hello, path(QStringLiteral("loopback.pem")), path(QStringLiteral("loopback.key")));
        const HttpResult result = get({}, server.url(QStringLiteral("/fhir/metadata")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY(!result.transient());
        const QString expected = QStringLiteral("TLS certificate of 127.0.0.1:%1 could not be verified").arg(server.port());
        QVERIFY2(result.error().message.contains(expected), qPrintable(test::failureText(result)));
        QVERIFY(server.requests().isEmpty());
    }

    void processWideCertificateHandlersCannotRelaxVerification()
    {
        FakeHttpServer server(hello, path(QStringLiteral("loopback.pem")), path(QStringLiteral("loopback.key")));
        Poco::Net::SSLManager::instance().ClientVerificationError += Poco::delegate(&acceptEverything);
        const HttpResult result = get({}, server.url(QStringLiteral("/fhir/metadata")));
        Poco::Net::SSLManager::instance().ClientVerificationError -= Poco::delegate(&acceptEverything);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(QLatin1String("could not be verified")), qPrintable(result.error().message));
        QVERIFY(server.requests().isEmpty());
    }

    void acceptsServerWithCaBundle()
    {
        FakeHttpServer server(hello, path(QStringLiteral("loopback.pem")), path(QStringLiteral("loopback.key")));
        TlsSettings tls;
        tls.caBundleFile = path(QStringLiteral("ca.pem"));
        const HttpResult result = get(tls, server.url(QStringLiteral("/fhir/metadata")));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value().status, 200);
        QCOMPARE(result.value().body, QByteArray("{\"resourceType\":\"Patient\"}"));
        QCOMPARE(server.requests().size(), 1);
    }

    void refusesCertificateForAnotherHost()
    {
        FakeHttpServer server(hello, path(QStringLiteral("other.pem")), path(QStringLiteral("other.key")));
        TlsSettings tls;
        tls.caBundleFile = path(QStringLiteral("ca.pem"));
        const HttpResult result = get(tls, server.url(QStringLiteral("/fhir/metadata")));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::Network);
        QVERIFY2(result.error().message.contains(QLatin1String("could not be verified")), qPrintable(test::failureText(result)));
        QVERIFY(server.requests().isEmpty());
    }

    void missingCaBundleIsAConfigurationError()
    {
        HttpOptions options;
        options.tls.caBundleFile = path(QStringLiteral("does-not-exist.pem"));
        auto transport = makeHttpTransport(options);
        QVERIFY(!transport.ok());
        QCOMPARE(transport.error().code, ErrorCode::Io);
        QVERIFY(transport.error().message.contains(QLatin1String("does-not-exist.pem")));
    }
};

QTEST_GUILESS_MAIN(TestHttpsTransport)
#include "test_https_transport.moc"
