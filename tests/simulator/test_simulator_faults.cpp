// lantern-ehr-sim fault injection: every mode behaves as specified on the
// wire, the admin API stays reachable, and clearing a fault restores service.
#include <SimServer.h>

#include "core/common/Clock.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lantern;

namespace {

enum class Failure { None, Timeout, Refused, Other };

struct Reply
{
    int status = 0;
    QByteArray body;
    qint64 contentLength = -1;
    QByteArray contentType;
    QByteArray retryAfter;
    Failure failure = Failure::None;
    QString error;
    bool isJson() const
    {
        QJsonParseError e{};
        QJsonDocument::fromJson(body, &e);
        return e.error == QJsonParseError::NoError;
    }
};

Reply http(quint16 port, const QByteArray& method, const QString& target, const QByteArray& body = {},
    int timeoutMs = 10000)
{
    Reply r;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(0, timeoutMs * 1000L));
        Poco::Net::HTTPRequest request(method.toStdString(), target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
        if (!body.isEmpty()) {
            request.setContentType("application/json");
            request.setContentLength(body.size());
            session.sendRequest(request).write(body.constData(), body.size());
        } else {
            session.sendRequest(request);
        }
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        r.status = response.getStatus();
        r.contentLength = response.getContentLength64();
        r.contentType = QByteArray::fromStdString(response.getContentType());
        r.retryAfter = QByteArray::fromStdString(response.get("Retry-After", ""));
        std::string data;
        Poco::StreamCopier::copyToString(in, data);
        r.body = QByteArray::fromStdString(data);
    } catch (const Poco::TimeoutException& e) {
        r.failure = Failure::Timeout;
        r.error = QString::fromStdString(e.displayText());
    } catch (const Poco::Net::ConnectionRefusedException& e) {
        r.failure = Failure::Refused;
        r.error = QString::fromStdString(e.displayText());
    } catch (const Poco::Exception& e) {
        r.failure = Failure::Other;
        r.error = QString::fromStdString(e.displayText());
    }
    return r;
}

QByteArray faultJson(const char* mode, const QJsonObject& extra = {})
{
    QJsonObject o = extra;
    o.insert(u"mode"_s, QString::fromLatin1(mode));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSimulatorFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void downAnswers503WithOperationOutcome();
    void http503IsNotFhir();
    void http429CarriesRetryAfter();
    void slowDelaysEachResponse();
    void timeoutNeverAnswers();
    void truncatedBodyIsShort();
    void malformedJsonDoesNotParse();
    void refuseClosesTheListener();
    void refuseFromTheAdminPort();
    void percentageAffectsSomeRequests();
    void durationExpiresOnTheClock();
    void commandLineSpecParses();
    void dropLosesTheAnswerNotTheWrite();

private:
    ManualClock m_clock;
    std::unique_ptr<sim::SimServer> m_server;
    quint16 m_port = 0;
};

void TestSimulatorFaults::initTestCase()
{
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = 3;
    options.adminPort = 0;
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    const auto started = m_server->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_port = m_server->port();
    QVERIFY(m_server->adminPort() != 0 && m_server->adminPort() != m_port);
}

void TestSimulatorFaults::cleanupTestCase()
{
    m_server.reset();
}

void TestSimulatorFaults::cleanup()
{
    m_server->clearFault();
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 200);
}

void TestSimulatorFaults::downAnswers503WithOperationOutcome()
{
    QCOMPARE(http(m_port, "POST", u"/$sim/fault"_s, faultJson("down")).status, 200);
    const Reply r = http(m_port, "GET", u"/fhir/Patient/pat-1"_s);
    QCOMPARE(r.status, 503);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
    // The admin API is never faulted.
    const Reply status = http(m_port, "GET", u"/$sim/status"_s);
    QCOMPARE(status.status, 200);
    QCOMPARE(QJsonDocument::fromJson(status.body).object().value(u"fault"_s).toObject().value(u"mode"_s).toString(), u"down"_s);
    QCOMPARE(http(m_port, "DELETE", u"/$sim/fault"_s).status, 200);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 200);
}

void TestSimulatorFaults::http503IsNotFhir()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("503", {{u"retryAfterSeconds"_s, 7}}));
    const Reply r = http(m_port, "GET", u"/fhir/Patient/pat-1"_s);
    QCOMPARE(r.status, 503);
    QVERIFY(r.contentType.startsWith("text/html"));
    QCOMPARE(r.retryAfter, QByteArray("7"));
}

void TestSimulatorFaults::http429CarriesRetryAfter()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("429", {{u"retryAfterSeconds"_s, 3}}));
    const Reply r = http(m_port, "GET", u"/fhir/Patient?_count=1"_s);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.retryAfter, QByteArray("3"));
    QVERIFY(r.isJson());
}

void TestSimulatorFaults::slowDelaysEachResponse()
{
    // The delay is far longer than the client's patience: it gives up; a patient client gets the answer.
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("slow", {{u"delayMs"_s, 3000}}));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s, {}, 300).failure, Failure::Timeout);
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("slow", {{u"delayMs"_s, 50}}));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s, {}, 30000).status, 200);
}

void TestSimulatorFaults::timeoutNeverAnswers()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("timeout"));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s, {}, 500).failure, Failure::Timeout);
    QCOMPARE(http(m_port, "GET", u"/$sim/status"_s).status, 200);
}

