// The mirror service's Prometheus metrics end to end (#12 item 6): the service
// runs against the in-process simulator on loopback with service.metrics_port
// set to a free port; after a cycle a real HTTP GET /metrics returns the
// figures (EHR online, fresh data, requests counted, patients in scope), none
// of the simulator's patient ids, names or MRNs, and only on 127.0.0.1; once
// the service stops, the port is closed.

#include "MirrorTestSupport.h"

#include "core/access/VaultAccess.h"
#include "core/keys/KdfParameters.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/service/DeviceContext.h"
#include "sync/service/MirrorService.h"

#include <SimServer.h>
#include <Simulator.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetworkInterface.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace lantern;

namespace {

const QString kWard = QStringLiteral("ward-1");

quint16 freeLoopbackPort()
{
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    const quint16 port = probe.address().port();
    probe.close();
    return port;
}

struct Scrape
{
    int status = 0;
    QString contentType;
    QString body;
};

Scrape scrape(const std::string& host, quint16 port, const std::string& path = "/metrics")
{
    Poco::Net::HTTPClientSession session(host, port);
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream body;
    Poco::StreamCopier::copyStream(in, body);
    return {int(response.getStatus()), QString::fromStdString(response.getContentType()),
            QString::fromStdString(body.str())};
}

bool canConnect(const std::string& host, quint16 port)
{
    try {
        Poco::Net::StreamSocket s;
        s.connect(Poco::Net::SocketAddress(host, port), Poco::Timespan(2, 0));
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

// The value of an unlabelled sample, or of one with that label; NaN when absent.
double sampleValue(const QString& body, const QString& series)
{
    const QRegularExpression line(QStringLiteral("^") + QRegularExpression::escape(series) + QStringLiteral(" (\\S+)$"),
                                  QRegularExpression::MultilineOption);
    const auto m = line.match(body);
    return m.hasMatch() ? m.captured(1).toDouble() : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

class TestMirrorMetrics : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sim::SimServer> m_server;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        sim::SimulatorOptions options;
        options.generator.wards = 1;
        options.generator.patientsPerWard = 4;
        options.generator.seed = 23;
        m_server = std::make_unique<sim::SimServer>(options);
        auto started = m_server->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void servesFiguresOnLoopbackOnly()
    {
        const quint16 port = freeLoopbackPort();
        {
            access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
            auto admin = access.initialise(m_dir->path(), QStringLiteral("it-admin"), QStringLiteral("IT Admin"),
                                           QStringLiteral("Lantern-metrics-test-2026"));
            QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
            vault::Vault& v = admin->vault();
            QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.base_url"), m_server->baseUrl()).ok());
            QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.wards"), kWard).ok());
            QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("mirror.interval"), QStringLiteral("1")).ok());
            // Validated: off, or an unprivileged port.
            QVERIFY(!sync::setMirrorConfigValue(v, QStringLiteral("service.metrics_port"), QStringLiteral("80")).ok());
            QVERIFY(!sync::setMirrorConfigValue(v, QStringLiteral("service.metrics_port"), QStringLiteral("70000")).ok());
            QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("service.metrics_port"), QStringLiteral("0")).ok());
            QVERIFY(sync::setMirrorConfigValue(v, QStringLiteral("service.metrics_port"), QString::number(port)).ok());
        }
        auto device = sync::DeviceContext::open(m_dir->path());
        QVERIFY2(device.ok(), device.ok() ? "" : qPrintable(device.error().message));
        QCOMPARE(device->mirror.metricsPort, int(port));

