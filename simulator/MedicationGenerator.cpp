// Medication orders (ATC-coded, with dose, SNOMED route and timing; some PRN,
// some stopped or cancelled) and the administrations the ward charted against
// them over the recent window, consistent with each order's schedule.
#include "ChartBuilders.h"

#include "FhirJson.h"

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace lantern::sim::gen {

using namespace fhir;

namespace {

constexpr qint64 kHour = 3600000;

QString doseText(double dose)
{
    return QLocale(QLocale::German).toString(dose, 'g', 6);
}

QJsonObject timingOf(const catalog::Schedule& s, qint64 startMs, std::optional<qint64> stopMs, const QTimeZone& tz)
{
    QJsonObject repeat;
    QJsonObject bounds{{u"start"_s, localTime(startMs, tz)}};
    if (stopMs)
        bounds.insert(u"end"_s, localTime(*stopMs, tz));
    repeat.insert(u"boundsPeriod"_s, bounds);
    QJsonObject timing;
    if (s.prn) {
        repeat.insert(u"frequency"_s, 1);
        repeat.insert(u"period"_s, s.minIntervalHours);
        repeat.insert(u"periodUnit"_s, u"h"_s);
    } else if (s.everyHours > 0) {
        repeat.insert(u"frequency"_s, 1);
        repeat.insert(u"period"_s, s.everyHours);
        repeat.insert(u"periodUnit"_s, u"h"_s);
        timing.insert(u"code"_s, codeable(coding(u"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"_s,
                                              u"Q"_s + QString::number(s.everyHours) + u"H"_s),
                                     s.text));
    } else {
        QJsonArray times;
        for (const QTime& t : s.times)
            times.append(t.toString(u"HH:mm:ss"_s));
        repeat.insert(u"frequency"_s, int(s.times.size()));
        repeat.insert(u"period"_s, 1);
        repeat.insert(u"periodUnit"_s, u"d"_s);
        repeat.insert(u"timeOfDay"_s, times);
    }
    timing.insert(u"repeat"_s, repeat);
    return timing;
}

} // namespace

QJsonObject dosageInstruction(const catalog::Drug& drug, const catalog::Schedule& s, double dose, qint64 startMs,
    std::optional<qint64> stopMs, const QTimeZone& tz)
{
    QString text = doseText(dose) + u' ' + drug.unit + u' ' + drug.route.text + u' ' + s.text;
    if (s.prn && !drug.prnReason.isEmpty())
        text += u", "_s + drug.prnReason;
    QJsonObject d{{u"sequence"_s, 1}, {u"text"_s, text}, {u"timing"_s, timingOf(s, startMs, stopMs, tz)},
        {u"route"_s, codeable(coding(sys::snomed(), drug.route.snomed, drug.route.display), drug.route.text)},
        {u"doseAndRate"_s,
            QJsonArray{QJsonObject{
                {u"type"_s, codeable(coding(u"http://terminology.hl7.org/CodeSystem/dose-rate-type"_s, u"ordered"_s, u"Ordered"_s))},
                {u"doseQuantity"_s, quantity(dose, drug.unit, drug.ucum)}}}}};
    if (s.prn) {
        d.insert(u"asNeededCodeableConcept"_s, textConcept(drug.prnReason.isEmpty() ? u"bei Bedarf"_s : drug.prnReason));
        d.insert(u"maxDosePerPeriod"_s,
            QJsonObject{{u"numerator"_s, quantity(dose * s.maxPerDay, drug.unit, drug.ucum)},
                {u"denominator"_s, quantity(1, u"d"_s, u"d"_s)}});
    } else {
        d.insert(u"asNeededBoolean"_s, false);
    }
    return d;
}

QJsonObject medicationRequestResource(const OrderSpec& o, const QTimeZone& tz)
{
    const catalog::Drug& drug = *o.drug;
    QJsonObject mr{{u"resourceType"_s, u"MedicationRequest"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{
                              {u"type"_s, codeable(coding(sys::v2IdentifierType(), u"PLAC"_s, u"Placer Identifier"_s))},
                              {u"system"_s, sys::placerOrder()}, {u"value"_s, o.orderNumber}}}},
        {u"status"_s, o.status}, {u"intent"_s, u"order"_s},
        {u"category"_s, QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/medicationrequest-category"_s,
                            u"inpatient"_s, u"Inpatient"_s))}},
        {u"priority"_s, u"routine"_s},
        {u"medicationCodeableConcept"_s, codeable(coding(sys::atc(), drug.atc, drug.atcDisplay), drug.text)},
        {u"subject"_s, reference(o.patientRef)}, {u"encounter"_s, reference(o.encounterRef)},
        {u"authoredOn"_s, localTime(o.authoredMs, tz)}, {u"requester"_s, QJsonObject{{u"display"_s, o.requester}}},
        {u"dosageInstruction"_s, QJsonArray{dosageInstruction(drug, o.schedule, o.dose, o.authoredMs, o.stopMs, tz)}}};
    if (!o.statusReason.isEmpty())
        mr.insert(u"statusReason"_s, textConcept(o.statusReason));
    if (drug.highAlert)
        mr.insert(u"extension"_s,
            QJsonArray{QJsonObject{{u"url"_s, u"https://lantern.example/fhir/StructureDefinition/high-alert-medication"_s},
                {u"valueBoolean"_s, true}}});
    return mr;
}

