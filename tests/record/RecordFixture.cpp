#include "RecordFixture.h"

#include "core/access/User.h"
#include "core/import/Importer.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/UserRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace lantern::test {
namespace {

QJsonObject coding(const QString& system, const QString& code, const QString& display = {})
{
    QJsonObject c{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}};
    if (!display.isEmpty())
        c.insert(QStringLiteral("display"), display);
    return c;
}

QJsonObject codeable(const QJsonObject& c, const QString& text = {})
{
    QJsonObject o{{QStringLiteral("coding"), QJsonArray{c}}};
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    return o;
}

QJsonObject ref(const QString& r)
{
    return QJsonObject{{QStringLiteral("reference"), r}};
}

QString iso(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

const QString kAtc = QStringLiteral("http://www.whocc.no/atc");
const QString kSnomed = QStringLiteral("http://snomed.info/sct");

struct OrderSpec
{
    QString id;
    QString patient;
    QString status;
    QString atc;
    QString text;
    double dose;
    QString unit;
    QJsonObject timing;
    bool prn = false;
    QJsonObject maxPerPeriod;
};

QJsonObject order(const OrderSpec& o)
{
    QJsonObject dosage{{QStringLiteral("text"), o.text},
                       {QStringLiteral("timing"), o.timing},
                       {QStringLiteral("route"), codeable(coding(kSnomed, QStringLiteral("26643006"), QStringLiteral("Oral route")),
                                                         QStringLiteral("p.o."))},
                       {QStringLiteral("doseAndRate"),
                        QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"),
                                                QJsonObject{{QStringLiteral("value"), o.dose},
                                                            {QStringLiteral("unit"), o.unit},
                                                            {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                                                            {QStringLiteral("code"), o.unit}}}}}}};
    if (o.prn)
        dosage.insert(QStringLiteral("asNeededCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("bei Schmerzen")}});
    if (!o.maxPerPeriod.isEmpty())
        dosage.insert(QStringLiteral("maxDosePerPeriod"), o.maxPerPeriod);
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                       {QStringLiteral("id"), o.id},
                       {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("2")}}},
                       {QStringLiteral("status"), o.status},
                       {QStringLiteral("intent"), QStringLiteral("order")},
                       {QStringLiteral("medicationCodeableConcept"), codeable(coding(kAtc, o.atc), o.text)},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + o.patient)},
                       {QStringLiteral("encounter"), ref(QStringLiteral("Encounter/enc-") + o.patient)},
                       {QStringLiteral("dosageInstruction"), QJsonArray{dosage}}};
}

QJsonObject every(double hours, const QString& boundsEnd = {})
{
    QJsonObject repeat{{QStringLiteral("frequency"), 1}, {QStringLiteral("period"), hours}, {QStringLiteral("periodUnit"), QStringLiteral("h")}};
    if (!boundsEnd.isEmpty())
        repeat.insert(QStringLiteral("boundsPeriod"), QJsonObject{{QStringLiteral("end"), boundsEnd}});
    return QJsonObject{{QStringLiteral("repeat"), repeat}};
}

QJsonObject atTimes(const QStringList& times)
{
    return QJsonObject{{QStringLiteral("repeat"), QJsonObject{{QStringLiteral("frequency"), int(times.size())},
                                                              {QStringLiteral("period"), 1},
                                                              {QStringLiteral("periodUnit"), QStringLiteral("d")},
                                                              {QStringLiteral("timeOfDay"), QJsonArray::fromStringList(times)}}}};
}

QJsonObject given(const QString& id, const QString& patient, const QString& orderId, const QDateTime& at, double dose,
                  const QString& unit)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), QStringLiteral("completed")},
                       {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("given")}}},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patient)},
                       {QStringLiteral("effectiveDateTime"), iso(at)},
                       {QStringLiteral("request"), ref(QStringLiteral("MedicationRequest/") + orderId)},
                       {QStringLiteral("dosage"), QJsonObject{{QStringLiteral("dose"), QJsonObject{{QStringLiteral("value"), dose},
                                                                                                   {QStringLiteral("unit"), unit},
                                                                                                   {QStringLiteral("code"), unit}}}}}};
}

