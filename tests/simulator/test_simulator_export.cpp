// lantern-ehr-sim Bulk Data export (kick-off, polling, NDJSON download) and
// loading foreign Synthea bundles onto a ward.
#include <SimServer.h>

#include <TestSupport.h>
#include "core/common/Clock.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace lantern;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

Reply http(quint16 port, const QByteArray& method, const QString& target, bool respondAsync = false)
{
    Reply r;
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest request(method.toStdString(), target.toStdString(), Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Accept", "application/fhir+json");
        if (respondAsync)
            request.set("Prefer", "respond-async");
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        r.status = response.getStatus();
        for (const auto& [name, value] : response)
            r.headers.insert(QByteArray::fromStdString(name).toLower(), QByteArray::fromStdString(value));
        std::string data;
        Poco::StreamCopier::copyToString(in, data);
        r.body = QByteArray::fromStdString(data);
    } catch (const Poco::Exception& e) {
        r.body = QByteArray::fromStdString(e.displayText());
    }
    return r;
}

QString pathOf(const QByteArray& url)
{
    const QString s = QString::fromUtf8(url);
    return s.mid(s.indexOf(u"/fhir/"_s));
}

} // namespace

class TestSimulatorExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void groupExportKickOffPollDownload();
    void exportFiltersByTypeAndSince();
    void exportNeedsRespondAsync();
    void syntheaBundleLandsOnAWard();

private:
    // Kicks off, polls to completion; returns the manifest (empty on failure).
    QJsonObject runExport(const QString& kickOff, int* inProgressPolls = nullptr);

    ManualClock m_clock;
    std::unique_ptr<sim::SimServer> m_server;
    quint16 m_port = 0;
    QString m_synthea;
};

void TestSimulatorExport::initTestCase()
{
    const QDir dir(test::fhirDataDir() + u"/synthea"_s);
    if (!dir.exists())
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    m_synthea = dir.filePath(u"Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json"_s);
    sim::SimulatorOptions options;
    options.generator.wards = 2;
    options.generator.patientsPerWard = 6;
    options.loadFiles = {m_synthea}; // what --load does
    m_server = std::make_unique<sim::SimServer>(options, m_clock);
    const auto started = m_server->start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    m_port = m_server->port();
}

void TestSimulatorExport::cleanupTestCase()
{
    m_server.reset();
}

QJsonObject TestSimulatorExport::runExport(const QString& kickOff, int* inProgressPolls)
{
    const Reply started = http(m_port, "GET", kickOff, true);
    if (started.status != 202)
        return {};
    const QString status = pathOf(started.headers.value("content-location"));
    int polls = 0;
    for (int i = 0; i < 200; ++i) {
        const Reply poll = http(m_port, "GET", status);
        if (poll.status == 200) {
            if (inProgressPolls)
                *inProgressPolls = polls;
            return poll.json();
        }
        if (poll.status != 202 || poll.headers.value("x-progress").isEmpty())
            return {};
        ++polls;
        QTest::qWait(20);
    }
    return {};
}

void TestSimulatorExport::groupExportKickOffPollDownload()
{
    const QJsonObject group = http(m_port, "GET", u"/fhir/Group/ward-1"_s).json();
    QSet<QString> members;
    for (const QJsonValue& m : group.value(u"member"_s).toArray())
        members.insert(m.toObject().value(u"entity"_s).toObject().value(u"reference"_s).toString());
    QVERIFY(members.size() >= 6);

    int inProgress = 0;
    const QJsonObject manifest = runExport(u"/fhir/Group/ward-1/$export"_s, &inProgress);
    QVERIFY(!manifest.isEmpty());
    QVERIFY(inProgress >= 1); // the asynchronous path was really taken
    QCOMPARE(manifest.value(u"transactionTime"_s).toString(), u"2026-03-01T08:00:00.000Z"_s);
    QCOMPARE(manifest.value(u"requiresAccessToken"_s).toBool(), false);
    QSet<QString> types;
    for (const QJsonValue& o : manifest.value(u"output"_s).toArray()) {
        const QJsonObject out = o.toObject();
        types.insert(out.value(u"type"_s).toString());
        const Reply file = http(m_port, "GET", pathOf(out.value(u"url"_s).toString().toUtf8()));
        QCOMPARE(file.status, 200);
        QVERIFY(file.headers.value("content-type").startsWith("application/fhir+ndjson"));
        const QList<QByteArray> lines = file.body.split('\n');
        QCOMPARE(lines.last(), QByteArray());
        QCOMPARE(lines.size() - 1, out.value(u"count"_s).toInt());
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QJsonObject r = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(r.value(u"resourceType"_s).toString(), out.value(u"type"_s).toString());
            const QString owner = r.value(u"resourceType"_s).toString() == u"Patient"_s
                ? u"Patient/"_s + r.value(u"id"_s).toString()
                : (r.contains(u"patient"_s) ? r.value(u"patient"_s) : r.value(u"subject"_s)).toObject().value(u"reference"_s).toString();
            QVERIFY2(members.contains(owner), qPrintable(owner));
        }
        if (out.value(u"type"_s).toString() == u"Patient"_s)
            QCOMPARE(out.value(u"count"_s).toInt(), int(members.size()));
    }
    for (const char* t : {"Patient", "Encounter", "MedicationRequest", "MedicationAdministration", "Observation"})
        QVERIFY2(types.contains(QString::fromLatin1(t)), t);
}

