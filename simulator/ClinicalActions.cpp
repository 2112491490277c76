#include "ClinicalActions.h"

#include "ChartBuilders.h"
#include "FhirJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace lantern::sim {

using namespace fhir;

ClinicalActions::ClinicalActions(FhirStore& store, Census& census, Generator& generator)
    : m_store(store), m_census(census), m_generator(generator)
{
}

Result<std::pair<QJsonObject, int>> ClinicalActions::readForUpdate(const QString& type, const QString& id) const
{
    const auto v = m_store.current(type, id);
    if (!v || v->deleted())
        return Error(ErrorCode::NotFound, refOf(type, id) + u" does not exist."_s);
    return std::make_pair(QJsonDocument::fromJson(v->json).object(), v->versionId);
}

QStringList ClinicalActions::ordersOf(const QString& patientRef, const QString& status) const
{
    SearchQuery q;
    q.type = u"MedicationRequest"_s;
    q.patients = {patientRef};
    if (!status.isEmpty())
        q.filters.append({Param::Status, {status}});
    return m_store.matchIds(q);
}

std::optional<QString> ClinicalActions::activeEncounterOf(const QString& patientRef) const
{
    SearchQuery q;
    q.type = u"Encounter"_s;
    q.patients = {patientRef};
    q.filters.append({Param::Status, {u"in-progress"_s}});
    const QStringList ids = m_store.matchIds(q);
    if (ids.isEmpty())
        return std::nullopt;
    return u"Encounter/"_s + ids.last();
}

std::optional<std::pair<QString, double>> ClinicalActions::doseOf(const QString& id) const
{
    const auto mr = m_store.readObject(u"MedicationRequest"_s, id);
    if (!mr)
        return std::nullopt;
    const QString code = mr->value(u"medicationCodeableConcept"_s).toObject().value(u"coding"_s).toArray().at(0)
                             .toObject().value(u"code"_s).toString();
    const QJsonValue dose = mr->value(u"dosageInstruction"_s).toArray().at(0).toObject().value(u"doseAndRate"_s)
                                .toArray().at(0).toObject().value(u"doseQuantity"_s).toObject().value(u"value"_s);
    if (!dose.isDouble())
        return std::nullopt;
    return std::make_pair(code, dose.toDouble());
}

Result<WriteOutcome> ClinicalActions::discontinue(const QString& id, const QString& status, const QString& reason)
{
    static const QStringList allowed{u"stopped"_s, u"cancelled"_s, u"on-hold"_s, u"completed"_s, u"entered-in-error"_s};
    if (!allowed.contains(status))
        return Error(ErrorCode::InvalidInput, u"status must be one of stopped, cancelled, on-hold, completed, entered-in-error."_s);
    std::lock_guard lock(m_mutex);
    auto current = readForUpdate(u"MedicationRequest"_s, id);
    if (!current)
        return current.error();
    auto [mr, version] = current.value();
    const QString was = mr.value(u"status"_s).toString();
    if (was != u"active"_s && was != u"on-hold"_s)
        return Error(ErrorCode::Conflict, u"MedicationRequest/"_s + id + u" is already "_s + was + u"."_s);
    const qint64 now = m_store.clock().nowMSecs();
    mr.insert(u"status"_s, status);
    mr.insert(u"statusReason"_s, textConcept(reason.isEmpty() ? u"Laut Visite abgesetzt"_s : reason));
    QJsonArray dosages = mr.value(u"dosageInstruction"_s).toArray();
    if (!dosages.isEmpty()) {
        QJsonObject d = dosages.first().toObject();
        QJsonObject timing = d.value(u"timing"_s).toObject();
        QJsonObject repeat = timing.value(u"repeat"_s).toObject();
        QJsonObject bounds = repeat.value(u"boundsPeriod"_s).toObject();
        bounds.insert(u"end"_s, gen::localTime(now, gen::wardTimeZone()));
        repeat.insert(u"boundsPeriod"_s, bounds);
        timing.insert(u"repeat"_s, repeat);
        d.insert(u"timing"_s, timing);
        dosages[0] = d;
        mr.insert(u"dosageInstruction"_s, dosages);
    }
    return m_store.put(mr, version);
}

