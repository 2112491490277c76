// FHIR R4 mapping against foreign data: Synthea transaction bundles, IPS
// documents, KBV eRezept bundles and the R4 specification examples. Every
// file is read and every patient's chart built; allergy and active-medication
// counts must agree with an independent Python count (tests/tools/fhir_counts.py)
// and with values checked by hand.

#include "FhirTestData.h"
#include "TestConfig.h"
#include "TestSupport.h"
#include "core/fhir/AdministrationMapping.h"
#include "core/fhir/AllergyMapping.h"
#include "core/fhir/ChartBuilder.h"
#include "core/fhir/ClinicalMapping.h"
#include "core/fhir/CodeStatusMapping.h"
#include "core/fhir/MedicationMapping.h"
#include "core/fhir/PatientMapping.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace lantern;
using namespace Qt::StringLiterals;

namespace {

test::LoadedFhirFile load(const QString& relative)
{
    Result<test::LoadedFhirFile> file = test::loadFhirFile(test::fhirDataFile(relative));
    if (!file.ok())
        qFatal("%s: %s", qPrintable(relative), qPrintable(file.error().message));
    return std::move(file).value();
}

QJsonObject resourceOf(const QString& relative)
{
    return QJsonDocument::fromJson(test::readFile(test::fhirDataFile(relative))).object();
}

model::PatientChart chartOf(const QString& relative)
{
    const test::LoadedFhirFile file = load(relative);
    return file.chart(file.onlyPatient());
}

} // namespace

class TestFhirMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        for (const char* folder : {"synthea", "ips", "kbv", "r4-examples"}) {
            if (!QDir(test::fhirDataFile(QLatin1String(folder))).exists())
                QFAIL(qPrintable(test::fhirDataMissingMessage()));
        }
    }

    void everyFileReadsVerbatimAndMapsCleanly()
    {
        QMap<QString, int> perFolder;
        for (const QString& relative : test::allFhirDataFiles()) {
            const test::LoadedFhirFile file = load(relative);
            ++perFolder[relative.section(u'/', 0, 0)];
            for (const fhir::EntryError& e : file.content.errors)
                QFAIL(qPrintable(relative + u": "_s + e.error.message));
            QVERIFY2(!file.content.entries.isEmpty(), qPrintable(relative));
            for (const fhir::BundleEntry& e : file.content.entries) {
                QVERIFY2(e.rawVerbatim, qPrintable(relative));
                QCOMPARE(QJsonDocument::fromJson(e.raw).object(), e.resource);
                QVERIFY(!e.index.type.isEmpty() && !e.index.id.isEmpty());
            }
            QStringList problems;
            test::chartCounts(file, &problems);
            QVERIFY2(problems.isEmpty(), qPrintable(relative + u": "_s + problems.join(u"; "_s)));
        }
        QCOMPARE(perFolder.value(u"synthea"_s), 15);
        QCOMPARE(perFolder.value(u"ips"_s), 5);
        QCOMPARE(perFolder.value(u"kbv"_s), 10);
        QCOMPARE(perFolder.value(u"r4-examples"_s), 80);
    }

    void countsAgreeWithIndependentScript()
    {
        QProcess python;
        python.start(u"python3"_s, {QStringLiteral(LANTERN_SOURCE_DIR "/tests/tools/fhir_counts.py"), test::fhirDataDir()});
        QVERIFY2(python.waitForStarted(), "python3 is needed to run tests/tools/fhir_counts.py");
        python.waitForFinished(-1);
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
            python.readAllStandardError().constData());
        const QJsonObject expected = QJsonDocument::fromJson(python.readAllStandardOutput()).object();

        QJsonObject actual;
        QStringList problems;
        for (const QString& relative : test::allFhirDataFiles())
            actual.insert(relative, test::chartCounts(load(relative), &problems));
        QCOMPARE(actual.keys(), expected.keys());
        int patients = 0;
        for (const QString& file : expected.keys()) {
            const QJsonObject want = expected.value(file).toObject();
            const QJsonObject got = actual.value(file).toObject();
            QVERIFY2(got == want,
                qPrintable(file + u"\n  python:  "_s + QString::fromUtf8(QJsonDocument(want).toJson(QJsonDocument::Compact))
                    + u"\n  lantern: "_s + QString::fromUtf8(QJsonDocument(got).toJson(QJsonDocument::Compact))));
            patients += int(want.size());
        }
        QCOMPARE(patients, 108); // every file has one patient, except the two patient-less Device examples
    }

    // Counted by reading the JSON by hand (grep of AllergyIntolerance and MedicationRequest status).
    void spotValuesCheckedByHand_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("allergies");
        QTest::addColumn<int>("activeMeds");
        QTest::newRow("Judson") << u"synthea/Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json"_s << 7 << 1;
        QTest::newRow("Douglas") << u"synthea/Douglas_Walsh_aa28eaec-f043-4f55-bc22-a787edb0639e.json"_s << 3 << 8;
        QTest::newRow("Adolfo") << u"synthea/Adolfo_Marquardt_50635536-8051-4085-bfd4-511a05062ac2.json"_s << 1 << 1;
        QTest::newRow("ips-01") << u"ips/Bundle-IPS-examples-Bundle-01.json"_s << 1 << 2; // + one NKFA
        QTest::newRow("ips-all") << u"ips/Bundle-bundle-ips-all-sections.json"_s << 1 << 2; // 3 statements, 1 stopped
        QTest::newRow("ips-no-info") << u"ips/Bundle-bundle-no-info-required-sections.json"_s << 0 << 0;
        QTest::newRow("kbv-13") << u"kbv/Beispiel_13.json"_s << 0 << 1;
        QTest::newRow("r4-nkda") << u"r4-examples/AllergyIntolerance-nkda.json"_s << 0 << 0;
    }
    void spotValuesCheckedByHand()
    {
        QFETCH(QString, file);
        QFETCH(int, allergies);
        QFETCH(int, activeMeds);
        const model::PatientChart chart = chartOf(file);
        QCOMPARE(chart.recordedAllergies().size(), allergies);
        QCOMPARE(chart.activeOrders().size(), activeMeds);
    }

    void noKnownAllergiesIsNotNoInformation()
    {
        const struct { const char* file; model::NoKnownScope scope; } cases[] = {
            {"r4-examples/AllergyIntolerance-nka.json", model::NoKnownScope::All},
            {"r4-examples/AllergyIntolerance-nkda.json", model::NoKnownScope::Drug},
            {"r4-examples/AllergyIntolerance-nkla.json", model::NoKnownScope::Latex},
        };
        for (const auto& c : cases) {
            const Result<model::Allergy> a = fhir::mapAllergyIntolerance(resourceOf(QLatin1String(c.file)));
            QVERIFY2(a.ok(), c.file);
            QCOMPARE(a->classification, model::AllergyClass::NoKnownAllergies);
            QCOMPARE(a->noKnownScope, c.scope);
            QVERIFY(!fhir::isAllergy(resourceOf(QLatin1String(c.file))));
            QCOMPARE(chartOf(QLatin1String(c.file)).allergyStatus, model::AllergyStatus::NoKnownAllergies);
        }

        const model::PatientChart noInfo = chartOf(u"ips/Bundle-bundle-no-info-required-sections.json"_s);
        QCOMPARE(noInfo.allergyStatus, model::AllergyStatus::NoInformation);
        QVERIFY(noInfo.allergies.isEmpty());
        QVERIFY(std::any_of(noInfo.emptySections.cbegin(), noInfo.emptySections.cend(), [](const model::EmptySection& s) {
            return s.code == u"48765-2"_s && s.reasonCode == u"unavailable"_s;
        }));
        QVERIFY(noInfo.patient.has_value());

        // IPS: a penicillin allergy next to "no known food allergy" — the allergy wins.
        const model::PatientChart ips = chartOf(u"ips/Bundle-IPS-examples-Bundle-01.json"_s);
        QCOMPARE(ips.allergyStatus, model::AllergyStatus::HasAllergies);
        QCOMPARE(ips.allergies.size(), 2);
        QCOMPARE(ips.allergies.at(1).classification, model::AllergyClass::NoKnownAllergies);
        QCOMPARE(ips.allergies.at(1).noKnownScope, model::NoKnownScope::Food);
        QCOMPARE(ips.allergies.at(0).criticality, u"high"_s);

        // An IPS "no information" code, and an entered-in-error record.
        QJsonObject unknown = resourceOf(u"r4-examples/AllergyIntolerance-nka.json"_s);
        unknown[u"code"_s] = QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{
            {u"system"_s, u"http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"_s}, {u"code"_s, u"no-allergy-info"_s}}}}};
        QCOMPARE(fhir::mapAllergyIntolerance(unknown)->classification, model::AllergyClass::NoInformation);
        QCOMPARE(fhir::buildChart(u"mom"_s, {unknown}).allergyStatus, model::AllergyStatus::NoInformation);
        QJsonObject voided = resourceOf(u"r4-examples/AllergyIntolerance-example.json"_s);
        QVERIFY(fhir::isAllergy(voided));
        voided[u"verificationStatus"_s] = QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"code"_s, u"entered-in-error"_s}}}}};
        QVERIFY(!fhir::isAllergy(voided));
    }

    void recordedAllergyDetails()
    {
        const Result<model::Allergy> a = fhir::mapAllergyIntolerance(resourceOf(u"r4-examples/AllergyIntolerance-example.json"_s));
        QVERIFY(a.ok());
        QCOMPARE(a->classification, model::AllergyClass::Recorded);
        QCOMPARE(a->substance.displayText(), u"Cashew nuts"_s);
        QCOMPARE(a->categories, QStringList{u"food"_s});
        QCOMPARE(a->criticality, u"high"_s);
        QCOMPARE(a->clinicalStatus, u"active"_s);
        QCOMPARE(a->verificationStatus, u"confirmed"_s);
        QCOMPARE(a->reactions.size(), 2);
        QCOMPARE(a->reactions.at(0).manifestationText(), u"Anaphylactic reaction"_s);
        QCOMPARE(a->reactions.at(0).severity, u"severe"_s);
        QCOMPARE(a->onset.precision, model::When::Precision::Year);
    }

    void germanPrescription()
    {
        const test::LoadedFhirFile file = load(u"kbv/Beispiel_13.json"_s);
        const model::PatientChart chart = file.chart(file.onlyPatient());
        QVERIFY(chart.patient.has_value());
        QCOMPARE(chart.patient->kvnr(), u"K220635158"_s);
        QCOMPARE(chart.patient->name().family, u"K\u00f6nigsstein"_s);
        QCOMPARE(chart.orders.size(), 1);
        const model::MedicationOrder& order = chart.orders.first();
        QCOMPARE(order.medication.code(model::DrugCodeSystem::Pzn), u"01256262"_s);
        QCOMPARE(order.medication.text, u"Losartan STADA\u00ae 100mg 98 Filmtbl. N3"_s);
        QVERIFY(order.medication.resolved);
        QCOMPARE(order.authoredOn.text, u"2024-05-20"_s);
        QVERIFY(!order.prescriber.reference.isEmpty());
        // The stored bytes are the file's bytes: UTF-8 umlauts untouched.
        const auto patientEntry = std::find_if(file.content.entries.cbegin(), file.content.entries.cend(),
            [](const fhir::BundleEntry& e) { return e.index.type == u"Patient"_s; });
        QVERIFY(patientEntry->raw.contains("K\xc3\xb6nigsstein"));

        QCOMPARE(chartOf(u"kbv/Beispiel_14.json"_s).orders.first().medication.text, u"GONAL-f 150 I.E./0,25ml Injektionsl\u00f6sung"_s);
        const model::MedicationOrder prn = chartOf(u"kbv/Beispiel_11.json"_s).orders.first();
        QCOMPARE(prn.dosages.first().text, u"1x, im Bedarfsfall noch 1x nach 1h (max. 3 Stk in 48 h)"_s);
        // An active-ingredient prescription: no product code, named by its ingredient.
        const model::MedicationOrder ingredient = chartOf(u"kbv/Beispiel_16_Wirkstoffverordnung_AaV.json"_s).orders.first();
        QCOMPARE(ingredient.medication.text, u"Ibuprofen 600 mg/St\u00fcck"_s);
        QCOMPARE(ingredient.medication.form, u"Tabletten"_s);
    }

    void containedMedicationAndDosage()
    {
        Result<model::MedicationOrder> o = fhir::mapMedicationRequest(resourceOf(u"r4-examples/MedicationRequest-medrx0302.json"_s));
        QVERIFY(o.ok());
        QCOMPARE(o->medication.reference.reference, u"#med0320"_s);
        QCOMPARE(o->medication.text, u"Azithromycin 250mg capsule (product)"_s);
        QCOMPARE(o->medication.code(model::DrugCodeSystem::Snomed), u"324252006"_s);
        QVERIFY(o->isActive());
        QCOMPARE(o->dosages.size(), 2);
        QCOMPARE(*o->dosages.at(0).dose.value, 2.0);
        QCOMPARE(o->dosages.at(0).dose.unit, u"TAB"_s);
        QCOMPARE(o->dosages.at(0).route.displayText(), u"Oral Route"_s);
        QCOMPARE(*o->dosages.at(1).timing.frequency, 4);
        QCOMPARE(o->validity.end.date, QDate(2016, 1, 15));

        o = fhir::mapMedicationRequest(resourceOf(u"r4-examples/MedicationRequest-medrx0301.json"_s));
        QVERIFY(o.ok());
        QCOMPARE(o->medication.text, u"Oral Form Oxycodone (product)"_s);
        QVERIFY(o->isPrn());
        QVERIFY(!o->isActive()); // completed
        QCOMPARE(o->asNeededReasonText(), u"Rib Pain (finding)"_s);
        const model::Timing& t = o->dosages.first().timing;
        QCOMPARE(*t.period, 4.0);
        QCOMPARE(*t.periodMax, 6.0);
        QCOMPARE(t.periodUnit, u"h"_s);
        QCOMPARE(o->prescriber.display, u"Patrick Pump"_s);

        o = fhir::mapMedicationRequest(resourceOf(u"r4-examples/MedicationRequest-medrx0310.json"_s));
        QCOMPARE(*o->dosages.first().doseLow.value, 1.0);
        QCOMPARE(*o->dosages.first().doseHigh.value, 2.0);
        o = fhir::mapMedicationRequest(resourceOf(u"r4-examples/MedicationRequest-medrx0333.json"_s));
        QCOMPARE(o->dosages.first().timing.when, QStringList{u"MORN"_s});

        // A reference to a Medication nobody has: kept, marked unresolved, named by its display.
        o = fhir::mapMedicationRequest(resourceOf(u"r4-examples/MedicationRequest-medrx002.json"_s),
            [](const QString&) { return std::optional<QJsonObject>(); });
        QVERIFY(o.ok());
        QVERIFY(!o->medication.resolved);
        QCOMPARE(o->medication.text, u"prescribed medication"_s);

        // Synthea: RxNorm code, PRN flag without reason.
        const model::PatientChart judson = chartOf(u"synthea/Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json"_s);
        const model::MedicationOrder active = judson.activeOrders().first();
        QCOMPARE(active.medication.code(model::DrugCodeSystem::RxNorm), u"477045"_s);
        QVERIFY(active.isPrn());
    }

    void knownMedicationsFromIps()
    {
        const model::PatientChart chart = chartOf(u"ips/Bundle-IPS-examples-Bundle-01.json"_s);
        QCOMPARE(chart.orders.size(), 2);
        const model::MedicationOrder& first = chart.orders.first();
        QCOMPARE(first.source, model::MedicationOrder::Source::Statement);
        QVERIFY(first.medication.resolved); // urn:uuid reference to a Medication entry
        QCOMPARE(first.medication.code(model::DrugCodeSystem::Atc), u"L02BG03"_s);
        QCOMPARE(first.validity.start.precision, model::When::Precision::Month);
        QCOMPARE(chart.orders.at(1).medication.text, u"Black Cohosh Extract herbal supplement"_s);
    }

    void administrations()
    {
        QJsonObject json = resourceOf(u"r4-examples/MedicationAdministration-medadminexample03.json"_s);
        Result<model::MedicationAdministration> a = fhir::mapMedicationAdministration(json);
        QVERIFY(a.ok());
        QCOMPARE(a->status, u"on-hold"_s);
        QVERIFY(a->statusReasonText().contains(u"not done due to a contraindication"_s));
        QCOMPARE(a->request.reference, u"MedicationRequest/medrx0317"_s);
        QCOMPARE(a->givenAt().instant, QDateTime(QDate(2015, 1, 15), QTime(13, 30), Qt::UTC));
        QCOMPARE(a->medication.text, u"Alemtuzumab 10mg/ml (Lemtrada)"_s);

        json[u"status"_s] = u"not-done"_s; // the same record, reported as not done
        a = fhir::mapMedicationAdministration(json);
        QVERIFY(a->isNotDone());
        QVERIFY(!a->statusReasons.isEmpty());

        a = fhir::mapMedicationAdministration(resourceOf(u"r4-examples/MedicationAdministration-medadmin0306.json"_s));
        QCOMPARE(a->performer.display, u"Patrick Pump"_s);
        QCOMPARE(*a->dose.value, 2.0);
        QCOMPARE(a->route.displayText(), u"Oral Route"_s);
        const model::PatientChart chart = fhir::buildChart(u"pat1"_s,
            {resourceOf(u"r4-examples/MedicationRequest-medrx0302.json"_s),
                resourceOf(u"r4-examples/MedicationAdministration-medadmin0306.json"_s),
                resourceOf(u"r4-examples/MedicationAdministration-medadmin0303.json"_s)});
        QVERIFY(chart.skipped.isEmpty());
        QCOMPARE(chart.lastGiven(u"medrx0302"_s)->meta.id, u"medadmin0306"_s);
        QVERIFY(!chart.lastGiven(u"medrx0319"_s).has_value()); // only an entered-in-error one
    }

    void devicesAndImplants()
    {
        const model::PatientChart ips = chartOf(u"ips/Bundle-bundle-ips-all-sections.json"_s);
        QCOMPARE(ips.devices.size(), 1); // through a DeviceUseStatement; the Device names no patient
        QCOMPARE(ips.devices.first().kind, model::DeviceKind::Implant);
        QCOMPARE(ips.devices.first().display(), u"Hip prosthesis, device (physical object)"_s);
        QCOMPARE(ips.devices.first().useStatus, u"active"_s);

        const QJsonObject pacemaker{{u"resourceType"_s, u"Device"_s}, {u"id"_s, u"pm1"_s}, {u"status"_s, u"active"_s},
            {u"type"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://snomed.info/sct"_s},
                {u"code"_s, u"14106009"_s}, {u"display"_s, u"Cardiac pacemaker, device"_s}}}}}},
            {u"patient"_s, QJsonObject{{u"reference"_s, u"Patient/p1"_s}}}};
        const model::PatientChart chart = fhir::buildChart(u"p1"_s, {pacemaker});
        QCOMPARE(chart.devices.size(), 1);
        QCOMPARE(chart.devices.first().kind, model::DeviceKind::Pacemaker);
        QVERIFY(chart.devices.first().isImplant());

        const Result<model::Device> plain = fhir::mapDevice(resourceOf(u"r4-examples/Device-f001.json"_s));
        QCOMPARE(plain->kind, model::DeviceKind::Other);
        QCOMPARE(plain->status, u"active"_s);
    }

    void codeStatus()
    {
        const model::PatientChart ips = chartOf(u"ips/Bundle-bundle-ips-all-sections.json"_s);
        const std::optional<model::CodeStatus> cs = ips.currentCodeStatus();
        QVERIFY(cs.has_value());
        QCOMPARE(cs->decision, model::Resuscitation::DoNotResuscitate);
        QCOMPARE(cs->text, u"Not for resuscitation"_s);
        QCOMPARE(cs->directiveLocation, u"DocumentReference/advance-directive-123"_s);
        QCOMPARE(cs->date.date, QDate(2021, 9, 1));

        for (const QString& privacy : {u"r4-examples/Consent-consent-example-basic.json"_s, u"r4-examples/Consent-consent-example-Emergency.json"_s}) {
            QVERIFY(!fhir::isCodeStatusConsent(resourceOf(privacy)));
            QVERIFY(chartOf(privacy).codeStatus.isEmpty());
        }

        const QJsonObject observation{{u"resourceType"_s, u"Observation"_s}, {u"id"_s, u"cs1"_s}, {u"status"_s, u"final"_s},
            {u"code"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://loinc.org"_s}, {u"code"_s, u"100822-6"_s}}}}}},
            {u"subject"_s, QJsonObject{{u"reference"_s, u"Patient/p1"_s}}}, {u"effectiveDateTime"_s, u"2026-02-01T10:00:00+01:00"_s},
            {u"valueCodeableConcept"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"system"_s, u"http://snomed.info/sct"_s},
                {u"code"_s, u"450475007"_s}, {u"display"_s, u"For cardiopulmonary resuscitation"_s}}}}}}};
        const model::PatientChart chart = fhir::buildChart(u"p1"_s, {observation});
        QCOMPARE(chart.currentCodeStatus()->decision, model::Resuscitation::FullCode);
        QCOMPARE(chart.currentCodeStatus()->source, model::CodeStatus::Source::Observation);
    }

    void patientVitalsFlagsEncounters()
    {
        const model::PatientChart ips = chartOf(u"ips/Bundle-bundle-ips-all-sections.json"_s);
        QCOMPARE(ips.patient->birthDate.date, QDate(1956, 9, 30));
        QCOMPARE(ips.patient->sex, u"female"_s);
        QCOMPARE(ips.patient->contacts.size(), 1);
        QCOMPARE(ips.patient->contacts.first().relationships, QStringList{u"Emergency Contact"_s});
        QCOMPARE(ips.patient->contacts.first().phone, u"21884820"_s);
        QCOMPARE(*ips.vital(model::VitalKind::BloodPressure)->value.value, 140.0);
        QCOMPARE(*ips.vital(model::VitalKind::BloodPressure)->diastolic.value, 80.0);
        QCOMPARE(*ips.vital(model::VitalKind::Weight)->value.value, 91.5);
        QCOMPARE(ips.flags.size(), 1);
        QCOMPARE(ips.flags.first().text(), u"Shellfish free diet"_s);
        QCOMPARE(ips.conditions.size(), 4);

        const test::LoadedFhirFile file = load(u"synthea/Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json"_s);
        const model::PatientChart judson = file.chart(file.onlyPatient());
        QCOMPARE(judson.patient->mrn(), u"34d4fd7e-b2b6-42fc-adb5-09db196b8662"_s);
        QCOMPARE(judson.encounters.size(), 14);
        QVERIFY(judson.encounters.first().period.start.sortKey() >= judson.encounters.last().period.start.sortKey());
        // The latest body weight, found independently by scanning the file's Observations.
        QString latest;
        double latestValue = 0;
        for (const fhir::BundleEntry& e : file.content.entries) {
            const QJsonObject r = e.resource;
            if (r.value(u"code"_s).toObject().value(u"coding"_s).toArray().at(0).toObject().value(u"code"_s).toString() == u"29463-7"_s
                && r.value(u"effectiveDateTime"_s).toString() >= latest) {
                latest = r.value(u"effectiveDateTime"_s).toString();
                latestValue = r.value(u"valueQuantity"_s).toObject().value(u"value"_s).toDouble();
            }
        }
        QCOMPARE(judson.vital(model::VitalKind::Weight)->effective.text, latest);
        QCOMPARE(*judson.vital(model::VitalKind::Weight)->value.value, latestValue);

        const model::PatientChart flagged = chartOf(u"r4-examples/Flag-example.json"_s);
        QCOMPARE(flagged.flags.first().status, u"inactive"_s);
        QCOMPARE(flagged.flags.first().period.end.date, QDate(2016, 12, 1));
    }

    // Synthea has no ward placement: a bed and an in-progress stay built here.
    void censusBedAndEncounter()
    {
        const QJsonObject bed{{u"resourceType"_s, u"Location"_s}, {u"id"_s, u"bed-3a"_s}, {u"name"_s, u"Bett 3a"_s},
            {u"status"_s, u"active"_s}, {u"operationalStatus"_s, QJsonObject{{u"code"_s, u"O"_s}}},
            {u"physicalType"_s, QJsonObject{{u"coding"_s, QJsonArray{QJsonObject{{u"code"_s, u"bd"_s}, {u"display"_s, u"Bed"_s}}}}}},
            {u"partOf"_s, QJsonObject{{u"reference"_s, u"Location/room-3"_s}}}};
        const Result<model::Location> location = fhir::mapLocation(bed);
        QVERIFY(location.ok());
        QVERIFY(location->isBed());
        QCOMPARE(location->name, u"Bett 3a"_s);
        QCOMPARE(location->partOf.reference, u"Location/room-3"_s);

        const QList<QJsonObject> judson =
            load(u"synthea/Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json"_s).byPatient().first();
        QJsonObject stay = *std::find_if(judson.cbegin(), judson.cend(),
            [](const QJsonObject& r) { return r.value(u"resourceType"_s).toString() == u"Encounter"_s; });
        stay[u"status"_s] = u"in-progress"_s;
        stay[u"class"_s] = QJsonObject{{u"code"_s, u"IMP"_s}};
        stay[u"location"_s] = QJsonArray{
            QJsonObject{{u"location"_s, QJsonObject{{u"reference"_s, u"Location/bed-1b"_s}}}, {u"status"_s, u"completed"_s}},
            QJsonObject{{u"location"_s, QJsonObject{{u"reference"_s, u"Location/bed-3a"_s}}}, {u"status"_s, u"active"_s}}};
        const Result<model::Encounter> encounter = fhir::mapEncounter(stay);
        QVERIFY(encounter.ok());
        QVERIFY(encounter->isInProgress());
        QCOMPARE(encounter->classCode, u"IMP"_s);
        QCOMPARE(encounter->currentLocation().location.reference, u"Location/bed-3a"_s);
    }

    void ndjsonKeepsLinesVerbatim()
    {
        const test::LoadedFhirFile file = load(u"synthea/Clint_Champlin_4e83f4d0-0461-47bf-9711-292d8f5d69ff.json"_s);
        QByteArray ndjson;
        for (qsizetype i = 0; i < 40; ++i)
            ndjson += QJsonDocument(file.content.entries.at(i).resource).toJson(QJsonDocument::Compact) + "\r\n";
        const fhir::FhirContent content = fhir::BundleReader::readNdjson(ndjson);
        QVERIFY(content.errors.isEmpty());
        QCOMPARE(content.entries.size(), 40);
        QCOMPARE(content.entries.at(39).position, 40);
        QCOMPARE(QJsonDocument::fromJson(content.entries.at(7).raw).object(), file.content.entries.at(7).resource);
    }
};

QTEST_GUILESS_MAIN(TestFhirMapping)
#include "test_fhir_mapping.moc"
