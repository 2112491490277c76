#include "NetworkFaultRig.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUrlQuery>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>

namespace lantern::test {

namespace {

// A non-blocking connect to 127.0.0.1:port; true when it completed within `ms`.
bool connectsWithin(int fd, quint16 port, int ms)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
        return true;
    pollfd waiting{fd, POLLOUT, 0};
    if (::poll(&waiting, 1, ms) != 1)
        return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

} // namespace

StalledListener::StalledListener()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 0) != 0 || ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return;
    m_port = ntohs(address.sin_port);
    // Connect until one does not complete: from then on the queue is full.
    for (int i = 0; i < 8 && !m_ready; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return;
        m_ready = !connectsWithin(fd, m_port, 200);
        m_fillers.push_back(fd);
    }
}

StalledListener::~StalledListener()
{
    for (int fd : m_fillers)
        ::close(fd);
    if (m_listener >= 0)
        ::close(m_listener);
}

bool TestCertificates::openssl(const QStringList& arguments) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(5'000);
        qWarning("openssl %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAllStandardError().constData());
        return false;
    }
    return true;
}

bool TestCertificates::issue(const QString& name, const QString& commonName, const QString& subjectAltName) const
{
    QFile extensions(path(name + QStringLiteral(".ext")));
    if (!extensions.open(QIODevice::WriteOnly))
        return false;
    extensions.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=" + subjectAltName.toLatin1() + '\n');
    extensions.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".csr"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName}) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), name + QStringLiteral(".csr"),
                    QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-sha256"),
                    QStringLiteral("-extfile"), name + QStringLiteral(".ext"), QStringLiteral("-out"), name + QStringLiteral(".pem")});
}

bool TestCertificates::make()
{
    return m_dir.isValid() &&
           openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=Lantern Fault Matrix CA"), QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}) &&
           issue(QStringLiteral("loopback"), QStringLiteral("127.0.0.1"), QStringLiteral("IP:127.0.0.1")) &&
           issue(QStringLiteral("other"), QStringLiteral("ehr.other.example"), QStringLiteral("DNS:ehr.other.example"));
}

SmartFront::SmartFront(quint16 simulatorPort)
    : m_simulatorPort(simulatorPort), m_server([this](const RecordedRequest& request) { return handle(request); })
{
}

FakeResponse SmartFront::handle(const RecordedRequest& request)
{
    const QString path = request.path();
    if (path == QLatin1String("/fhir/.well-known/smart-configuration")) {
        const QJsonObject configuration{
            {QStringLiteral("token_endpoint"), m_server.url(QStringLiteral("/auth/token")).toString()},
            {QStringLiteral("token_endpoint_auth_methods_supported"), QJsonArray{QStringLiteral("private_key_jwt")}},
            {QStringLiteral("token_endpoint_auth_signing_alg_values_supported"),
             QJsonArray{QStringLiteral("RS384"), QStringLiteral("ES384")}}};
        return FakeResponse::json(200, QJsonDocument(configuration).toJson(QJsonDocument::Compact));
    }
    if (path == QLatin1String("/auth/token")) {
        const QUrlQuery form(QString::fromLatin1(request.body));
        if (form.queryItemValue(QStringLiteral("grant_type")) != QLatin1String("client_credentials") ||
            form.queryItemValue(QStringLiteral("client_assertion")).isEmpty())
            return FakeResponse::json(400, QByteArrayLiteral("{\"error\":\"invalid_request\"}"));
        const int number = ++m_issued;
        const QJsonObject answer{{QStringLiteral("access_token"), QStringLiteral("token-%1").arg(number)},
                                 {QStringLiteral("token_type"), QStringLiteral("bearer")},
                                 {QStringLiteral("expires_in"), 3600},
                                 {QStringLiteral("scope"), form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded)}};
        return FakeResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
    }
    const int newest = m_issued;
    const QByteArray expected = QByteArrayLiteral("Bearer token-") + QByteArray::number(newest);
    if (newest == 0 || newest <= m_expiredUpTo || request.header("Authorization") != expected) {
        ++m_unauthorized;
        return withHeader(FakeResponse::json(401, QByteArray()), "WWW-Authenticate",
                          "Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
    }
    return forward(request);
}

// To the simulator as it came (the Host header too, so its links point back
// here), without the credential and without compression.
FakeResponse SmartFront::forward(const RecordedRequest& request) const
{
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", m_simulatorPort);
        Poco::Net::HTTPRequest out(request.method.toStdString(), request.target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [name, value] : request.headers) {
            const QByteArray lower = name.toLower();
            if (lower != "authorization" && lower != "accept-encoding" && lower != "connection" && lower != "content-length")
                out.set(name.toStdString(), value.toStdString());
        }
        out.setContentLength(request.body.size());
        session.sendRequest(out).write(request.body.constData(), request.body.size());
        Poco::Net::HTTPResponse in;
        std::istream& body = session.receiveResponse(in);
        std::string text;
        Poco::StreamCopier::copyToString(body, text);
        FakeResponse answer;
        answer.status = int(in.getStatus());
        for (const auto& [name, value] : in) {
            const QByteArray lower = QByteArray::fromStdString(name).toLower();
            if (lower != "content-length" && lower != "connection" && lower != "transfer-encoding")
                answer.headers.append({QByteArray::fromStdString(name), QByteArray::fromStdString(value)});
        }
        answer.body = QByteArray::fromStdString(text);
        return answer;
    } catch (const Poco::Exception& e) {
        return FakeResponse::json(502, operationOutcome(QStringLiteral("error"), QStringLiteral("exception"),
                                                        QString::fromStdString(e.displayText())));
    }
}

} // namespace lantern::test