Result<WriteOutcome> ClinicalActions::changeDose(const QString& id, double value, const QString& unit)
{
    if (value <= 0)
        return Error(ErrorCode::InvalidInput, u"The new dose must be greater than zero."_s);
    std::lock_guard lock(m_mutex);
    auto current = readForUpdate(u"MedicationRequest"_s, id);
    if (!current)
        return current.error();
    auto [mr, version] = current.value();
    if (mr.value(u"status"_s).toString() != u"active"_s)
        return Error(ErrorCode::Conflict, u"Only an active order can change its dose."_s);
    QJsonArray dosages = mr.value(u"dosageInstruction"_s).toArray();
    QJsonObject d = dosages.isEmpty() ? QJsonObject{{u"sequence"_s, 1}} : dosages.first().toObject();
    QJsonArray rates = d.value(u"doseAndRate"_s).toArray();
    QJsonObject rate = rates.isEmpty() ? QJsonObject{} : rates.first().toObject();
    QJsonObject dose = rate.value(u"doseQuantity"_s).toObject();
    const QString oldText = QLocale(QLocale::German).toString(dose.value(u"value"_s).toDouble(), 'g', 6);
    dose.insert(u"value"_s, value);
    if (!unit.isEmpty()) {
        dose.insert(u"unit"_s, unit);
        dose.insert(u"code"_s, unit);
        dose.insert(u"system"_s, sys::ucum());
    }
    rate.insert(u"doseQuantity"_s, dose);
    if (rates.isEmpty())
        rates.append(rate);
    else
        rates[0] = rate;
    d.insert(u"doseAndRate"_s, rates);
    QString text = d.value(u"text"_s).toString();
    if (text.startsWith(oldText + u' '))
        d.insert(u"text"_s, QString(QLocale(QLocale::German).toString(value, 'g', 6) + text.mid(oldText.size())));
    if (dosages.isEmpty())
        dosages.append(d);
    else
        dosages[0] = d;
    mr.insert(u"dosageInstruction"_s, dosages);
    return m_store.put(mr, version);
}

Result<WriteOutcome> ClinicalActions::administer(const QString& id, const AdministerOptions& o)
{
    std::lock_guard lock(m_mutex);
    auto current = readForUpdate(u"MedicationRequest"_s, id);
    if (!current)
        return current.error();
    const QJsonObject mr = current->first;
    const QJsonObject dosage = mr.value(u"dosageInstruction"_s).toArray().at(0).toObject();
    gen::AdministrationSpec a;
    a.patientRef = mr.value(u"subject"_s).toObject().value(u"reference"_s).toString();
    a.encounterRef = mr.value(u"encounter"_s).toObject().value(u"reference"_s).toString();
    a.requestRef = u"MedicationRequest/"_s + id;
    a.medication = mr.value(u"medicationCodeableConcept"_s).toObject();
    if (a.medication.isEmpty())
        a.medication = textConcept(mr.value(u"medicationReference"_s).toObject().value(u"display"_s).toString(u"Medikation"_s));
    a.dose = dosage.value(u"doseAndRate"_s).toArray().at(0).toObject().value(u"doseQuantity"_s).toObject();
    a.route = dosage.value(u"route"_s).toObject();
    a.effectiveMs = o.effectiveMs.value_or(m_store.clock().nowMSecs());
    a.notDone = o.notDone;
    if (o.notDone)
        a.statusReason = textConcept(o.reasonText.isEmpty() ? u"Nicht verabreicht"_s : o.reasonText);
    a.performer = o.performer.isEmpty() ? u"Pflegekraft Station"_s : o.performer;
    a.identifierSystem = o.identifierSystem;
    a.identifierValue = o.identifierValue;
    return m_store.create(gen::administrationResource(a, gen::wardTimeZone()));
}

