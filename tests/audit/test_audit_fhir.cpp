// The audit chain exported as FHIR R4 AuditEvents: one resource per entry with
// the right codes, structurally valid, as Bundle and NDJSON, and re-verifiable
// from the export alone — edits to the export are detected like edits to the vault.

#include "AuditTestSupport.h"
#include "core/audit/AuditFhirExport.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace lantern;
using namespace lantern::audit;

class TestAuditFhir : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneResourcePerEntryWithCorrectFields();
    void resourcesAreStructurallyValid();
    void bundleAndNdjson();
    void exportReverifies();
    void editedExportDetected();
};

namespace {

const QString kDevice = QStringLiteral("ward-3b-workstation-1");

QString str(const QJsonValue& v)
{
    return v.toString();
}

QJsonObject obj(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toObject();
}

QJsonArray arr(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toArray();
}

// The chain extension's part `url`.
QJsonObject chainPart(const QJsonObject& event, const QString& url)
{
    const QJsonArray extensions = arr(event, "extension");
    for (const QJsonValue& ext : extensions) {
        if (str(ext.toObject().value(QStringLiteral("url"))) != QLatin1String(kAuditChainExtensionUrl))
            continue;
        const QJsonArray parts = arr(ext.toObject(), "extension");
        for (const QJsonValue& part : parts) {
            if (str(part.toObject().value(QStringLiteral("url"))) == url)
                return part.toObject();
        }
    }
    return {};
}

bool isCoding(const QJsonObject& coding)
{
    return !str(coding.value(QStringLiteral("system"))).isEmpty() && !str(coding.value(QStringLiteral("code"))).isEmpty();
}

// The R4 AuditEvent invariants a validator would check first: cardinalities and
// types of the required elements, value sets of the codes we fill.
QString structuralProblem(const QJsonObject& e)
{
    static const QRegularExpression instant(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"));
    static const QRegularExpression id(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    if (str(e.value(QStringLiteral("resourceType"))) != QStringLiteral("AuditEvent"))
        return QStringLiteral("resourceType");
    if (!id.match(str(e.value(QStringLiteral("id")))).hasMatch())
        return QStringLiteral("id");
    if (!e.value(QStringLiteral("type")).isObject() || !isCoding(obj(e, "type")))
        return QStringLiteral("type (1..1 Coding)");
    for (const QJsonValue& subtype : arr(e, "subtype")) {
        if (!isCoding(subtype.toObject()))
            return QStringLiteral("subtype (Coding)");
    }
    if (!QStringList{QStringLiteral("C"), QStringLiteral("R"), QStringLiteral("U"), QStringLiteral("D"), QStringLiteral("E")}
             .contains(str(e.value(QStringLiteral("action")))))
        return QStringLiteral("action");
    if (!instant.match(str(e.value(QStringLiteral("recorded")))).hasMatch())
        return QStringLiteral("recorded (1..1 instant)");
    if (!QStringList{QStringLiteral("0"), QStringLiteral("4"), QStringLiteral("8"), QStringLiteral("12")}.contains(
            str(e.value(QStringLiteral("outcome")))))
        return QStringLiteral("outcome");
    const QJsonArray agents = arr(e, "agent");
    if (agents.isEmpty())
        return QStringLiteral("agent (1..*)");
    for (const QJsonValue& agent : agents) {
        const QJsonObject a = agent.toObject();
        if (!a.value(QStringLiteral("requestor")).isBool())
            return QStringLiteral("agent.requestor (1..1 boolean)");
        if (str(obj(obj(a, "who"), "identifier").value(QStringLiteral("value"))).isEmpty())
            return QStringLiteral("agent.who");
    }
    const QJsonObject source = obj(e, "source");
    if (source.isEmpty() || obj(source, "observer").isEmpty())
        return QStringLiteral("source.observer (1..1 Reference)");
    for (const QJsonValue& type : arr(source, "type")) {
        if (!isCoding(type.toObject()))
            return QStringLiteral("source.type (Coding)");
    }
    for (const QJsonValue& entity : arr(e, "entity")) {
        const QJsonObject en = entity.toObject();
        if (!isCoding(obj(en, "type")) || !isCoding(obj(en, "role")))
            return QStringLiteral("entity.type / entity.role (Coding)");
    }
    for (const QJsonValue& ext : arr(e, "extension")) {
        if (str(ext.toObject().value(QStringLiteral("url"))).isEmpty())
            return QStringLiteral("extension.url");
    }
    return {};
}

Result<QJsonArray> exportAll(test::AuditFixture& f, qint64 from = 1, qint64 to = -1)
{
    AuditFhirExporter exporter(*f.vault, f.clock, kDevice);
    return exporter.auditEvents(from, to);
}

} // namespace

void TestAuditFhir::oneResourcePerEntryWithCorrectFields()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    auto events = exportAll(f);
    QVERIFY2(events.ok(), qPrintable(events.ok() ? QString() : events.error().message));
    QCOMPARE(events->size(), 120);

    vault::AuditRepository repository(*f.vault);
    const QList<AuditEntry> entries = repository.readEntries(1, 1000).value();
    QCOMPARE(entries.size(), 120);
    const QString vaultId = f.vault->meta(QStringLiteral("vault_id")).value();
    const QString dcm = QStringLiteral("http://dicom.nema.org/resources/ontology/DCM");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const AuditEntry& entry = entries.at(i);
        const QJsonObject e = events->at(i).toObject();
        QCOMPARE(str(e.value(QStringLiteral("id"))), QStringLiteral("%1-%2").arg(vaultId).arg(entry.seq));
        QCOMPARE(str(e.value(QStringLiteral("recorded"))), entry.time);
        QCOMPARE(str(obj(e, "type").value(QStringLiteral("system"))), dcm);
        QCOMPARE(str(obj(obj(arr(e, "agent").at(0).toObject(), "who"), "identifier").value(QStringLiteral("value"))),
                 entry.actor);
        QCOMPARE(arr(e, "agent").at(0).toObject().value(QStringLiteral("requestor")).toBool(), true);
        QCOMPARE(str(obj(obj(e, "source"), "observer").value(QStringLiteral("display"))), kDevice);
        QCOMPARE(str(obj(obj(obj(e, "source"), "observer"), "identifier").value(QStringLiteral("value"))),
                 QStringLiteral("urn:uuid:") + vaultId);
        const QString outcome = str(e.value(QStringLiteral("outcome")));
        QCOMPARE(outcome, entry.outcome == QStringLiteral("success") ? QStringLiteral("0")
                          : entry.outcome == QStringLiteral("denied") ? QStringLiteral("4")
                                                                      : QStringLiteral("8"));
        if (entry.patientId.isEmpty()) {
            QVERIFY(!e.contains(QStringLiteral("entity")));
        } else {
            QCOMPARE(str(obj(arr(e, "entity").at(0).toObject(), "what").value(QStringLiteral("reference"))),
                     QStringLiteral("Patient/") + entry.patientId);
        }
        QCOMPARE(str(e.value(QStringLiteral("outcomeDesc"))), entry.detail);
        bool hasLanternAction = false;
        for (const QJsonValue& subtype : arr(e, "subtype")) {
            if (str(subtype.toObject().value(QStringLiteral("system"))) == QLatin1String(kAuditActionSystem)) {
                QCOMPARE(str(subtype.toObject().value(QStringLiteral("code"))), entry.action);
                hasLanternAction = true;
            }
        }
        QVERIFY(hasLanternAction);
        QCOMPARE(chainPart(e, QStringLiteral("seq")).value(QStringLiteral("valueInteger")).toInteger(), entry.seq);
        QCOMPARE(str(chainPart(e, QStringLiteral("hash")).value(QStringLiteral("valueString"))),
                 QString::fromLatin1(entry.hash.toHex()));
        QCOMPARE(str(chainPart(e, QStringLiteral("prevHash")).value(QStringLiteral("valueString"))),
                 QString::fromLatin1(entry.prevHash.toHex()));
        QCOMPARE(chainPart(e, QStringLiteral("checkpoint")).isEmpty(), entry.seq != 100);
    }

