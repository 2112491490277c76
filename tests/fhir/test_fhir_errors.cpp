// Malformed and unsupported FHIR input: every problem is an InvalidInput
// error naming the resource (Type/id), the entry or line, and the field —
// never a value, which could be patient data. One broken entry does not
// stop the others.

#include "core/fhir/AllergyMapping.h"
#include "core/fhir/BundleReader.h"
#include "core/fhir/ChartBuilder.h"
#include "core/fhir/JsonSpan.h"
#include "core/fhir/MedicationMapping.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/ResourceIndex.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace lantern;
using namespace Qt::StringLiterals;

namespace {

// JSON written with single quotes (readable in C++ and safe for moc); \' stays a quote inside a string.
QByteArray json(const char* text)
{
    QByteArray out(text);
    out.replace("\\'", "\x01").replace('\'', '"').replace('\x01', "\\\"");
    return out;
}

QJsonObject parse(const char* text)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json(text), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("test JSON broken: %s", qPrintable(err.errorString()));
    return doc.object();
}

const char* kOrder = "{'resourceType': 'MedicationRequest', 'id': 'abc', 'status': 'active', 'intent': 'order',\n"
    "  'medicationCodeableConcept': {'text': 'Paracetamol 500 mg'},\n"
    "  'subject': {'reference': 'Patient/p1'},\n"
    "  'dosageInstruction': [{'text': '1-0-1', 'doseAndRate': [{'doseQuantity': {'value': 500, 'unit': 'mg'}}]}]}";

template <typename T>
void expectInvalid(const Result<T>& result, const QString& message)
{
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QCOMPARE(result.error().message, message);
}

} // namespace

class TestFhirErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wellFormedOrderMaps()
    {
        const Result<model::MedicationOrder> o = fhir::mapMedicationRequest(parse(kOrder));
        QVERIFY(o.ok());
        QCOMPARE(*o->dosages.first().dose.value, 500.0);
    }

    void wrongTypeNamesResourceAndField()
    {
        QJsonObject order = parse(kOrder);
        QJsonObject dosage = order[u"dosageInstruction"_s].toArray().at(0).toObject();
        dosage[u"doseAndRate"_s] = QJsonArray{QJsonObject{{u"doseQuantity"_s, QJsonObject{{u"value"_s, u"500"_s}}}}};
        order[u"dosageInstruction"_s] = QJsonArray{dosage};
        expectInvalid(fhir::mapMedicationRequest(order),
            u"MedicationRequest/abc: dosageInstruction[0].doseAndRate[0].doseQuantity.value is not a number"_s);

        order = parse(kOrder);
        order[u"status"_s] = 1;
        expectInvalid(fhir::mapMedicationRequest(order), u"MedicationRequest/abc: status is not a string"_s);
        order = parse(kOrder);
        order[u"dosageInstruction"_s] = QJsonObject();
        expectInvalid(fhir::mapMedicationRequest(order), u"MedicationRequest/abc: dosageInstruction is not an array"_s);
        order = parse(kOrder);
        order[u"authoredOn"_s] = u"yesterday"_s;
        expectInvalid(fhir::mapMedicationRequest(order), u"MedicationRequest/abc: authoredOn is not a valid FHIR date or dateTime"_s);
        order = parse(kOrder);
        order[u"authoredOn"_s] = u"2026-02-30"_s;
        QVERIFY(!fhir::mapMedicationRequest(order).ok());
        order = parse(kOrder);
        order.remove(u"medicationCodeableConcept"_s);
        expectInvalid(fhir::mapMedicationRequest(order), u"MedicationRequest/abc: medication[x] is missing"_s);
        order = parse(kOrder);
        order.remove(u"status"_s);
        expectInvalid(fhir::mapMedicationRequest(order), u"MedicationRequest/abc: status is missing"_s);
    }

    void missingOrInvalidId()
    {
        expectInvalid(fhir::mapPatient(parse("{'resourceType': 'Patient'}")), u"Patient/(no id): id is missing"_s);
        expectInvalid(fhir::mapPatient(parse("{'resourceType': 'Patient', 'id': 'a b!'}")),
            u"Patient/(invalid id): id is not a valid FHIR id (1-64 letters, digits, '-' or '.')"_s);
        expectInvalid(fhir::indexResource(parse("{'resourceType': 'Observation', 'status': 'final'}")),
            u"Observation/(no id): id is missing"_s);
        expectInvalid(fhir::indexResource(parse("{'id': 'x'}")), u"resource: resourceType is missing"_s);
    }

    void unsupportedResourceType()
    {
        expectInvalid(fhir::mapPatient(parse("{'resourceType': 'Observation', 'id': 'o1'}")),
            u"Observation/o1: resourceType is not Patient"_s);
        expectInvalid(fhir::indexResource(parse("{'resourceType': 'Banana', 'id': 'b1'}")),
            u"Banana: resourceType is not a FHIR R4 resource type"_s);
        const Result<fhir::FhirContent> read = fhir::BundleReader::read(json("{'resourceType': 'Banana', 'id': 'b1'}"));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    }

    void messagesCarryNoPatientData()
    {
        const QJsonObject patient = parse("{'resourceType': 'Patient', 'id': 'p1',\n"
    "            'name': [{'family': 'Geheimnisvoll', 'given': ['Erika']}], 'birthDate': '1970-13-45'}");
        const Result<model::Patient> p = fhir::mapPatient(patient);
        QVERIFY(!p.ok());
        QCOMPARE(p.error().message, u"Patient/p1: birthDate is not a valid FHIR date or dateTime"_s);
        QVERIFY(!p.error().message.contains(u"Geheimnisvoll"_s));
        QVERIFY(!p.error().message.contains(u"1970"_s));
    }

    void brokenJson()
    {
        const Result<fhir::FhirContent> read = fhir::BundleReader::read("{\"resourceType\": \"Patient\", \"id\": ");
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::InvalidInput);
        QVERIFY(read.error().message.startsWith(u"FHIR file is not valid JSON"_s));
        QVERIFY(!fhir::BundleReader::read("[1, 2]").ok());
        QVERIFY(!fhir::BundleReader::read(json("{'resourceType': 'Bundle', 'id': 'b', 'type': 'sideways'}")).ok());
        QVERIFY(!fhir::BundleReader::read(json("{'resourceType': 'Bundle', 'id': 'b', 'type': 'collection', 'entry': {}}")).ok());
    }

    void bundleWithOneBrokenEntryYieldsTheOthers()
    {
        const QByteArray bundle = json("{'resourceType': 'Bundle', 'id': 'b1', 'type': 'transaction', 'entry': [\n"
    "          {'fullUrl': 'urn:uuid:7a1c5c2e-0000-4000-8000-000000000001',\n"
    "           'resource': {'resourceType': 'Patient', 'id': '7a1c5c2e-0000-4000-8000-000000000001'},\n"
    "           'request': {'method': 'POST', 'url': 'Patient'}},\n"
    "          {'fullUrl': 'urn:uuid:7a1c5c2e-0000-4000-8000-000000000002',\n"
    "           'resource': {'resourceType': 'AllergyIntolerance', 'id': 'a2', 'patient': 'Patient/7a1c'}},\n"
    "          {'fullUrl': 'urn:uuid:7a1c5c2e-0000-4000-8000-000000000003',\n"
    "           'resource': {'resourceType': 'AllergyIntolerance', 'id': 'a3',\n"
    "                        'code': {'text': 'Penicillin \\'G\\' {not a brace}'},\n"
    "                        'patient': {'reference': 'urn:uuid:7a1c5c2e-0000-4000-8000-000000000001'}}},\n"
    "          'not an entry',\n"
    "          {'request': {'method': 'DELETE', 'url': 'Flag/f9'}}\n"
    "        ]}");
        const Result<fhir::FhirContent> read = fhir::BundleReader::read(bundle);
        QVERIFY(read.ok());
        QCOMPARE(read->bundleType, u"transaction"_s);
        QCOMPARE(read->errors.size(), 2);
        QCOMPARE(read->errors.at(0).position, 1);
        QCOMPARE(read->errors.at(0).error.message, u"entry[1]: AllergyIntolerance/a2: patient is not a Reference"_s);
        QCOMPARE(read->errors.at(1).error.message, u"entry[3] is not an object"_s);
        QCOMPARE(read->entries.size(), 3);
        const fhir::BundleEntry& allergy = read->entries.at(1);
        QCOMPARE(allergy.index.patientId, u"7a1c5c2e-0000-4000-8000-000000000001"_s);
        QVERIFY(allergy.rawVerbatim);
        QVERIFY(allergy.raw.startsWith("{\"resourceType\": \"AllergyIntolerance\", \"id\": \"a3\""));
        QCOMPARE(QJsonDocument::fromJson(allergy.raw).object(), allergy.resource);
        QVERIFY(read->entries.at(2).deleted);
        QCOMPARE(read->entries.at(2).index.typeAndId(), u"Flag/f9"_s);

        // The chart of that patient still builds, with the readable allergy.
        const model::PatientChart chart = fhir::buildChart(u"7a1c5c2e-0000-4000-8000-000000000001"_s,
            {read->entries.at(0).resource, read->entries.at(1).resource});
        QCOMPARE(chart.allergyStatus, model::AllergyStatus::HasAllergies);
    }

    void chartSkipsBrokenResources()
    {
        QJsonObject broken = parse(kOrder);
        broken[u"id"_s] = u"def"_s;
        broken[u"dosageInstruction"_s] = QJsonArray{QJsonObject{{u"timing"_s, QJsonObject{{u"repeat"_s,
            QJsonObject{{u"frequency"_s, 1.5}}}}}}};
        const model::PatientChart chart = fhir::buildChart(u"p1"_s, {parse(kOrder), broken});
        QCOMPARE(chart.orders.size(), 1);
        QCOMPARE(chart.skipped.size(), 1);
        QCOMPARE(chart.skipped.first().message,
            u"MedicationRequest/def: dosageInstruction[0].timing.repeat.frequency is not an integer"_s);
    }

    void medicationReferences()
    {
        QJsonObject order = parse(kOrder);
        order.remove(u"medicationCodeableConcept"_s);
        order[u"medicationReference"_s] = QJsonObject{{u"reference"_s, u"#missing"_s}};
        expectInvalid(fhir::mapMedicationRequest(order),
            u"MedicationRequest/abc: medicationReference.reference points to no contained resource"_s);

        order[u"medicationReference"_s] = QJsonObject{{u"reference"_s, u"Medication/m1"_s}};
        const auto brokenMedication = [](const QString&) {
            return std::optional<QJsonObject>(parse("{'resourceType': 'Medication', 'id': 'm1', 'code': {'coding': {}}}"));
        };
        expectInvalid(fhir::mapMedicationRequest(order, brokenMedication),
            u"MedicationRequest/abc: medicationReference points to a Medication that cannot be read "
            u"(Medication/m1: code.coding is not an array)"_s);
    }

    void ndjsonErrorsNameTheLine()
    {
        const QByteArray ndjson = "{\"resourceType\": \"Patient\", \"id\": \"p1\"}\n"
                                  "\n"
                                  "{\"resourceType\": \"Patient\", \"id\": \n"
                                  "{\"resourceType\": \"Flag\", \"id\": \"f1\", \"status\": 3}\n"
                                  "{\"resourceType\": \"Flag\", \"id\": \"f2\", \"status\": \"active\", \"subject\": {\"reference\": \"Patient/p1\"}}";
        const fhir::FhirContent content = fhir::BundleReader::readNdjson(ndjson);
        QCOMPARE(content.entries.size(), 2);
        QCOMPARE(content.entries.at(1).position, 5);
        QCOMPARE(content.entries.at(1).index.patientId, u"p1"_s);
        QCOMPARE(content.errors.size(), 2);
        QCOMPARE(content.errors.at(0).position, 3);
        QVERIFY(content.errors.at(0).error.message.startsWith(u"line 3 is not valid JSON"_s));
        QCOMPARE(content.errors.at(1).error.message, u"line 4: Flag/f1: status is not a string"_s);
    }

    void spanScannerFallsBackWhenAmbiguous()
    {
        const QByteArray duplicate = json("{'resourceType': 'Bundle', 'type': 'collection', 'entry': [\n"
    "            {'resource': {'resourceType': 'Basic', 'id': 'x1'}, 'resource': {'resourceType': 'Basic', 'id': 'x2'}}]}");
        const Result<fhir::FhirContent> read = fhir::BundleReader::read(duplicate);
        QVERIFY(read.ok());
        QCOMPARE(read->entries.size(), 1);
        QVERIFY(!read->entries.first().rawVerbatim);
        QCOMPARE(QJsonDocument::fromJson(read->entries.first().raw).object(), read->entries.first().resource);

        const std::optional<QList<fhir::JsonSpan>> spans = fhir::scanBundleResourceSpans(
            "{\"a\": \"]}\\\\\\\"\", \"entry\": [{\"resource\": {\"s\": \"}\\\"]\"}}, 7, {\"fullUrl\": \"u\"}]}");
        QVERIFY(spans.has_value());
        QCOMPARE(spans->size(), 3);
        QVERIFY(spans->at(0).isValid());
        QVERIFY(!spans->at(1).isValid());
        QVERIFY(!spans->at(2).isValid());
        QVERIFY(!fhir::scanBundleResourceSpans("{\"entry\": [ {\"resource\": ").has_value());
    }

    void referencesResolve()
    {
        fhir::ReferenceResolver refs;
        refs.add(u"urn:uuid:1"_s, u"Patient/abc"_s);
        QCOMPARE(refs.resolve(u"urn:uuid:1"_s), u"Patient/abc"_s);
        QCOMPARE(refs.resolve(u"urn:uuid:2"_s), QString());
        QCOMPARE(refs.resolve(u"Patient/x"_s), u"Patient/x"_s);
        QCOMPARE(refs.resolve(u"https://ehr.example/fhir/Patient/x/_history/3"_s), u"Patient/x"_s);
        QCOMPARE(refs.resolve(u"#med1"_s), QString());
        QCOMPARE(refs.resolve(u"Patient?identifier=123"_s), QString());
    }
};

QTEST_GUILESS_MAIN(TestFhirErrors)
#include "test_fhir_errors.moc"