Result<WriteOutcome> ClinicalActions::newOrder(const QString& patientRef, Rng& rng)
{
    std::lock_guard lock(m_mutex);
    const auto encounter = activeEncounterOf(patientRef);
    if (!encounter)
        return Error(ErrorCode::Conflict, patientRef + u" has no in-progress encounter."_s);
    // Never order what is already running or what the patient is allergic to.
    QStringList avoid;
    for (const QString& mrId : ordersOf(patientRef)) {
        const auto mr = m_store.readObject(u"MedicationRequest"_s, mrId);
        if (mr)
            avoid.append(mr->value(u"medicationCodeableConcept"_s).toObject().value(u"coding"_s).toArray().at(0)
                             .toObject().value(u"code"_s).toString());
    }
    SearchQuery allergies;
    allergies.type = u"AllergyIntolerance"_s;
    allergies.patients = {patientRef};
    QStringList classes;
    for (const QString& aId : m_store.matchIds(allergies)) {
        const QString code = m_store.readObject(u"AllergyIntolerance"_s, aId).value_or(QJsonObject{}).value(u"code"_s).toObject()
                                 .value(u"coding"_s).toArray().at(0).toObject().value(u"code"_s).toString();
        for (const catalog::AllergyDef& def : catalog::allergies())
            if (def.code == code && !def.allergyClass.isEmpty())
                classes.append(def.allergyClass);
    }
    QList<const catalog::Drug*> candidates;
    for (const catalog::Drug& d : catalog::drugs())
        if (!avoid.contains(d.atc) && !classes.contains(d.allergyClass))
            candidates.append(&d);
    if (candidates.isEmpty())
        return Error(ErrorCode::Conflict, u"No further drug fits this patient."_s);
    const catalog::Drug* drug = rng.pick(candidates);
    gen::OrderSpec o;
    o.patientRef = patientRef;
    o.encounterRef = *encounter;
    o.drug = drug;
    o.schedule = *catalog::schedule(drug->schedules.first());
    o.dose = drug->dose;
    o.authoredMs = m_store.clock().nowMSecs();
    o.requester = rng.pick(catalog::physicians());
    o.orderNumber = u"O"_s + QString::number(rng.between(10000000, 99999999));
    return m_store.create(gen::medicationRequestResource(o, gen::wardTimeZone()));
}