QJsonObject notGivenReason(Rng& rng)
{
    switch (rng.below(4)) {
    case 0:
        return codeable(coding(sys::snomed(), u"182895007"_s, u"Drug declined by patient"_s), u"Patient lehnt ab"_s);
    case 1:
        return codeable(coding(sys::snomed(), u"373147003"_s,
                            u"Administration of medication not done due to a contraindication"_s),
            u"Kontraindikation: RR systolisch < 100 mmHg"_s);
    case 2:
        return textConcept(u"Patient nüchtern für Untersuchung"_s);
    default:
        return textConcept(u"Patient nicht auf Station (Diagnostik)"_s);
    }
}

QJsonObject administrationResource(const AdministrationSpec& a, const QTimeZone& tz)
{
    QJsonObject ma{{u"resourceType"_s, u"MedicationAdministration"_s},
        {u"status"_s, a.notDone ? u"not-done"_s : u"completed"_s}, {u"medicationCodeableConcept"_s, a.medication},
        {u"subject"_s, reference(a.patientRef)}, {u"effectiveDateTime"_s, localTime(a.effectiveMs, tz)}};
    if (!a.encounterRef.isEmpty())
        ma.insert(u"context"_s, reference(a.encounterRef));
    if (!a.requestRef.isEmpty())
        ma.insert(u"request"_s, reference(a.requestRef));
    if (a.notDone && !a.statusReason.isEmpty())
        ma.insert(u"statusReason"_s, QJsonArray{a.statusReason});
    if (!a.performer.isEmpty())
        ma.insert(u"performer"_s, QJsonArray{QJsonObject{{u"actor"_s, QJsonObject{{u"display"_s, a.performer}}}}});
    if (!a.identifierValue.isEmpty())
        ma.insert(u"identifier"_s,
            QJsonArray{QJsonObject{{u"system"_s, a.identifierSystem}, {u"value"_s, a.identifierValue}}});
    QJsonObject dosage;
    if (!a.dose.isEmpty())
        dosage.insert(u"dose"_s, a.dose);
    if (!a.route.isEmpty())
        dosage.insert(u"route"_s, a.route);
    if (!dosage.isEmpty())
        ma.insert(u"dosage"_s, dosage);
    return ma;
}

