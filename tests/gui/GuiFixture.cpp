#include "GuiFixture.h"

#include "core/import/Importer.h"
#include "core/keys/KdfParameters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::test {

const QString GuiFixture::kDowntimeId = QStringLiteral("5f2b8c1e-0d4a-4c7e-9a51-3b6e2f1d9c07");

sync::MirrorStatus GuiFixture::downtimeStatus(const QDateTime& now)
{
    sync::MirrorStatus s;
    s.state = sync::EhrState::Downtime;
    sync::DowntimeRecord d;
    d.id = QUuid(kDowntimeId);
    d.start = now.addSecs(-3600);
    s.downtime = d;
    s.stateSince = d.start;
    s.dataAsOf = now.addSecs(-3700);
    return s;
}

const QString GuiFixture::kNurse = QStringLiteral("jana.schulz");
const QString GuiFixture::kNursePass = QStringLiteral("Quiet-river-stones-42-north");
const QString GuiFixture::kPhysician = QStringLiteral("paul.berger");
const QString GuiFixture::kPhysicianPass = QStringLiteral("Amber-lantern-valley-77-west");
const QString GuiFixture::kErikaId = QStringLiteral("p-erika");
const QString GuiFixture::kMaxId = QStringLiteral("p-max");
const QString GuiFixture::kLenaId = QStringLiteral("p-lena");
const QString GuiFixture::kErikaFamily = QStringLiteral("Mustermann");

namespace {

const QString kAdminPass = QStringLiteral("Lantern-ward-3B-night-shift");

QJsonObject coding(const QString& system, const QString& code, const QString& display)
{
    return QJsonObject{{QStringLiteral("system"), system}, {QStringLiteral("code"), code}, {QStringLiteral("display"), display}};
}

QJsonObject codeable(const QString& system, const QString& code, const QString& display)
{
    return QJsonObject{{QStringLiteral("coding"), QJsonArray{coding(system, code, display)}}, {QStringLiteral("text"), display}};
}

QJsonObject ref(const QString& reference, const QString& display = {})
{
    QJsonObject o{{QStringLiteral("reference"), reference}};
    if (!display.isEmpty())
        o.insert(QStringLiteral("display"), display);
    return o;
}

QJsonObject location(const QString& id, const QString& name, const QString& type, const QString& partOf = {})
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("Location")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("status"), QStringLiteral("active")},
                  {QStringLiteral("physicalType"),
                   codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type"), type, type)}};
    if (!partOf.isEmpty())
        o.insert(QStringLiteral("partOf"), ref(QStringLiteral("Location/") + partOf));
    return o;
}

QJsonObject contact(const QString& family)
{
    QJsonObject relationship{{QStringLiteral("text"), QStringLiteral("Emergency Contact")}};
    QJsonObject name{{QStringLiteral("text"), QString(QStringLiteral("Kontakt ") + family)}};
    QJsonObject phone{{QStringLiteral("system"), QStringLiteral("phone")}, {QStringLiteral("value"), QStringLiteral("+49 30 1234567")}};
    QJsonObject c;
    c.insert(QStringLiteral("relationship"), QJsonArray{relationship});
    c.insert(QStringLiteral("name"), name);
    c.insert(QStringLiteral("telecom"), QJsonArray{phone});
    return c;
}

QJsonObject patient(const QString& id, const QString& family, const QString& given, const QString& sex,
                    const QString& birth, const QString& mrn)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("Patient")},
        {QStringLiteral("id"), id},
        {QStringLiteral("identifier"),
         QJsonArray{QJsonObject{{QStringLiteral("type"), codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
                                                                 QStringLiteral("MR"), QStringLiteral("Medical record number"))},
                                {QStringLiteral("system"), QStringLiteral("urn:oid:1.2.276.0.76.4.8")},
                                {QStringLiteral("value"), mrn}}}},
        {QStringLiteral("name"),
         QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("official")},
                                {QStringLiteral("family"), family},
                                {QStringLiteral("given"), QJsonArray{given}}}}},
        {QStringLiteral("gender"), sex},
        {QStringLiteral("birthDate"), birth},
        {QStringLiteral("contact"), QJsonArray{contact(family)}}};
}