Result<WriteOutcome> ClinicalActions::newAllergy(const QString& patientRef, Rng& rng)
{
    std::lock_guard lock(m_mutex);
    SearchQuery q;
    q.type = u"AllergyIntolerance"_s;
    q.patients = {patientRef};
    QStringList present;
    for (const QString& id : m_store.matchIds(q)) {
        auto current = readForUpdate(u"AllergyIntolerance"_s, id);
        if (!current)
            continue;
        auto [allergy, version] = current.value();
        const QString code = allergy.value(u"code"_s).toObject().value(u"coding"_s).toArray().at(0).toObject()
                                 .value(u"code"_s).toString();
        present.append(code);
        if (code == u"716186003"_s && allergy.value(u"verificationStatus"_s).toObject().value(u"coding"_s).toArray()
                                              .at(0).toObject().value(u"code"_s).toString() == u"confirmed"_s) {
            // A newly found allergy refutes the earlier "no known allergy".
            allergy.insert(u"clinicalStatus"_s,
                codeable(coding(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"_s, u"inactive"_s)));
            allergy.insert(u"verificationStatus"_s,
                codeable(coding(u"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"_s, u"refuted"_s)));
            auto refuted = m_store.put(allergy, version);
            if (!refuted)
                return refuted.error();
        }
    }
    QList<const catalog::AllergyDef*> candidates;
    for (const catalog::AllergyDef& def : catalog::allergies())
        if (!present.contains(def.code))
            candidates.append(&def);
    if (candidates.isEmpty())
        return Error(ErrorCode::Conflict, u"Every catalogued allergy is already recorded."_s);
    return m_store.create(gen::allergyResource(patientRef, *rng.pick(candidates), m_store.clock().nowMSecs(), gen::wardTimeZone()));
}

Result<QString> ClinicalActions::recordVitals(const QString& patientRef, Rng& rng)
{
    std::lock_guard lock(m_mutex);
    const auto encounter = activeEncounterOf(patientRef);
    if (!encounter)
        return Error(ErrorCode::Conflict, patientRef + u" has no in-progress encounter."_s);
    m_store.write([&](StoreWriter& w) {
        gen::Chart c;
        gen::StoreSink sink(w);
        c.sink = &sink;
        c.rng = &rng;
        c.tz = gen::wardTimeZone();
        c.patientRef = patientRef;
        c.encounterRef = *encounter;
        gen::writeVitals(c, m_store.clock().nowMSecs());
        return 0;
    });
    return *encounter;
}

Result<WriteOutcome> ClinicalActions::recordPregnancyStatus(const QString& patientRef, catalog::PregnancyAnswer answer)
{
    std::lock_guard lock(m_mutex);
    if (!m_store.readObject(u"Patient"_s, patientRef.section(u'/', -1)))
        return Error(ErrorCode::NotFound, patientRef + u" does not exist."_s);
    SearchQuery q;
    q.type = u"Observation"_s;
    q.patients = {patientRef};
    q.filters.append({Param::Code, {sys::loinc() + u"|82810-3"_s}});
    const QStringList existing = m_store.matchIds(q); // oldest change first
    const qint64 now = m_store.clock().nowMSecs();
    const QDate delivery = answer == catalog::PregnancyAnswer::Pregnant
        ? QDateTime::fromMSecsSinceEpoch(now, gen::wardTimeZone()).date().addDays(150)
        : QDate();
    QJsonObject o = gen::pregnancyStatusResource(patientRef, activeEncounterOf(patientRef).value_or(QString()), answer,
        now, delivery, gen::wardTimeZone());
    if (existing.isEmpty())
        return m_store.create(o);
    auto current = readForUpdate(u"Observation"_s, existing.last());
    if (!current)
        return current.error();
    o.insert(u"id"_s, existing.last());
    return m_store.put(o, current.value().second);
}

Result<Admission> ClinicalActions::admit(const QString& wardId)
{
    std::lock_guard lock(m_mutex);
    auto bed = m_census.freeBed(wardId);
    if (!bed && !wardId.isEmpty()) {
        auto added = m_census.addBed(wardId);
        if (!added)
            return added.error();
        bed = std::make_pair(wardId, added.value());
    }
    if (!bed)
        return Error(ErrorCode::Conflict, u"Every bed is occupied; discharge someone first."_s);
    auto admitted = m_generator.admitNew(bed->first, bed->second);
    if (!admitted)
        return admitted.error();
    LANTERN_TRY(m_census.refreshGroups());
    return admitted;
}

Result<WriteOutcome> ClinicalActions::discharge(const QString& patientRef)
{
    std::lock_guard lock(m_mutex);
    const auto encounter = activeEncounterOf(patientRef);
    if (!encounter)
        return Error(ErrorCode::Conflict, patientRef + u" has no in-progress encounter."_s);
    auto current = readForUpdate(u"Encounter"_s, encounter->section(u'/', 1));
    if (!current)
        return current.error();
    auto [enc, version] = current.value();
    const qint64 now = m_store.clock().nowMSecs();
    enc.insert(u"status"_s, u"finished"_s);
    QJsonObject period = enc.value(u"period"_s).toObject();
    period.insert(u"end"_s, gen::localTime(now, gen::wardTimeZone()));
    enc.insert(u"period"_s, period);
    QJsonArray locations = enc.value(u"location"_s).toArray();
    for (qsizetype i = 0; i < locations.size(); ++i) {
        QJsonObject l = locations.at(i).toObject();
        l.insert(u"status"_s, u"completed"_s);
        locations[i] = l;
    }
    enc.insert(u"location"_s, locations);
    auto written = m_store.put(enc, version);
    if (!written)
        return written.error();
    // Inpatient orders end with the stay.
    for (const QString& mrId : ordersOf(patientRef)) {
        auto mr = readForUpdate(u"MedicationRequest"_s, mrId);
        if (!mr)
            continue;
        auto [order, v] = mr.value();
        order.insert(u"status"_s, u"completed"_s);
        order.insert(u"statusReason"_s, textConcept(u"Entlassung"_s));
        auto done = m_store.put(order, v);
        if (!done)
            return done.error();
    }
    LANTERN_TRY(m_census.refreshGroups());
    return written;
}

} // namespace lantern::sim
