#include "SyntheticBundleWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace lantern::bench {
namespace {

const char* const kFamilies[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
                                 "Smith", "Johnson", "Brown", "Okafor", "Nguyen", "Kowalski", "Yilmaz", "García"};
const char* const kGiven[] = {"Anna", "Jörg", "Maria", "Lukas", "Sophie", "Emre", "Grace", "Liam", "Zoë", "Paul"};
const char* const kDrugs[][2] = {{"C07AB02", "Metoprolol 47.5 mg"}, {"B01AB05", "Enoxaparin 40 mg"},
                                 {"A10AE04", "Insulin glargine"},  {"N02BB02", "Metamizole 500 mg"},
                                 {"A02BC02", "Pantoprazole 40 mg"}, {"J01CR02", "Amoxicillin/clavulanate"},
                                 {"C03CA01", "Furosemide 40 mg"},   {"N02AA01", "Morphine 10 mg"}};

QJsonObject meta(qint64 n)
{
    return {{QStringLiteral("versionId"), QString::number(1 + n % 3)},
            {QStringLiteral("lastUpdated"), QStringLiteral("2026-03-01T08:%1:00Z").arg(n % 60, 2, 10, QLatin1Char('0'))}};
}

QJsonObject ref(const QString& r)
{
    return {{QStringLiteral("reference"), r}};
}

QJsonObject codeable(const QString& system, const QString& code, const QString& display)
{
    return {{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), system},
                                                              {QStringLiteral("code"), code},
                                                              {QStringLiteral("display"), display}}}},
            {QStringLiteral("text"), display}};
}

class Writer
{
public:
    Writer(QFile& out, quint32 seed) : m_out(out), m_rng(seed) {}

    void resource(QJsonObject r)
    {
        r.insert(QStringLiteral("meta"), meta(m_count));
        m_out.write(QJsonDocument(r).toJson(QJsonDocument::Compact));
        m_out.write("\n", 1);
        ++m_count;
    }