QJsonObject encounter(const QString& id, const QString& patientId, const QString& bed)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), QStringLiteral("in-progress")},
                       {QStringLiteral("class"), coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode"),
                                                        QStringLiteral("IMP"), QStringLiteral("inpatient encounter"))},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)},
                       {QStringLiteral("location"),
                        QJsonArray{QJsonObject{{QStringLiteral("location"), ref(QStringLiteral("Location/") + bed)},
                                               {QStringLiteral("status"), QStringLiteral("active")}}}}};
}

QJsonObject allergy(const QString& id, const QString& patientId, const QString& code, const QString& display,
                    bool withReaction)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("clinicalStatus"),
                   codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"),
                           QStringLiteral("active"), QStringLiteral("Active"))},
                  {QStringLiteral("verificationStatus"),
                   codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"),
                           QStringLiteral("confirmed"), QStringLiteral("Confirmed"))},
                  {QStringLiteral("code"), codeable(QStringLiteral("http://snomed.info/sct"), code, display)},
                  {QStringLiteral("patient"), ref(QStringLiteral("Patient/") + patientId)},
                  {QStringLiteral("recordedDate"), QStringLiteral("2025-11-02")}};
    if (withReaction) {
        o.insert(QStringLiteral("type"), QStringLiteral("allergy"));
        o.insert(QStringLiteral("category"), QJsonArray{QStringLiteral("medication")});
        o.insert(QStringLiteral("criticality"), QStringLiteral("high"));
        o.insert(QStringLiteral("reaction"),
                 QJsonArray{QJsonObject{{QStringLiteral("manifestation"),
                                         QJsonArray{codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("39579001"),
                                                            QStringLiteral("Anaphylaxis"))}},
                                        {QStringLiteral("severity"), QStringLiteral("severe")}}});
    }
    return o;
}

QJsonObject order(const QString& id, const QString& patientId, const QString& status, const QString& drug, double dose,
                  const QString& unit, const QStringList& times, bool prn)
{
    QJsonObject timing;
    if (!times.isEmpty()) {
        timing.insert(QStringLiteral("repeat"),
                      QJsonObject{{QStringLiteral("frequency"), int(times.size())},
                                  {QStringLiteral("period"), 1},
                                  {QStringLiteral("periodUnit"), QStringLiteral("d")},
                                  {QStringLiteral("timeOfDay"), QJsonArray::fromStringList(times)}});
    }
    QJsonObject dosage{{QStringLiteral("text"), drug},
                       {QStringLiteral("route"), codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("26643006"),
                                                         QStringLiteral("oral"))},
                       {QStringLiteral("doseAndRate"),
                        QJsonArray{QJsonObject{{QStringLiteral("doseQuantity"),
                                                QJsonObject{{QStringLiteral("value"), dose}, {QStringLiteral("unit"), unit}}}}}}};
    if (!timing.isEmpty())
        dosage.insert(QStringLiteral("timing"), timing);
    if (prn) {
        dosage.insert(QStringLiteral("asNeededCodeableConcept"),
                      codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("22253000"), QStringLiteral("pain")));
    }
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("intent"), QStringLiteral("order")},
                       {QStringLiteral("medicationCodeableConcept"),
                        codeable(QStringLiteral("http://www.whocc.no/atc"), QStringLiteral("X") + id.right(4), drug)},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)},
                       {QStringLiteral("authoredOn"), QStringLiteral("2026-02-27T09:00:00Z")},
                       {QStringLiteral("dosageInstruction"), QJsonArray{dosage}}};
}

QJsonObject administration(const QString& id, const QString& patientId, const QString& orderId, const QString& drug,
                           const QDateTime& at, bool given)
{
    QJsonObject o{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("status"), given ? QStringLiteral("completed") : QStringLiteral("not-done")},
                  {QStringLiteral("medicationCodeableConcept"),
                   codeable(QStringLiteral("http://www.whocc.no/atc"), QStringLiteral("X") + orderId.right(4), drug)},
                  {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)},
                  {QStringLiteral("effectiveDateTime"), at.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("performer"),
                   QJsonArray{QJsonObject{{QStringLiteral("actor"), ref(QStringLiteral("Practitioner/n1"), QStringLiteral("Jana Schulz"))}}}},
                  {QStringLiteral("request"), ref(QStringLiteral("MedicationRequest/") + orderId)}};
    if (!given)
        o.insert(QStringLiteral("statusReason"),
                 QJsonArray{codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("182890002"),
                                    QStringLiteral("Patient refused"))});
    return o;
}