void TestSimulatorFaults::truncatedBodyIsShort()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("truncated"));
    const Reply r = http(m_port, "GET", u"/fhir/Patient?_count=3"_s);
    // Either the client notices the early end itself, or it gets fewer bytes than promised.
    if (r.failure == Failure::None) {
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentLength > 0);
        QVERIFY2(r.body.size() < r.contentLength, qPrintable(QString::number(r.body.size())));
        QVERIFY(!r.isJson());
    } else {
        QCOMPARE(r.failure, Failure::Other);
    }
}

void TestSimulatorFaults::malformedJsonDoesNotParse()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("malformed"));
    const Reply r = http(m_port, "GET", u"/fhir/Patient/pat-1"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(qint64(r.body.size()), r.contentLength);
    QVERIFY(r.contentType.startsWith("application/fhir+json"));
    QVERIFY(!r.isJson());
}

void TestSimulatorFaults::refuseClosesTheListener()
{
    m_server->setFault({sim::FaultMode::Refuse});
    QVERIFY(!m_server->listening());
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).failure, Failure::Refused);
    m_server->clearFault();
    QVERIFY(m_server->listening());
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 200);
}

void TestSimulatorFaults::refuseFromTheAdminPort()
{
    const quint16 admin = m_server->adminPort();
    QCOMPARE(http(admin, "POST", u"/$sim/fault"_s, faultJson("refuse")).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->listening(), 10000);
    QCOMPARE(http(m_port, "GET", u"/fhir/metadata"_s).failure, Failure::Refused);
    QCOMPARE(http(admin, "GET", u"/fhir/metadata"_s).status, 404); // the admin listener serves /$sim only
    QCOMPARE(http(admin, "DELETE", u"/$sim/fault"_s).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->listening(), 10000);
    QCOMPARE(http(m_port, "GET", u"/fhir/metadata"_s).status, 200);
}

void TestSimulatorFaults::percentageAffectsSomeRequests()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("429", {{u"percent"_s, 50}}));
    int throttled = 0, served = 0;
    for (int i = 0; i < 40; ++i) {
        const int status = http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status;
        throttled += status == 429 ? 1 : 0;
        served += status == 200 ? 1 : 0;
    }
    QCOMPARE(throttled + served, 40);
    QVERIFY(throttled > 0);
    QVERIFY(served > 0);
}

void TestSimulatorFaults::durationExpiresOnTheClock()
{
    http(m_port, "POST", u"/$sim/fault"_s, faultJson("down", {{u"durationSeconds"_s, 60}}));
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 503);
    m_clock.advanceSecs(59);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 503);
    m_clock.advanceSecs(2);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 200);
}

void TestSimulatorFaults::commandLineSpecParses()
{
    const auto spec = sim::FaultSpec::parse(u"slow,delay=800,percent=25,duration=30"_s);
    QVERIFY(spec.ok());
    QCOMPARE(spec->mode, sim::FaultMode::Slow);
    QCOMPARE(spec->delayMs, 800);
    QCOMPARE(spec->percent, 25);
    QCOMPARE(spec->durationSeconds, 30);
    QVERIFY(!sim::FaultSpec::parse(u"meltdown"_s).ok());
    QVERIFY(!sim::FaultSpec::parse(u"429,percent=0"_s).ok());
    QCOMPARE(http(m_port, "POST", u"/$sim/fault"_s, faultJson("meltdown")).status, 400);
}

QTEST_GUILESS_MAIN(TestSimulatorFaults)
#include "test_simulator_faults.moc"

void TestSimulatorFaults::dropLosesTheAnswerNotTheWrite()
{
    // One request passes, then the connection is lost after the work is done.
    QCOMPARE(http(m_port, "POST", u"/$sim/fault"_s, faultJson("drop", {{u"afterRequests"_s, 1}})).status, 200);
    QCOMPARE(http(m_port, "GET", u"/fhir/Patient/pat-1"_s).status, 200);
    const QJsonObject note{{u"resourceType"_s, u"DocumentReference"_s}, {u"status"_s, u"current"_s},
        {u"subject"_s, QJsonObject{{u"reference"_s, u"Patient/pat-1"_s}}},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"urn:test:drop"_s}, {u"value"_s, u"drop-1"_s}}}}};
    const Reply lost = http(m_port, "POST", u"/fhir/DocumentReference"_s, QJsonDocument(note).toJson(QJsonDocument::Compact));
    QCOMPARE(lost.status, 0);
    QCOMPARE(lost.failure, Failure::Other);
    QCOMPARE(http(m_port, "DELETE", u"/$sim/fault"_s).status, 200);
    const Reply found = http(m_port, "GET", u"/fhir/DocumentReference?identifier=urn:test:drop|drop-1"_s);
    QCOMPARE(found.status, 200);
    QCOMPARE(QJsonDocument::fromJson(found.body).object().value(u"entry"_s).toArray().size(), 1);
    auto spec = sim::FaultSpec::parse(u"drop,after=5"_s);
    QVERIFY(spec.ok());
    QCOMPARE(spec->mode, sim::FaultMode::Drop);
    QCOMPARE(spec->afterRequests, 5);
}
