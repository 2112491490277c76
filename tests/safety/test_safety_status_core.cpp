// Issue 9, clinical truth (defects 2, 3 and 9), without widgets:
// - an administration's status means exactly one thing: only "completed" is a
//   dose given, for PatientChart::lastGiven and the census "last dose given"
//   alike (held, in progress, stopped, unknown and made-up codes are not);
// - a resource Lantern cannot read is listed as unreadable, and an unreadable
//   allergy record beside a "no known allergies" statement makes the allergy
//   state Unknown in chart and census, never NKA;
// - a Bundle entry that fails even indexing (importer, mirror) is kept in the
//   vault's quarantine and listed in its patient's chart.

#include "TestSupport.h"
#include "core/fhir/CensusFacts.h"
#include "core/import/Importer.h"
#include "sync/mirror/MirrorWriter.h"
#include "core/model/AdministrationStatus.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/QuarantineRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kPatient = QStringLiteral("pat-status");
const QString kOrder = QStringLiteral("mr-status");
const QDateTime kGiven(QDate(2026, 3, 29), QTime(0, 30), Qt::UTC); // the night Berlin moves its clocks forward
const QDateTime kLater(QDate(2026, 3, 29), QTime(4, 15), Qt::UTC);

QJsonObject ref(const QString& reference)
{
    return QJsonObject{{QStringLiteral("reference"), reference}};
}

QJsonObject patient()
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                       {QStringLiteral("id"), kPatient},
                       {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Status")},
                                                                       {QStringLiteral("given"), QJsonArray{QStringLiteral("Sam")}}}}},
                       {QStringLiteral("birthDate"), QStringLiteral("1950-01-01")}};
}

QJsonObject order()
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                       {QStringLiteral("id"), kOrder},
                       {QStringLiteral("status"), QStringLiteral("active")},
                       {QStringLiteral("intent"), QStringLiteral("order")},
                       {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Morphine 10 mg")}}},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + kPatient)}};
}

QJsonObject administration(const QString& id, const QString& status, const QDateTime& at)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("statusReason"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("Sedated")}}}},
                       {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Morphine 10 mg")}}},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + kPatient)},
                       {QStringLiteral("effectiveDateTime"), at.toString(Qt::ISODate)},
                       {QStringLiteral("request"), ref(QStringLiteral("MedicationRequest/") + kOrder)}};
}

QJsonObject allergy(const QString& id, const QString& code, const QString& display)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
        {QStringLiteral("id"), id},
        {QStringLiteral("clinicalStatus"),
         QJsonObject{{QStringLiteral("coding"),
                      QJsonArray{QJsonObject{{QStringLiteral("system"),
                                              QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical")},
                                             {QStringLiteral("code"), QStringLiteral("active")}}}}}},
        {QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"),
                                              QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://snomed.info/sct")},
                                                                     {QStringLiteral("code"), code},
                                                                     {QStringLiteral("display"), display}}}},
                                             {QStringLiteral("text"), display}}},
        {QStringLiteral("patient"), ref(QStringLiteral("Patient/") + kPatient)}};
}

// A penicillin allergy Lantern cannot map: its onset is not a date.
QJsonObject unreadablePenicillin()
{
    QJsonObject a = allergy(QStringLiteral("al-penicillin"), QStringLiteral("764146007"), QStringLiteral("Penicillin"));
    a.insert(QStringLiteral("onsetDateTime"), QStringLiteral("last spring"));
    return a;
}

// An IPS-like document whose allergy section says "nil known".
QJsonObject nilKnownComposition()
{
    const QJsonObject section{
        {QStringLiteral("title"), QStringLiteral("Allergies and Intolerances")},
        {QStringLiteral("code"), QJsonObject{{QStringLiteral("coding"),
                                              QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://loinc.org")},
                                                                     {QStringLiteral("code"), QStringLiteral("48765-2")}}}}}},
        {QStringLiteral("emptyReason"),
         QJsonObject{{QStringLiteral("coding"),
                      QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://terminology.hl7.org/CodeSystem/list-empty-reason")},
                                             {QStringLiteral("code"), QStringLiteral("nilknown")}}}}}}};
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Composition")},
                       {QStringLiteral("id"), QStringLiteral("ips-1")},
                       {QStringLiteral("status"), QStringLiteral("final")},
                       {QStringLiteral("type"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Patient summary")}}},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + kPatient)},
                       {QStringLiteral("date"), QStringLiteral("2026-03-01")},
                       {QStringLiteral("title"), QStringLiteral("Patient summary")},
                       {QStringLiteral("section"), QJsonArray{section}}};
}