QList<qint64> scheduledTimes(const catalog::Schedule& s, qint64 fromMs, qint64 toMs, const QTimeZone& tz)
{
    QList<qint64> out;
    if (s.times.isEmpty() || toMs < fromMs)
        return out;
    QDate day = QDateTime::fromMSecsSinceEpoch(fromMs, tz).date();
    const QDate last = QDateTime::fromMSecsSinceEpoch(toMs, tz).date();
    for (; day <= last; day = day.addDays(1)) {
        for (const QTime& t : s.times) {
            const qint64 ms = QDateTime(day, t, tz).toMSecsSinceEpoch();
            if (ms >= fromMs && ms <= toMs)
                out.append(ms);
        }
    }
    return out;
}

catalog::Schedule scheduleFromDosage(const QJsonObject& d)
{
    catalog::Schedule s;
    const QJsonObject repeat = d.value(u"timing"_s).toObject().value(u"repeat"_s).toObject();
    const int frequency = repeat.value(u"frequency"_s).toInt(1);
    const double period = repeat.value(u"period"_s).toDouble(1);
    const QString unit = repeat.value(u"periodUnit"_s).toString();
    s.text = d.value(u"text"_s).toString();
    if (d.value(u"asNeededBoolean"_s).toBool() || d.contains(u"asNeededCodeableConcept"_s)) {
        s.prn = true;
        s.minIntervalHours = unit == u"h"_s && period >= 1 ? int(period) : 6;
        s.maxPerDay = 4;
        return s;
    }
    const QJsonArray timeOfDay = repeat.value(u"timeOfDay"_s).toArray();
    if (!timeOfDay.isEmpty()) {
        for (const QJsonValue& t : timeOfDay)
            s.times.append(QTime::fromString(t.toString().left(5), u"HH:mm"_s));
        return s;
    }
    if (unit == u"h"_s && period >= 1) {
        const int every = std::max(1, int(period / frequency));
        s.everyHours = every;
        for (int h = every == 8 ? 6 : every == 12 ? 8 : 0; h < 24; h += every)
            s.times.append(QTime(h, 0));
        return s;
    }
    if (unit.isEmpty() || (unit == u"d"_s && period <= 1)) {
        static const QList<QList<int>> perDay{{8}, {8, 20}, {8, 14, 20}, {6, 12, 18, 22}};
        for (int h : perDay.value(std::clamp(frequency, 1, 4) - 1))
            s.times.append(QTime(h, 0));
    }
    return s; // weekly or rarer: nothing due in a few days' window
}

void writeAdministrations(Chart& c, const catalog::Schedule& s, const AdministrationSpec& base, qint64 fromMs,
    qint64 toMs, double notDoneChance)
{
    Rng& r = *c.rng;
    static const QJsonArray nurses[] = {
        QJsonArray{QJsonObject{{u"actor"_s, QJsonObject{{u"display"_s, u"Pflegekraft Station (Kürzel AB)"_s}}}}},
        QJsonArray{QJsonObject{{u"actor"_s, QJsonObject{{u"display"_s, u"Pflegekraft Station (Kürzel MK)"_s}}}}},
        QJsonArray{QJsonObject{{u"actor"_s, QJsonObject{{u"display"_s, u"Pflegekraft Station (Kürzel SÖ)"_s}}}}},
        QJsonArray{QJsonObject{{u"actor"_s, QJsonObject{{u"display"_s, u"Pflegekraft Station (Kürzel JT)"_s}}}}}};
    // Everything but time, status and nurse is the same for every dose of one order.
    AdministrationSpec shared = base;
    shared.performer.clear();
    const QJsonObject prototype = administrationResource(shared, c.tz);
    auto write = [&](qint64 at, bool notDone) {
        QJsonObject a = prototype;
        a.insert(u"effectiveDateTime"_s, localTime(at, c.tz));
        if (notDone) {
            a.insert(u"status"_s, u"not-done"_s);
            a.insert(u"statusReason"_s, QJsonArray{notGivenReason(r)});
        }
        a.insert(u"performer"_s, r.pick(nurses));
        createResource(*c.sink, a);
    };
    if (s.prn) {
        qint64 t = fromMs + qint64(r.between(1, 10)) * kHour;
        while (t < toMs) {
            if (r.chance(0.6))
                write(t, false);
            t += qint64(s.minIntervalHours) * kHour + qint64(r.between(0, 14)) * kHour + r.between(0, 59) * 60000LL;
        }
        return;
    }
    const QList<qint64> due = scheduledTimes(s, fromMs, toMs, c.tz);
    for (qint64 t : due) {
        const qint64 at = t + qint64(r.between(-10, 35)) * 60000;
        if (at > c.nowMs)
            continue; // not yet charted
        write(at, r.chance(notDoneChance));
    }
}