    // Spot checks of the code mapping.
    auto codeOf = [&](qint64 seq) {
        const QJsonObject e = events->at(seq - 1).toObject();
        return std::make_pair(str(obj(e, "type").value(QStringLiteral("code"))), str(e.value(QStringLiteral("action"))));
    };
    QCOMPARE(entries.at(0).action, QStringLiteral("view-patient"));
    QCOMPARE(codeOf(1), std::make_pair(QStringLiteral("110110"), QStringLiteral("R")));
    QCOMPARE(entries.at(7).action, QStringLiteral("unlock"));
    QCOMPARE(codeOf(8), std::make_pair(QStringLiteral("110114"), QStringLiteral("E")));
    QCOMPARE(entries.at(2).action, QStringLiteral("record-entry"));
    QCOMPARE(codeOf(3), std::make_pair(QStringLiteral("110110"), QStringLiteral("C")));
    QCOMPARE(entries.at(6).action, QStringLiteral("export"));
    QCOMPARE(codeOf(7), std::make_pair(QStringLiteral("110106"), QStringLiteral("R")));

    // A range.
    auto range = exportAll(f, 50, 59);
    QVERIFY(range.ok());
    QCOMPARE(range->size(), 10);
    QCOMPARE(chainPart(range->at(0).toObject(), QStringLiteral("seq")).value(QStringLiteral("valueInteger")).toInteger(),
             qint64(50));
}

void TestAuditFhir::resourcesAreStructurallyValid()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(40));
    auto events = exportAll(f);
    QVERIFY(events.ok());
    for (const QJsonValue& event : std::as_const(*events)) {
        const QString problem = structuralProblem(event.toObject());
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("invalid AuditEvent: ") + problem + QStringLiteral(" in ") +
                                               QString::fromUtf8(QJsonDocument(event.toObject()).toJson())));
    }
}