QJsonObject allergy(const QString& id, const QString& patient, const QJsonObject& code)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("clinicalStatus"),
                        codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"),
                                       QStringLiteral("active")))},
                       {QStringLiteral("verificationStatus"),
                        codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"),
                                       QStringLiteral("confirmed")))},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("patient"), ref(QStringLiteral("Patient/") + patient)}};
}

QJsonObject location(const QString& id, const QString& name, const QString& type, const QString& partOf = {})
{
    QJsonObject l{{QStringLiteral("resourceType"), QStringLiteral("Location")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("physicalType"),
                   codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type"), type))}};
    if (!partOf.isEmpty())
        l.insert(QStringLiteral("partOf"), ref(QStringLiteral("Location/") + partOf));
    return l;
}

QJsonObject patient(const QString& id, const QString& family, const QString& given, const QString& birthDate)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), family},
                                                                       {QStringLiteral("given"), QJsonArray{given}}}}},
                       {QStringLiteral("gender"), QStringLiteral("female")},
                       {QStringLiteral("birthDate"), birthDate}};
}

QJsonObject encounter(const QString& patientId, const QString& at)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                       {QStringLiteral("id"), QString(QStringLiteral("enc-") + patientId)},
                       {QStringLiteral("status"), QStringLiteral("in-progress")},
                       {QStringLiteral("class"), coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode"), QStringLiteral("IMP"))},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)},
                       {QStringLiteral("location"), QJsonArray{QJsonObject{{QStringLiteral("location"), ref(QStringLiteral("Location/") + at)},
                                                                           {QStringLiteral("status"), QStringLiteral("active")}}}}};
}

} // namespace

QJsonObject RecordFixture::wardBundle(const QDateTime& now)
{
    const QDateTime today = QDateTime(now.date(), QTime(0, 0), Qt::UTC);
    const QJsonObject mg4000perDay{{QStringLiteral("numerator"), QJsonObject{{QStringLiteral("value"), 4000},
                                                                             {QStringLiteral("unit"), QStringLiteral("mg")},
                                                                             {QStringLiteral("code"), QStringLiteral("mg")}}},
                                   {QStringLiteral("denominator"), QJsonObject{{QStringLiteral("value"), 1},
                                                                               {QStringLiteral("unit"), QStringLiteral("d")},
                                                                               {QStringLiteral("code"), QStringLiteral("d")}}}};
    const QList<QJsonObject> resources{
        location(kWard, QStringLiteral("Station 3B"), QStringLiteral("wa")),
        location(kBed, QStringLiteral("3B-01"), QStringLiteral("bd"), kWard),
        location(QStringLiteral("loc-bed-3b-02"), QStringLiteral("3B-02"), QStringLiteral("bd"), kWard),
        patient(kPatient, QStringLiteral("Muster"), QStringLiteral("Erika"), QStringLiteral("1950-04-01")),
        patient(kPatientNoAllergy, QStringLiteral("Beispiel"), QStringLiteral("Hanna"), QStringLiteral("1961-07-12")),
        encounter(kPatient, kBed),
        encounter(kPatientNoAllergy, QStringLiteral("loc-bed-3b-02")),
        order({kOrderAmoxicillin, kPatient, QStringLiteral("active"), QStringLiteral("J01CR02"),
               QStringLiteral("Amoxicillin/Clavulansäure 875 mg/125 mg"), 1, QStringLiteral("{tbl}"), every(8)}),
        order({kOrderEnoxaparin, kPatient, QStringLiteral("active"), QStringLiteral("B01AB05"),
               QStringLiteral("Enoxaparin 40 mg Fertigspritze"), 40, QStringLiteral("mg"), atTimes({QStringLiteral("20:00:00")})}),
        order({kOrderHeparin, kPatient, QStringLiteral("active"), QStringLiteral("B01AB01"),
               QStringLiteral("Heparin-Natrium 5.000 I.E."), 5000, QStringLiteral("[iU]"), every(8)}),
        order({kOrderParacetamol, kPatient, QStringLiteral("active"), QStringLiteral("N02BE01"),
               QStringLiteral("Paracetamol 500 mg Tablette"), 1000, QStringLiteral("mg"), every(6), true, mg4000perDay}),
        order({kOrderStopped, kPatient, QStringLiteral("stopped"), QStringLiteral("C07AB02"),
               QStringLiteral("Metoprolol 47,5 mg"), 47.5, QStringLiteral("mg"), every(12)}),
        order({kOrderEnded, kPatient, QStringLiteral("active"), QStringLiteral("C09AA05"), QStringLiteral("Ramipril 5 mg"), 5,
               QStringLiteral("mg"), every(24, iso(today.addSecs(-6 * 3600)))}),
        order({kOrderPat2, kPatientNoAllergy, QStringLiteral("active"), QStringLiteral("N02BE01"),
               QStringLiteral("Paracetamol 500 mg Tablette"), 1000, QStringLiteral("mg"),
               atTimes({QStringLiteral("08:00:00"), QStringLiteral("12:00:00"), QStringLiteral("18:00:00"),
                        QStringLiteral("22:00:00")})}),
        allergy(QStringLiteral("ai-pen"), kPatient,
                codeable(coding(kSnomed, QStringLiteral("764146007"), QStringLiteral("Penicillin (substance)")),
                        QStringLiteral("Penicillin"))),
        allergy(QStringLiteral("ai-hep"), kPatient, codeable(coding(kAtc, QStringLiteral("B01AB01"), QStringLiteral("heparin")),
                                                            QStringLiteral("Heparin (HIT II)"))),
        // Paracetamol at 09:00 (PRN q6h): a dose at 12:00 is too early.
        given(QStringLiteral("ma-para-0900"), kPatient, kOrderParacetamol, today.addSecs(9 * 3600), 1000, QStringLiteral("mg")),
        given(QStringLiteral("ma-p2-0800"), kPatientNoAllergy, kOrderPat2, today.addSecs(8 * 3600), 1000, QStringLiteral("mg")),
    };
    QJsonArray entries;
    for (const QJsonObject& r : resources)
        entries.append(QJsonObject{{QStringLiteral("resource"), r}});
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                       {QStringLiteral("type"), QStringLiteral("collection")},
                       {QStringLiteral("entry"), entries}};
}