// An administration with any status and its reason (held, in progress, ...).
QJsonObject administration(const QString& id, const QString& patientId, const QString& orderId, const QString& drug,
                           const QDateTime& at, const QString& status, const QString& reason)
{
    QJsonObject o = administration(id, patientId, orderId, drug, at, true);
    o.insert(QStringLiteral("status"), status);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("statusReason"), QJsonArray{QJsonObject{{QStringLiteral("text"), reason}}});
    return o;
}

QJsonObject condition(const QString& id, const QString& patientId, const QString& display)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Condition")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("clinicalStatus"),
                        codeable(QStringLiteral("http://terminology.hl7.org/CodeSystem/condition-clinical"),
                                QStringLiteral("active"), QStringLiteral("Active"))},
                       {QStringLiteral("code"), codeable(QStringLiteral("http://snomed.info/sct"), QStringLiteral("38341003"), display)},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)}};
}

// IPS-style pregnancy status (LOINC 82810-3) with the estimated delivery date.
QJsonObject pregnancyStatus(const QString& id, const QString& patientId)
{
    QJsonObject edd{{QStringLiteral("code"), codeable(QStringLiteral("http://loinc.org"), QStringLiteral("11778-8"),
                                                      QStringLiteral("Delivery date Estimated"))},
                    {QStringLiteral("valueDateTime"), QStringLiteral("2026-08-14")}};
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Observation")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), QStringLiteral("final")},
                       {QStringLiteral("code"), codeable(QStringLiteral("http://loinc.org"), QStringLiteral("82810-3"),
                                                         QStringLiteral("Pregnancy status"))},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + patientId)},
                       {QStringLiteral("effectiveDateTime"), QStringLiteral("2026-02-20")},
                       {QStringLiteral("valueCodeableConcept"),
                        codeable(QStringLiteral("http://loinc.org"), QStringLiteral("LA15173-0"), QStringLiteral("Pregnant"))},
                       {QStringLiteral("component"), QJsonArray{edd}}};
}

} // namespace