QByteArray bundle(const QList<QJsonObject>& resources)
{
    QJsonArray entries;
    for (const QJsonObject& r : resources)
        entries.append(QJsonObject{{QStringLiteral("resource"), r}});
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

struct Vault
{
    QTemporaryDir dir;
    std::unique_ptr<vault::Vault> vault;

    bool create()
    {
        auto v = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
        if (!v.ok())
            return false;
        vault = std::move(*v);
        return true;
    }
    Result<import::ImportReport> import(const QList<QJsonObject>& resources)
    {
        return import::Importer(*vault).importJson(bundle(resources), QStringLiteral("test"));
    }
    std::optional<records::CensusRow> censusRow()
    {
        auto rows = records::CensusQuery(*vault).rows();
        if (!rows.ok())
            return std::nullopt;
        for (const records::CensusRow& r : *rows)
            if (r.patientId == kPatient)
                return r;
        return std::nullopt;
    }
};

bool listsUnreadable(const model::PatientChart& chart, const QString& type)
{
    for (const model::UnreadableResource& u : chart.unreadable)
        if (u.type == type && !u.reason.isEmpty())
            return true;
    return false;
}

} // namespace

class TestSafetyStatusCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachStatusMeansOneThing_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("kind");
        QTest::newRow("completed") << QStringLiteral("completed") << int(model::AdministrationStatus::Given);
        QTest::newRow("not-done") << QStringLiteral("not-done") << int(model::AdministrationStatus::NotGiven);
        QTest::newRow("on-hold") << QStringLiteral("on-hold") << int(model::AdministrationStatus::Held);
        QTest::newRow("in-progress") << QStringLiteral("in-progress") << int(model::AdministrationStatus::InProgress);
        QTest::newRow("stopped") << QStringLiteral("stopped") << int(model::AdministrationStatus::Stopped);
        QTest::newRow("unknown") << QStringLiteral("unknown") << int(model::AdministrationStatus::Unknown);
        QTest::newRow("entered-in-error") << QStringLiteral("entered-in-error") << int(model::AdministrationStatus::EnteredInError);
        QTest::newRow("made-up") << QStringLiteral("administered-maybe") << int(model::AdministrationStatus::Unknown);
        QTest::newRow("case differs") << QStringLiteral("Completed") << int(model::AdministrationStatus::Unknown);
        QTest::newRow("empty") << QString() << int(model::AdministrationStatus::Unknown);
    }

    void eachStatusMeansOneThing()
    {
        QFETCH(QString, code);
        QFETCH(int, kind);
        const auto status = model::administrationStatusOf(code);
        QCOMPARE(int(status), kind);
        const bool given = status == model::AdministrationStatus::Given;
        QCOMPARE(model::countsAsGiven(code), given);
        QCOMPARE(model::administrationStatusSymbol(status) == QStringLiteral("✓"), given);
        const QString words = model::administrationStatusWords(status, code);
        QVERIFY(!words.isEmpty());
        if (!given)
            QVERIFY2(!words.startsWith(QStringLiteral("given")), qPrintable(words));
        if (kind == int(model::AdministrationStatus::Unknown) && !code.isEmpty() && code != QStringLiteral("unknown"))
            QVERIFY2(words.contains(code), qPrintable(words)); // the raw code is named, never guessed
    }

    void onlyGivenIsLastGiven_data()
    {
        QTest::addColumn<QString>("status");
        for (const char* s : {"on-hold", "in-progress", "stopped", "unknown", "administered-maybe", "not-done"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }

    // A later administration that was not completed is never "last given", in the chart or the census.
    void onlyGivenIsLastGiven()
    {
        QFETCH(QString, status);
        Vault v;
        QVERIFY(v.create());
        auto report = v.import({patient(), order(), administration(QStringLiteral("ma-given"), QStringLiteral("completed"), kGiven),
                                administration(QStringLiteral("ma-other"), status, kLater)});
        QVERIFY(report.ok());
        QCOMPARE(report->skipped, qint64(0));

        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart.ok());
        QCOMPARE(chart->administrations.size(), 2);
        const auto last = chart->lastGiven(kOrder);
        QVERIFY(last.has_value());
        QCOMPARE(last->meta.id, QStringLiteral("ma-given"));
        QCOMPARE(last->givenAt().sortKey(), kGiven);

        const auto row = v.censusRow();
        QVERIFY(row.has_value());
        QCOMPARE(row->lastAdministration, kGiven);
    }

    // A vault whose facts were derived by an older Lantern (which counted "in-progress" as given) re-derives them.
    void olderFactsAreDerivedAgain()
    {
        Vault v;
        QVERIFY(v.create());
        QVERIFY(v.import({patient(), order(), administration(QStringLiteral("ma-given"), QStringLiteral("completed"), kGiven),
                          administration(QStringLiteral("ma-running"), QStringLiteral("in-progress"), kLater)})
                    .ok());
        vault::Database& db = v.vault->db();
        QVERIFY(db.exec(QStringLiteral("UPDATE resource SET census = '%1' WHERE id = 'ma-running'")
                            .arg(kLater.toString(Qt::ISODateWithMs)))
                    .ok());
        QVERIFY(v.vault->setMeta(QStringLiteral("census_facts_version"), QStringLiteral("1")).ok());
        const auto row = v.censusRow();
        QVERIFY(row.has_value());
        QCOMPARE(row->lastAdministration, kGiven);
        QCOMPARE(v.vault->meta(QStringLiteral("census_facts_version")).value(), QString::number(fhir::kCensusFactsVersion));
    }

    void unreadableAllergyBesideNoKnownAllergies_data()
    {
        QTest::addColumn<QJsonObject>("statement");
        QTest::newRow("IPS nilknown section") << nilKnownComposition();
        QTest::newRow("NKA code 716186003")
            << allergy(QStringLiteral("al-nka"), QStringLiteral("716186003"), QStringLiteral("No known allergy"));
    }

    void unreadableAllergyBesideNoKnownAllergies()
    {
        QFETCH(QJsonObject, statement);
        Vault v;
        QVERIFY(v.create());
        QVERIFY(v.import({patient(), order(), statement, unreadablePenicillin()}).ok());

        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart.ok());
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::Unknown));
        QVERIFY(listsUnreadable(*chart, QStringLiteral("AllergyIntolerance")));

        const auto row = v.censusRow();
        QVERIFY(row.has_value());
        QCOMPARE(int(row->allergyStatus), int(model::AllergyStatus::Unknown));
        QCOMPARE(row->unreadableResources, qint64(1));

        // Without the unreadable record the statement stands: the difference is that record alone.
        Vault clean;
        QVERIFY(clean.create());
        QVERIFY(clean.import({patient(), order(), statement}).ok());
        QCOMPARE(int(records::PatientRecords(*clean.vault).chart(kPatient)->allergyStatus),
                 int(model::AllergyStatus::NoKnownAllergies));
        QCOMPARE(int(clean.censusRow()->allergyStatus), int(model::AllergyStatus::NoKnownAllergies));
        QCOMPARE(clean.censusRow()->unreadableResources, qint64(0));
    }

    // An IPS document whose allergy section itself cannot be read: the state is unknown, not "no information".
    void unreadableAllergyDocument()
    {
        QJsonObject composition = nilKnownComposition();
        QJsonArray sections = composition.value(QStringLiteral("section")).toArray();
        QJsonObject section = sections.at(0).toObject();
        section.insert(QStringLiteral("title"), 42); // a title that is not a string: the section cannot be read
        sections[0] = section;
        composition.insert(QStringLiteral("section"), sections);
        Vault v;
        QVERIFY(v.create());
        QVERIFY(v.import({patient(), composition}).ok());
        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart.ok());
        QVERIFY(listsUnreadable(*chart, QStringLiteral("Composition")));
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::Unknown));
        QCOMPARE(int(v.censusRow()->allergyStatus), int(model::AllergyStatus::Unknown));
    }

    // A recorded allergy stays red beside an unreadable one; the unreadable one is still listed.
    void recordedAllergyStillWins()
    {
        Vault v;
        QVERIFY(v.create());
        QVERIFY(v.import({patient(), allergy(QStringLiteral("al-latex"), QStringLiteral("111088007"), QStringLiteral("Latex")),
                          unreadablePenicillin()})
                    .ok());
        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::HasAllergies));
        QVERIFY(listsUnreadable(*chart, QStringLiteral("AllergyIntolerance")));
        QCOMPARE(int(v.censusRow()->allergyStatus), int(model::AllergyStatus::HasAllergies));
        QCOMPARE(v.censusRow()->unreadableResources, qint64(1));
    }

    // Defect 9: one entry of a patient's Bundle that fails even indexing is kept, reported and listed.
    void malformedBundleEntryIsQuarantined()
    {
        QJsonObject broken = allergy(QStringLiteral("al-broken"), QStringLiteral("764146007"), QStringLiteral("Penicillin"));
        broken.insert(QStringLiteral("meta"), QStringLiteral("not an object")); // fails indexing, not only mapping
        Vault v;
        QVERIFY(v.create());
        auto report = v.import({patient(), order(), allergy(QStringLiteral("al-nka"), QStringLiteral("716186003"),
                                                            QStringLiteral("No known allergy")),
                                broken});
        QVERIFY(report.ok());
        QCOMPARE(report->skipped, qint64(1)); // still reported
        QCOMPARE(report->quarantined, qint64(1));
        QCOMPARE(report->problems.size(), 1);

        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart.ok());
        QCOMPARE(chart->orders.size(), 1);
        QVERIFY(listsUnreadable(*chart, QStringLiteral("AllergyIntolerance")));
        QVERIFY(chart->unreadable.first().quarantined);
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::Unknown));
        QCOMPARE(int(v.censusRow()->allergyStatus), int(model::AllergyStatus::Unknown));
        QCOMPARE(v.censusRow()->unreadableResources, qint64(1));

        // Imported twice: one row, not two.
        QVERIFY(v.import({broken}).ok());
        QCOMPARE(records::PatientRecords(*v.vault).chart(kPatient)->unreadable.size(), 1);

        // A readable version of the same resource releases the quarantined copy.
        QVERIFY(v.import({allergy(QStringLiteral("al-broken"), QStringLiteral("764146007"), QStringLiteral("Penicillin"))}).ok());
        chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart->unreadable.isEmpty());
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::HasAllergies));

        // Removing the patient (purge) removes what was quarantined for them.
        QVERIFY(v.import({broken}).ok());
        QCOMPARE(vault::QuarantineRepository(v.vault->db()).forPatient(kPatient)->size(), 1);
        QVERIFY(vault::ResourceRepository(v.vault->db()).remove(QStringLiteral("Patient"), kPatient).ok());
        QCOMPARE(vault::QuarantineRepository(v.vault->db()).forPatient(kPatient)->size(), 0);
    }

    // The mirror keeps an unindexable resource of a patient in scope, and skips others' as before.
    void mirrorQuarantinesUnindexableResource()
    {
        Vault v;
        QVERIFY(v.create());
        QVERIFY(v.import({patient()}).ok());
        QJsonObject broken = unreadablePenicillin();
        broken.insert(QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), 7}}); // versionId must be a string
        QJsonObject elsewhere = broken;
        elsewhere.insert(QStringLiteral("patient"), ref(QStringLiteral("Patient/out-of-scope")));

        vault::MirrorRepository mirror(v.vault->db());
        sync::MirrorWriter writer(*v.vault, mirror);
        sync::MirrorCycleReport report;
        const sync::ScopeFilter filter(QSet<QString>{kPatient}, {});
        QVERIFY(writer.commitPage({broken, elsewhere}, {}, filter, {}, report).ok());
        QCOMPARE(report.skipped, qint64(2));

        auto chart = records::PatientRecords(*v.vault).chart(kPatient);
        QVERIFY(chart.ok());
        QVERIFY(listsUnreadable(*chart, QStringLiteral("AllergyIntolerance")));
        QCOMPARE(int(chart->allergyStatus), int(model::AllergyStatus::Unknown));
        QVERIFY(vault::QuarantineRepository(v.vault->db()).forPatient(QStringLiteral("out-of-scope"))->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSafetyStatusCore)
#include "test_safety_status_core.moc"
