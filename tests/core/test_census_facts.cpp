// Census facts: what each census type keeps beside its JSON, the census built
// from them agreeing with full charts over every foreign bundle, and the
// one-time derivation for a vault written before the facts existed.

#include "TestSupport.h"
#include "core/fhir/CensusFacts.h"
#include "core/import/Importer.h"
#include "core/records/CensusFactsBackfill.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"
#include "core/vault/Database.h"
#include "core/vault/Schema.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// The last given dose as the full chart shows it: the census' independent oracle.
QDateTime lastGivenInChart(const model::PatientChart& chart)
{
    QDateTime best;
    for (const auto& a : chart.administrations) {
        if (a.local || !a.isGiven())
            continue;
        const QDateTime at = a.givenAt().sortKey();
        if (at.isValid() && (!best.isValid() || best < at))
            best = at;
    }
    return best;
}

QString describe(const records::CensusRow& r)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
        .arg(r.patientId, r.ward, r.bed, r.locationIds.join(QLatin1Char(',')), QString::number(int(r.allergyStatus)),
             r.allergies.join(QLatin1Char(',')), QString::number(r.activeMedications),
             r.lastAdministration.toUTC().toString(Qt::ISODateWithMs));
}

QStringList describeAll(const QList<records::CensusRow>& rows)
{
    QStringList out;
    for (const records::CensusRow& r : rows)
        out << describe(r);
    return out;
}

} // namespace

class TestCensusFacts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factsPerType();
    void censusAgreesWithChartsOverForeignData();
    void olderVaultDerivesFactsOnce();
    void emptyVaultStartsCurrent();
};

void TestCensusFacts::factsPerType()
{
    using fhir::censusFacts;
    // Types the census does not read keep no facts at all (NULL in the vault, outside the index).
    QVERIFY(censusFacts(QStringLiteral("Observation"), json(R"({"resourceType":"Observation","id":"o"})")).isNull());
    // An ordinary Patient has empty facts: the census reads only merged-away and inactive ones.
    QCOMPARE(censusFacts(QStringLiteral("Patient"), json(R"({"resourceType":"Patient","id":"p"})")), QString(QLatin1String("")));

    const QJsonObject given = json(R"({"resourceType":"MedicationAdministration","id":"a","status":"completed",
        "medicationCodeableConcept":{"text":"Paracetamol 500 mg"},
        "effectiveDateTime":"2026-11-20T08:00:00+01:00","subject":{"reference":"Patient/p"}})");
    QCOMPARE(fhir::decodeAdministrationFacts(censusFacts(QStringLiteral("MedicationAdministration"), given)),
             QDateTime(QDate(2026, 11, 20), QTime(7, 0), Qt::UTC));
    QJsonObject notDone = given;
    notDone.insert(QStringLiteral("status"), QStringLiteral("not-done"));
    const QString notGiven = censusFacts(QStringLiteral("MedicationAdministration"), notDone);
    QVERIFY(!notGiven.isNull());
    QVERIFY(notGiven.isEmpty());
    // Only completed is given; a resource the chart cannot read carries the unreadable mark instead.
    QJsonObject running = given;
    running.insert(QStringLiteral("status"), QStringLiteral("in-progress"));
    QVERIFY(censusFacts(QStringLiteral("MedicationAdministration"), running).isEmpty());
    QJsonObject noDrug = given;
    noDrug.remove(QStringLiteral("medicationCodeableConcept"));
    QCOMPARE(censusFacts(QStringLiteral("MedicationAdministration"), noDrug), fhir::unreadableFact());
    QVERIFY(fhir::decodeAdministrationFacts(fhir::unreadableFact()).isNull() || !fhir::decodeAdministrationFacts(fhir::unreadableFact()).isValid());

    QCOMPARE(censusFacts(QStringLiteral("MedicationRequest"), json(R"({"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order",
        "medicationCodeableConcept":{"text":"Paracetamol 500 mg"},"subject":{"reference":"Patient/p"}})")),
             fhir::activeMedicationFact());
    QCOMPARE(censusFacts(QStringLiteral("MedicationRequest"), json(R"({"resourceType":"MedicationRequest","id":"m2","status":"stopped","intent":"order",
        "medicationCodeableConcept":{"text":"Paracetamol 500 mg"},"subject":{"reference":"Patient/p"}})")),
             QString(QLatin1String("")));

    const QJsonObject stay = json(R"({"resourceType":"Encounter","id":"e","status":"in-progress",
        "class":{"code":"IMP"},"subject":{"reference":"Patient/p"},
        "location":[{"location":{"reference":"Location/old-bed"},"status":"completed"},
                    {"location":{"reference":"Location/bed-7","display":"Bett 7"},"status":"active"}]})");
    auto encounter = fhir::decodeEncounterFacts(censusFacts(QStringLiteral("Encounter"), stay));
    QVERIFY(encounter);
    QCOMPARE(encounter->currentLocationId, QStringLiteral("bed-7"));
    QCOMPARE(encounter->currentDisplay, QStringLiteral("Bett 7"));
    QCOMPARE(encounter->locationIds, (QStringList{QStringLiteral("old-bed"), QStringLiteral("bed-7")}));
    QJsonObject finished = stay;
    finished.insert(QStringLiteral("status"), QStringLiteral("finished"));
    QVERIFY(!fhir::decodeEncounterFacts(censusFacts(QStringLiteral("Encounter"), finished)));

    // Separators inside values cannot break the encoding.
    const QJsonObject ward = json(R"({"resourceType":"Location","id":"w1","name":"Station\u001f3A",
        "physicalType":{"coding":[{"code":"wa"}]},"partOf":{"reference":"Location/house"}})");
    auto location = fhir::decodeLocationFacts(censusFacts(QStringLiteral("Location"), ward));
    QVERIFY(location);
    QCOMPARE(location->id, QStringLiteral("w1"));
    QCOMPARE(location->label, QStringLiteral("Station3A"));
    QVERIFY(location->ward);
    QCOMPARE(location->partOfId, QStringLiteral("house"));

    const QJsonObject allergy = json(R"({"resourceType":"AllergyIntolerance","id":"al",
        "identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:uuid:0c6e6c3e-8f7a-4a0c-9d55-0f3b3b7e1a11"}],
        "clinicalStatus":{"coding":[{"code":"active"}]},"code":{"text":"Penicillin"},"patient":{"reference":"Patient/p"}})");
    auto facts = fhir::decodeAllergyFacts(censusFacts(QStringLiteral("AllergyIntolerance"), allergy));
    QVERIFY(facts);
    QCOMPARE(int(facts->classification), int(model::AllergyClass::Recorded));
    QCOMPARE(facts->substance, QStringLiteral("Penicillin"));
    QCOMPARE(facts->knownKeys,
             (QStringList{QStringLiteral("al"), QStringLiteral("urn:uuid:0c6e6c3e-8f7a-4a0c-9d55-0f3b3b7e1a11")}));

    // Garbage never decodes into facts.
    QVERIFY(!fhir::decodeAllergyFacts(QStringLiteral("x")));
    QVERIFY(!fhir::decodeLocationFacts(QString()));
    QVERIFY(!fhir::decodeAdministrationFacts(QStringLiteral("soon")).isValid());
}