void TestAuditFhir::bundleAndNdjson()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(30));
    AuditFhirExporter exporter(*f.vault, f.clock, kDevice);

    auto bundle = exporter.bundle();
    QVERIFY(bundle.ok());
    QCOMPARE(str(bundle->value(QStringLiteral("resourceType"))), QStringLiteral("Bundle"));
    QCOMPARE(str(bundle->value(QStringLiteral("type"))), QStringLiteral("collection"));
    QCOMPARE(str(bundle->value(QStringLiteral("timestamp"))), f.clock.now().toString(Qt::ISODateWithMs));
    QCOMPARE(arr(*bundle, "entry").size(), 30);
    QCOMPARE(auditEventsFromBundle(*bundle), exporter.auditEvents().value());

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(exporter.writeNdjson(buffer).ok());
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 31); // 30 lines and the empty rest after the final newline
    QVERIFY(lines.constLast().isEmpty());
    for (qsizetype i = 0; i < 30; ++i) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.object(), exporter.auditEvents().value().at(i).toObject());
    }
}

void TestAuditFhir::exportReverifies()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));
    const QByteArray publicKey = f.log->publicKey().value();
    AuditFhirExporter exporter(*f.vault, f.clock, kDevice);

    const VerificationReport whole = verifyFhirAuditExport(exporter.auditEvents().value(), publicKey);
    QVERIFY2(whole.ok, qPrintable(whole.message));
    QCOMPARE(whole.entriesChecked, qint64(250));
    QCOMPARE(whole.checkpointsChecked, qint64(2));

    const VerificationReport fromBundle = verifyFhirAuditExport(auditEventsFromBundle(exporter.bundle().value()), publicKey);
    QVERIFY2(fromBundle.ok, qPrintable(fromBundle.message));

    const VerificationReport partial = verifyFhirAuditExport(exporter.auditEvents(101, 220).value(), publicKey);
    QVERIFY2(partial.ok, qPrintable(partial.message));
    QCOMPARE(partial.entriesChecked, qint64(120));
    QCOMPARE(partial.checkpointsChecked, qint64(1));
    QVERIFY(partial.message.contains(QStringLiteral("starts at entry 101")));

    // Checked against someone else's key, the checkpoints fail.
    const VerificationReport wrongKey = verifyFhirAuditExport(exporter.auditEvents().value(), QByteArray(32, 'k'));
    QVERIFY(!wrongKey.ok);
    QCOMPARE(wrongKey.firstBadSeq, qint64(100));
}

void TestAuditFhir::editedExportDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(150));
    const QByteArray publicKey = f.log->publicKey().value();
    const QJsonArray original = exportAll(f).value();

    // A different actor.
    QJsonArray edited = original;
    QJsonObject e = edited.at(41).toObject();
    QJsonArray agents = arr(e, "agent");
    QJsonObject agent = agents.at(0).toObject();
    agent.insert(QStringLiteral("who"),
                 QJsonObject{{QStringLiteral("identifier"), QJsonObject{{QStringLiteral("value"), QStringLiteral("x")}}}});
    agents.replace(0, agent);
    e.insert(QStringLiteral("agent"), agents);
    edited.replace(41, e);
    VerificationReport report = verifyFhirAuditExport(edited, publicKey);
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadSeq, qint64(42));
    QVERIFY2(report.message.contains(QStringLiteral("entry 42 was altered")), qPrintable(report.message));

    // A different time.
    edited = original;
    e = edited.at(9).toObject();
    e.insert(QStringLiteral("recorded"), QStringLiteral("2026-03-02T08:00:00.000Z"));
    edited.replace(9, e);
    report = verifyFhirAuditExport(edited, publicKey);
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadSeq, qint64(10));

    // The patient reference removed.
    edited = original;
    e = edited.at(0).toObject();
    QVERIFY(e.contains(QStringLiteral("entity")));
    e.remove(QStringLiteral("entity"));
    edited.replace(0, e);
    report = verifyFhirAuditExport(edited, publicKey);
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadSeq, qint64(1));

    // A resource dropped.
    edited = original;
    edited.removeAt(16);
    report = verifyFhirAuditExport(edited, publicKey);
    QVERIFY(!report.ok);
    QVERIFY2(report.message.contains(QStringLiteral("entry 17 is missing")), qPrintable(report.message));

    // The chain extension stripped.
    edited = original;
    e = edited.at(5).toObject();
    e.remove(QStringLiteral("extension"));
    edited.replace(5, e);
    report = verifyFhirAuditExport(edited, publicKey);
    QVERIFY(!report.ok);
    QVERIFY2(report.message.contains(QStringLiteral("malformed")), qPrintable(report.message));
}

QTEST_GUILESS_MAIN(TestAuditFhir)
#include "test_audit_fhir.moc"