void TestSimulatorExport::exportFiltersByTypeAndSince()
{
    const QJsonObject typed = runExport(u"/fhir/Patient/$export?_type=Patient,AllergyIntolerance"_s);
    QSet<QString> types;
    int patients = 0;
    for (const QJsonValue& o : typed.value(u"output"_s).toArray()) {
        types.insert(o.toObject().value(u"type"_s).toString());
        if (o.toObject().value(u"type"_s).toString() == u"Patient"_s)
            patients = o.toObject().value(u"count"_s).toInt();
    }
    QCOMPARE(types, (QSet<QString>{u"Patient"_s, u"AllergyIntolerance"_s}));
    QCOMPARE(patients, m_server->simulator().store().counts().value(u"Patient"_s));

    m_clock.advanceSecs(3600);
    const QJsonObject none = runExport(u"/fhir/$export?_since=2026-03-01T08:30:00Z"_s);
    QVERIFY(none.contains(u"output"_s));
    QCOMPARE(none.value(u"output"_s).toArray().size(), 0);
    QVERIFY(http(m_port, "POST", u"/$sim/tick"_s).status == 200);
    const QJsonObject changed = runExport(u"/fhir/$export?_since=2026-03-01T08:30:00Z"_s);
    QVERIFY(!changed.value(u"output"_s).toArray().isEmpty());

    // A finished job can be deleted; afterwards its status is gone.
    const Reply started = http(m_port, "GET", u"/fhir/Group/ward-2/$export"_s, true);
    const QString status = pathOf(started.headers.value("content-location"));
    QCOMPARE(http(m_port, "DELETE", status).status, 202);
    QCOMPARE(http(m_port, "GET", status).status, 404);
}

void TestSimulatorExport::exportNeedsRespondAsync()
{
    QCOMPARE(http(m_port, "GET", u"/fhir/Group/ward-1/$export"_s).status, 400);
    QCOMPARE(http(m_port, "GET", u"/fhir/Group/no-such-ward/$export"_s, true).status, 404);
    QCOMPARE(http(m_port, "GET", u"/fhir/$export?_type=Nonsense"_s, true).status, 400);
    QCOMPARE(http(m_port, "GET", u"/fhir/$export-status/job-999"_s).status, 404);
}

void TestSimulatorExport::syntheaBundleLandsOnAWard()
{
    // Loaded at start (--load): the Synthea patient keeps its name, gets a server id and a bed.
    QString patientRef;
    const auto snapshot = m_server->simulator().store().exportSnapshot({});
    for (const QByteArray& json : snapshot.value(u"Patient"_s)) {
        const QJsonObject p = QJsonDocument::fromJson(json).object();
        if (p.value(u"name"_s).toArray().at(0).toObject().value(u"family"_s).toString() == u"Eichmann"_s)
            patientRef = u"Patient/"_s + p.value(u"id"_s).toString();
    }
    QVERIFY(!patientRef.isEmpty());
    QVERIFY(patientRef.startsWith(u"Patient/pat-"_s));

    const Reply stays = http(m_port, "GET", u"/fhir/Encounter?status=in-progress&patient="_s + patientRef);
    const QJsonArray entries = stays.json().value(u"entry"_s).toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonObject stay = entries.at(0).toObject().value(u"resource"_s).toObject();
    QCOMPARE(stay.value(u"class"_s).toObject().value(u"code"_s).toString(), u"IMP"_s);
    const QString ward = stay.value(u"location"_s).toArray().at(0).toObject().value(u"location"_s).toObject()
                             .value(u"reference"_s).toString();
    QVERIFY(ward.startsWith(u"Location/ward-"_s));
    const Reply group = http(m_port, "GET", u"/fhir/Group/"_s + ward.section(u'/', 1));
    QVERIFY(group.body.contains(patientRef.toUtf8()));

    // Every urn:uuid reference was rewritten to this server's Type/id.
    for (auto it = snapshot.begin(); it != snapshot.end(); ++it)
        for (const QByteArray& json : it.value())
            QVERIFY2(!json.contains("\"reference\":\"urn:uuid:"), qPrintable(it.key()));
    const Reply conditions = http(m_port, "GET", u"/fhir/Condition?patient="_s + patientRef);
    QVERIFY(conditions.json().value(u"total"_s).toInt() > 0);

    // Loading the same file again through the C++ API admits a second, separate patient.
    const auto report = m_server->simulator().loader().loadFile(m_synthea);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
    QCOMPARE(report->patients.size(), 1);
    QVERIFY(report->patients.first() != patientRef);
    QCOMPARE(report->encounters.size(), 1);
}

QTEST_GUILESS_MAIN(TestSimulatorExport)
#include "test_simulator_export.moc"