void TestCensusFacts::censusAgreesWithChartsOverForeignData()
{
    const QString data = test::fhirDataDir();
    if (!QDir(data).exists())
        QFAIL(qPrintable(test::fhirDataMissingMessage()));
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY(vault.ok());
    import::Importer importer(**vault);
    int files = 0;
    for (const QString& sub : {QStringLiteral("synthea"), QStringLiteral("ips"), QStringLiteral("kbv")}) {
        const QDir folder(data + QLatin1Char('/') + sub);
        for (const QString& name : folder.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            auto report = importer.importFile(folder.filePath(name));
            QVERIFY2(report.ok(), qPrintable(name));
            ++files;
        }
    }
    QVERIFY(files >= 20);
    // The foreign bundles record no administrations: give some patients doses in every state.
    auto before = records::CensusQuery(**vault).rows();
    QVERIFY(before.ok() && before->size() >= 3);
    for (int p = 0; p < 3; ++p) {
        const QString patient = before->at(p).patientId;
        const QStringList states{QStringLiteral("completed"), QStringLiteral("not-done"), QStringLiteral("entered-in-error"),
                                 QStringLiteral("completed")};
        for (int i = 0; i < states.size(); ++i) {
            QJsonObject administration{
                {QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                {QStringLiteral("id"), QStringLiteral("ma-%1-%2").arg(p).arg(i)},
                {QStringLiteral("status"), states.at(i)},
                {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Heparin")}}},
                {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patient)}}},
                // The not-done and withdrawn ones are the latest: they must not count as given.
                {QStringLiteral("effectiveDateTime"), QStringLiteral("2026-11-2%1T0%2:30:00+01:00").arg(p).arg(i == 3 ? 1 : 5 + i)}};
            QVERIFY(importer.importJson(QJsonDocument(administration).toJson()).ok());
        }
    }

    auto rows = records::CensusQuery(**vault).rows();
    QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
    QVERIFY(rows->size() >= 20);
    records::PatientRecords records(**vault);
    int withAllergies = 0, withMedications = 0, withAdministrations = 0;
    for (const records::CensusRow& r : std::as_const(*rows)) {
        auto chart = records.chart(r.patientId);
        QVERIFY(chart.ok());
        QCOMPARE(int(r.allergyStatus), int(chart->allergyStatus));
        QStringList substances;
        for (const model::Allergy& a : chart->recordedAllergies())
            substances << a.substance.displayText();
        substances.sort(Qt::CaseInsensitive);
        QCOMPARE(r.allergies, substances);
        QCOMPARE(r.activeMedications, qint64(chart->activeOrders().size()));
        QCOMPARE(r.lastAdministration, lastGivenInChart(*chart));
        withAllergies += r.allergies.isEmpty() ? 0 : 1;
        withMedications += r.activeMedications > 0 ? 1 : 0;
        withAdministrations += r.lastAdministration.isValid() ? 1 : 0;
    }
    // The comparison means something only if the data exercises each column.
    QVERIFY(withAllergies > 0);
    QVERIFY(withMedications > 0);
    QVERIFY(withAdministrations > 0);
}