        sync::MirrorService::Options options;
        options.beatSeconds = 1;
        options.adjust = [](sync::MirrorConfig& c) {
            c.connectTimeoutMs = 1000;
            c.readTimeoutMs = 5000;
            c.retryAttempts = 1;
        };
        auto service = std::make_unique<sync::MirrorService>(*device, SystemClock::instance(), options);
        QSignalSpy cycles(service.get(), &sync::MirrorService::cycleFinished);
        QSignalSpy finished(service.get(), &sync::MirrorService::finished);
        service->start();
        QCOMPARE(service->metricsPort(), port);
        QCOMPARE(service->metricsAddress(), QStringLiteral("127.0.0.1")); // bound to loopback, not the wildcard
        QVERIFY(cycles.wait(30000));
        QTest::qWait(1500); // the next heartbeat renders the figures again

        Scrape s;
        QTRY_VERIFY_WITH_TIMEOUT(sampleValue((s = scrape("127.0.0.1", port)).body, QStringLiteral("lantern_cycles_total")) >= 1,
                                 10000);
        QCOMPARE(s.status, 200);
        QVERIFY2(s.contentType.startsWith(QLatin1String("text/plain; version=0.0.4")), qPrintable(s.contentType));
        const QString& body = s.body;
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_ehr_state{state=\"online\"}")), 1.0);
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_ehr_state{state=\"downtime\"}")), 0.0);
        const double age = sampleValue(body, QStringLiteral("lantern_data_age_seconds{ward=\"ward-1\"}"));
        QVERIFY2(age >= 0 && age < 120, qPrintable(body));
        QVERIFY(sampleValue(body, QStringLiteral("lantern_ehr_requests_total")) > 0);
        QVERIFY(sampleValue(body, QStringLiteral("lantern_ehr_received_bytes_total")) > 0);
        QVERIFY(sampleValue(body, QStringLiteral("lantern_resources_mirrored_total")) > 0);
        QVERIFY(sampleValue(body, QStringLiteral("lantern_vault_resources")) > 0);
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_cycles_failed_total")), 0.0);
        QVERIFY(sampleValue(body, QStringLiteral("lantern_last_cycle_duration_seconds")) >= 0);
        QVERIFY(sampleValue(body, QStringLiteral("lantern_service_heartbeat_age_seconds")) < 30);
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_errors_total{kind=\"network\"}")), 0.0);
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_outbox_entries{state=\"pending\"}")), 0.0);
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_purge_guard_held_patients{ward=\"ward-1\"}")), 0.0);
        const QSet<QString> patients = test::patientsOnWards(m_server->simulator(), {kWard});
        QVERIFY(!patients.isEmpty());
        QCOMPARE(sampleValue(body, QStringLiteral("lantern_patients_in_scope")), double(patients.size()));

        // No patient data: none of the simulator's ids, names or MRNs.
        const QStringList identifying = test::patientIdentifyingStrings(m_server->simulator(), patients);
        QVERIFY(identifying.size() > patients.size()); // names and MRNs were found, not just ids
        for (const QString& word : identifying)
            QVERIFY2(!body.contains(word), qPrintable(QStringLiteral("metrics name a patient (%1 chars)").arg(word.size())));

        QCOMPARE(scrape("127.0.0.1", port, "/other").status, 404);

        // Not reachable through the machine's other addresses.
        int otherAddresses = 0;
        for (const Poco::Net::NetworkInterface& nic : Poco::Net::NetworkInterface::list()) {
            for (const auto& entry : nic.addressList()) {
                const Poco::Net::IPAddress& address = entry.get<Poco::Net::NetworkInterface::IP_ADDRESS>();
                if (address.family() != Poco::Net::IPAddress::IPv4 || address.isWildcard() || address.isLoopback())
                    continue;
                ++otherAddresses;
                QVERIFY2(!canConnect(address.toString(), port), address.toString().c_str());
            }
        }
        qInfo() << "checked" << otherAddresses << "non-loopback addresses";

        service->stop();
        QVERIFY(finished.wait(30000));
        QVERIFY2(!canConnect("127.0.0.1", port), "the metrics port stays open after the service stopped");
        service.reset();
    }
};

QTEST_GUILESS_MAIN(TestMirrorMetrics)
#include "test_mirror_metrics.moc"