void writeMedication(Chart& c, const catalog::Profile& profile, const QStringList& extraDrugs)
{
    Rng& r = *c.rng;
    QStringList keys;
    for (const QStringList& alternatives : profile.drugs)
        keys.append(r.pick(alternatives));
    for (const QString& optional : profile.optionalDrugs)
        if (r.chance(0.6))
            keys.append(optional);
    keys.append(extraDrugs);
    if (!keys.contains(u"paracetamol"_s) && !keys.contains(u"metamizole"_s) && r.chance(0.5))
        keys.append(u"paracetamol"_s);
    // What most inpatients get whatever brought them in.
    if (r.chance(0.6))
        keys.append(u"macrogol"_s);
    if (r.chance(0.5))
        keys.append(u"sodium-chloride"_s);
    keys.removeDuplicates();
    const QString requester = r.pick(catalog::physicians());
    for (const QString& key : std::as_const(keys)) {
        const catalog::Drug* drug = catalog::drug(key);
        if (!drug || c.allergyClasses.contains(drug->allergyClass))
            continue; // nobody orders what the patient is allergic to
        OrderSpec o;
        o.patientRef = c.patientRef;
        o.encounterRef = c.encounterRef;
        o.drug = drug;
        o.schedule = *catalog::schedule(r.chance(0.8) ? drug->schedules.first() : r.pick(drug->schedules));
        o.dose = drug->dose;
        o.authoredMs = c.admitMs + qint64(r.between(10, 180)) * 60000;
        o.requester = requester;
        o.orderNumber = u"O"_s + QString::number(r.between(10000000, 99999999));
        const bool metforminPaused = key == u"metformin"_s;
        if (c.withHistory && (metforminPaused || (!o.schedule.prn && r.chance(0.12)))) {
            const qint64 earliest = std::max(o.authoredMs, c.windowStartMs) + 6 * kHour;
            if (earliest < c.nowMs - kHour) {
                o.status = u"stopped"_s;
                o.stopMs = metforminPaused ? o.authoredMs + kHour : earliest + qint64(r.below(int((c.nowMs - kHour - earliest) / 60000))) * 60000;
                o.statusReason = metforminPaused ? u"Pausiert während des stationären Aufenthalts"_s : r.pick(catalog::stopReasons());
            }
        } else if (c.withHistory && r.chance(0.03)) {
            o.status = u"cancelled"_s;
            o.stopMs = o.authoredMs + 20 * 60000;
            o.statusReason = u"Fehlverordnung, storniert"_s;
        }
        const QString mrRef = createResource(*c.sink, medicationRequestResource(o, c.tz));
        if (!c.withHistory || o.status == u"cancelled"_s)
            continue;
        AdministrationSpec base;
        base.patientRef = c.patientRef;
        base.encounterRef = c.encounterRef;
        base.requestRef = mrRef;
        base.medication = codeable(coding(sys::atc(), drug->atc, drug->atcDisplay), drug->text);
        base.dose = quantity(o.dose, drug->unit, drug->ucum);
        base.route = codeable(coding(sys::snomed(), drug->route.snomed, drug->route.display), drug->route.text);
        const qint64 from = std::max(o.authoredMs, c.windowStartMs);
        const qint64 to = o.stopMs ? std::min(*o.stopMs, c.nowMs) : c.nowMs;
        writeAdministrations(c, o.schedule, base, from, to, 0.04);
    }
}

} // namespace lantern::sim::gen