void TestCensusFacts::olderVaultDerivesFactsOnce()
{
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY(vault.ok());
    import::Importer importer(**vault);
    const QDir folder(test::fhirDataDir() + QStringLiteral("/synthea"));
    const QStringList names = folder.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(names.size() >= 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY(importer.importFile(folder.filePath(names.at(i))).ok());
    auto fresh = records::CensusQuery(**vault).rows();
    QVERIFY(fresh.ok());

    // As a vault written before schema 6 looks after the migration: no facts, no version.
    vault::Database& db = (*vault)->db();
    QVERIFY(db.exec(QStringLiteral("UPDATE resource SET census = NULL")).ok());
    QVERIFY(db.exec(QStringLiteral("DELETE FROM meta WHERE key = 'census_facts_version'")).ok());
    auto withoutFacts = db.scalar(QStringLiteral("SELECT COUNT(*) FROM resource WHERE census IS NOT NULL"));
    QCOMPARE(withoutFacts->toInt(), 0);

    auto derived = records::CensusQuery(**vault).rows();
    QVERIFY(derived.ok());
    QCOMPARE(describeAll(*derived), describeAll(*fresh));
    QCOMPARE((*vault)->meta(QStringLiteral("census_facts_version")).value(), QString::number(fhir::kCensusFactsVersion));
    QCOMPARE(records::CensusFactsBackfill(**vault).ensure().value(), qint64(0)); // once only
}

void TestCensusFacts::emptyVaultStartsCurrent()
{
    QTemporaryDir dir;
    auto created = vault::Vault::create(dir.filePath(QStringLiteral("new.db")), test::fixedKey());
    QVERIFY(created.ok());
    // Current from the start: its first census derives nothing (schema migration 10).
    QCOMPARE((*created)->meta(QStringLiteral("census_facts_version")).value(), QString::number(fhir::kCensusFactsVersion));
    QCOMPARE(records::CensusFactsBackfill(**created).ensure().value(), qint64(0));

    // A vault with resources at schema 5 gets no version: its facts are derived on first use.
    const QString path = dir.filePath(QStringLiteral("old.db"));
    {
        auto db = vault::Database::open(path, test::fixedKey(), vault::Database::OpenMode::CreateNew);
        QVERIFY(db.ok());
        QVERIFY(vault::migrate(**db, 5).ok());
        QVERIFY((*db)->exec(QStringLiteral("INSERT INTO resource (type, id, patient_id, status, json) VALUES "
                                            "('MedicationRequest', 'm1', 'p1', 'active', '{}')"))
                    .ok());
    }
    auto upgraded = vault::Vault::open(path, test::fixedKey());
    QVERIFY(upgraded.ok());
    QCOMPARE((*upgraded)->meta(QStringLiteral("census_facts_version")).value(), QString());
    QCOMPARE(records::CensusFactsBackfill(**upgraded).ensure().value(), qint64(1));
}

QTEST_GUILESS_MAIN(TestCensusFacts)
#include "test_census_facts.moc"