QByteArray GuiFixture::bundle(const QDateTime& now, int extraPatients)
{
    QJsonArray entries;
    const auto add = [&entries](const QJsonObject& r) { entries.append(QJsonObject{{QStringLiteral("resource"), r}}); };
    add(location(QStringLiteral("ward-3a"), QStringLiteral("Station 3A"), QStringLiteral("wa")));
    for (int b = 1; b <= 3 + extraPatients; ++b)
        add(location(QStringLiteral("bed-%1").arg(b), QStringLiteral("3A-%1").arg(b, 2, 10, QLatin1Char('0')),
                     QStringLiteral("bd"), QStringLiteral("ward-3a")));

    add(patient(kErikaId, kErikaFamily, QStringLiteral("Erika"), QStringLiteral("female"), QStringLiteral("1956-04-12"),
                QStringLiteral("MRN1001")));
    add(encounter(QStringLiteral("enc-erika"), kErikaId, QStringLiteral("bed-1")));
    add(allergy(QStringLiteral("al-erika"), kErikaId, QStringLiteral("764146007"), QStringLiteral("Penicillin"), true));
    add(order(QStringLiteral("mr-erika-meto"), kErikaId, QStringLiteral("active"), QStringLiteral("Metoprolol 47.5 mg"), 1,
              QStringLiteral("tablet"), {QStringLiteral("08:00:00"), QStringLiteral("20:00:00")}, false));
    add(order(QStringLiteral("mr-erika-para"), kErikaId, QStringLiteral("active"), QStringLiteral("Paracetamol 500 mg"), 1,
              QStringLiteral("tablet"), {}, true));
    add(order(QStringLiteral("mr-erika-rami"), kErikaId, QStringLiteral("stopped"), QStringLiteral("Ramipril 5 mg"), 1,
              QStringLiteral("tablet"), {QStringLiteral("08:00:00")}, false));
    add(administration(QStringLiteral("ma-erika-1"), kErikaId, QStringLiteral("mr-erika-meto"), QStringLiteral("Metoprolol 47.5 mg"),
                       now.addSecs(-2 * 3600), true));
    add(administration(QStringLiteral("ma-erika-2"), kErikaId, QStringLiteral("mr-erika-meto"), QStringLiteral("Metoprolol 47.5 mg"),
                       now.addSecs(-14 * 3600), true));
    add(administration(QStringLiteral("ma-erika-3"), kErikaId, QStringLiteral("mr-erika-para"), QStringLiteral("Paracetamol 500 mg"),
                       now.addSecs(-30 * 3600), false));
    // Held (on-hold): not given, and must never look given (issue 9, defect 2).
    add(administration(QStringLiteral("ma-erika-4"), kErikaId, QStringLiteral("mr-erika-meto"), QStringLiteral("Metoprolol 47.5 mg"),
                       now.addSecs(-26 * 3600), QStringLiteral("on-hold"), QStringLiteral("Blood pressure 88/50")));
    add(condition(QStringLiteral("co-erika"), kErikaId, QStringLiteral("Essential hypertension")));

    add(patient(kMaxId, QStringLiteral("Weber"), QStringLiteral("Max"), QStringLiteral("male"), QStringLiteral("1980-01-01"),
                QStringLiteral("MRN1002")));
    add(encounter(QStringLiteral("enc-max"), kMaxId, QStringLiteral("bed-2")));
    add(allergy(QStringLiteral("al-max"), kMaxId, QStringLiteral("716186003"), QStringLiteral("No known allergy"), false));
    add(order(QStringLiteral("mr-max-enox"), kMaxId, QStringLiteral("active"), QStringLiteral("Enoxaparin 40 mg"), 40,
              QStringLiteral("mg"), {QStringLiteral("18:00:00")}, false));

    add(patient(kLenaId, QStringLiteral("Vogel"), QStringLiteral("Lena"), QStringLiteral("female"), QStringLiteral("2001-09-30"),
                QStringLiteral("MRN1003")));
    add(encounter(QStringLiteral("enc-lena"), kLenaId, QStringLiteral("bed-3")));
    add(pregnancyStatus(QStringLiteral("obs-lena-pregnancy"), kLenaId));

    for (int i = 0; i < extraPatients; ++i) {
        const QString id = QStringLiteral("p-extra-%1").arg(i);
        add(patient(id, QStringLiteral("Extra%1").arg(i), QStringLiteral("Test"), QStringLiteral("other"),
                    QStringLiteral("1970-01-01"), QStringLiteral("MRN9%1").arg(i, 5, 10, QLatin1Char('0'))));
        add(encounter(QStringLiteral("enc-extra-%1").arg(i), id, QStringLiteral("bed-%1").arg(4 + i)));
        add(order(QStringLiteral("mr-extra-%1").arg(i), id, QStringLiteral("active"), QStringLiteral("Pantoprazole 40 mg"), 40,
                  QStringLiteral("mg"), {QStringLiteral("08:00:00")}, false));
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

GuiFixture::GuiFixture()
    : m_clock(QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC)),
      m_access(std::make_unique<access::VaultAccess>(m_clock, keys::KdfParameters::minimumForTesting()))
{
    auto admin = m_access->initialise(m_dir.path(), QStringLiteral("it-admin"), QStringLiteral("IT Admin"), kAdminPass);
    if (!admin.ok()) {
        m_error = admin.error().message;
        return;
    }
    const access::User nurse{kNurse, QStringLiteral("Jana Schulz"), access::Role::Nurse, {QStringLiteral("ward-3a")}, {}, false};
    const Status added = m_access->addUser(*admin, nurse, kNursePass);
    if (!added.ok()) {
        m_error = added.error().message;
        return;
    }
    const access::User physician{kPhysician, QStringLiteral("Dr. Paul Berger"), access::Role::Physician,
                                 {QStringLiteral("ward-3a")}, {}, false};
    const Status addedPhysician = m_access->addUser(*admin, physician, kPhysicianPass);
    if (!addedPhysician.ok()) {
        m_error = addedPhysician.error().message;
        return;
    }
    auto report = import::Importer(admin->vault()).importJson(bundle(m_clock.now()), QStringLiteral("gui-fixture"));
    if (!report.ok())
        m_error = report.error().message;
    else if (report->skipped > 0)
        m_error = QStringLiteral("fixture resources skipped: ") + report->problems.value(0).message;
}

GuiFixture::~GuiFixture() = default;

std::unique_ptr<access::Session> GuiFixture::unlockPhysician()
{
    auto session = m_access->unlock(m_dir.path(), kPhysician, kPhysicianPass);
    if (!session.ok())
        return nullptr;
    return std::make_unique<access::Session>(std::move(*session));
}

std::unique_ptr<access::Session> GuiFixture::unlockNurse()
{
    auto session = m_access->unlock(m_dir.path(), kNurse, kNursePass);
    if (!session.ok())
        return nullptr;
    return std::make_unique<access::Session>(std::move(*session));
}

} // namespace lantern::test