bool RecordFixture::create()
{
    auto created = vault::Vault::create(path(), fixedKey());
    if (!created.ok()) {
        qWarning() << created.error().message;
        return false;
    }
    vault = std::move(*created);
    import::Importer importer(*vault);
    auto imported = importer.importJson(QJsonDocument(wardBundle(clock.now())).toJson());
    if (!imported.ok() || imported->skipped != 0) {
        qWarning() << "import failed" << (imported.ok() ? imported->problems.value(0).message : imported.error().message);
        return false;
    }
    vault::MirrorRepository mirror(vault->db());
    const QDateTime asOf = clock.now().addSecs(-3600);
    for (const QString& p : {kPatient, kPatientNoAllergy}) {
        if (!mirror.markInScope(p, kWard, asOf).ok())
            return false;
    }
    if (!mirror.setDataAsOf(kWard, asOf).ok())
        return false;
    vault::UserRepository users(*vault);
    const QList<access::User> people{
        {kNurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {kWard}, clock.now(), false},
        {kNurse2, QStringLiteral("Nils Koch"), access::Role::Nurse, {kWard}, clock.now(), false},
        {kPhysician, QStringLiteral("Dr. Wolf"), access::Role::Physician, {kWard}, clock.now(), false},
        {QStringLiteral("it.meyer"), QStringLiteral("IT Meyer"), access::Role::ItAdmin, {}, clock.now(), false},
    };
    for (const access::User& u : people) {
        const Status added = users.add(u);
        if (!added.ok()) {
            qWarning() << added.error().message;
            return false;
        }
    }
    return true;
}

bool RecordFixture::reopen()
{
    vault.reset();
    auto opened = vault::Vault::open(path(), fixedKey());
    if (!opened.ok()) {
        qWarning() << opened.error().message;
        return false;
    }
    vault = std::move(*opened);
    return true;
}

record::Recorder RecordFixture::recorder(const QString& author) const
{
    return record::Recorder(*vault, author, kDevice, kDowntime, clock);
}

} // namespace lantern::test