    void patient(qint64 p)
    {
        const QString pid = QStringLiteral("pat-%1").arg(p);
        const QString subject = QStringLiteral("Patient/") + pid;
        resource({{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                  {QStringLiteral("id"), pid},
                  {QStringLiteral("identifier"),
                   QJsonArray{QJsonObject{{QStringLiteral("type"), codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
                                                                           QStringLiteral("MR"), QStringLiteral("MRN"))},
                                          {QStringLiteral("value"), QStringLiteral("M%1").arg(100000 + p)}}}},
                  {QStringLiteral("name"), QJsonArray{QJsonObject{
                                               {QStringLiteral("family"), QString::fromUtf8(kFamilies[m_rng.bounded(16)])},
                                               {QStringLiteral("given"), QJsonArray{QString::fromUtf8(kGiven[m_rng.bounded(10)])}}}}},
                  {QStringLiteral("birthDate"), QStringLiteral("19%1-0%2-1%3").arg(30 + m_rng.bounded(69)).arg(1 + m_rng.bounded(9)).arg(m_rng.bounded(10))},
                  {QStringLiteral("gender"), m_rng.bounded(2) ? QStringLiteral("female") : QStringLiteral("male")}});
        resource({{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                  {QStringLiteral("id"), QStringLiteral("enc-%1").arg(p)},
                  {QStringLiteral("status"), QStringLiteral("in-progress")},
                  {QStringLiteral("subject"), ref(subject)},
                  {QStringLiteral("location"), QJsonArray{QJsonObject{{QStringLiteral("location"), ref(QStringLiteral("Location/bed-%1").arg(p % 40))}}}}});
        for (int i = 0; i < 8; ++i) {
            const auto& drug = kDrugs[(p + i) % 8];
            resource({{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                      {QStringLiteral("id"), QStringLiteral("mr-%1-%2").arg(p).arg(i)},
                      {QStringLiteral("status"), i < 6 ? QStringLiteral("active") : QStringLiteral("stopped")},
                      {QStringLiteral("intent"), QStringLiteral("order")},
                      {QStringLiteral("subject"), ref(subject)},
                      {QStringLiteral("medicationCodeableConcept"),
                       codeable(QStringLiteral("http://www.whocc.no/atc"), QString::fromLatin1(drug[0]), QString::fromUtf8(drug[1]))},
                      {QStringLiteral("dosageInstruction"),
                       QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("1-0-1")},
                                              {QStringLiteral("doseAndRate"),
                                               QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"),
                                                                       QJsonObject{{QStringLiteral("value"), 1}, {QStringLiteral("unit"), QStringLiteral("tablet")}}}}}}}}}});
        }
        for (int i = 0; i < 30; ++i)
            resource({{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                      {QStringLiteral("id"), QStringLiteral("ma-%1-%2").arg(p).arg(i)},
                      {QStringLiteral("status"), QStringLiteral("completed")},
                      {QStringLiteral("subject"), ref(subject)},
                      {QStringLiteral("request"), ref(QStringLiteral("MedicationRequest/mr-%1-%2").arg(p).arg(i % 6))},
                      {QStringLiteral("medicationCodeableConcept"),
                       codeable(QStringLiteral("http://www.whocc.no/atc"), QString::fromLatin1(kDrugs[i % 8][0]), QString::fromUtf8(kDrugs[i % 8][1]))},
                      {QStringLiteral("effectiveDateTime"), QStringLiteral("2026-02-%1T%2:00:00Z").arg(20 + i / 6).arg(8 + (i % 6) * 2, 2, 10, QLatin1Char('0'))}});
        for (int i = 0; i < 2; ++i)
            resource({{QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
                      {QStringLiteral("id"), QStringLiteral("al-%1-%2").arg(p).arg(i)},
                      {QStringLiteral("patient"), ref(subject)},
                      {QStringLiteral("criticality"), QStringLiteral("high")},
                      {QStringLiteral("code"), codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("764146007"), QStringLiteral("Penicillin"))}});
        for (int i = 0; i < 3; ++i)
            resource({{QStringLiteral("resourceType"), QStringLiteral("Condition")},
                      {QStringLiteral("id"), QStringLiteral("co-%1-%2").arg(p).arg(i)},
                      {QStringLiteral("subject"), ref(subject)},
                      {QStringLiteral("code"), codeable(QStringLiteral("http://fhir.de/CodeSystem/bfarm/icd-10-gm"), QStringLiteral("I50.1%1").arg(i), QStringLiteral("Heart failure"))}});
        resource({{QStringLiteral("resourceType"), QStringLiteral("Device")},
                  {QStringLiteral("id"), QStringLiteral("dv-%1").arg(p)},
                  {QStringLiteral("patient"), ref(subject)},
                  {QStringLiteral("type"), codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("14106009"), QStringLiteral("Cardiac pacemaker"))}});
        for (int i = 0; i < 5; ++i)
            resource({{QStringLiteral("resourceType"), QStringLiteral("Observation")},
                      {QStringLiteral("id"), QStringLiteral("ob-%1-%2").arg(p).arg(i)},
                      {QStringLiteral("status"), QStringLiteral("final")},
                      {QStringLiteral("subject"), ref(subject)},
                      {QStringLiteral("code"), codeable(QStringLiteral("http://loinc.org"), QStringLiteral("8867-4"), QStringLiteral("Heart rate"))},
                      {QStringLiteral("valueQuantity"), QJsonObject{{QStringLiteral("value"), 60 + m_rng.bounded(40)}, {QStringLiteral("unit"), QStringLiteral("/min")}}}});
    }

    qint64 count() const { return m_count; }

private:
    QFile& m_out;
    QRandomGenerator m_rng;
    qint64 m_count = 0;
};

} // namespace

SyntheticCounts writeSyntheticNdjson(const QString& path, qint64 targetResources, quint32 seed)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    Writer writer(out, seed);
    SyntheticCounts counts;
    while (writer.count() < targetResources)
        writer.patient(counts.patients++);
    counts.resources = writer.count();
    return counts;
}

} // namespace lantern::bench
