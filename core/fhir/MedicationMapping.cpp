#include "core/fhir/MedicationMapping.h"

#include "core/fhir/Codes.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

QString formatNumber(double v)
{
    return QString::number(v, 'g', 12);
}

QString formatQuantity(const model::Quantity& q)
{
    QString out = q.value ? formatNumber(*q.value) : QString();
    const QString unit = q.unitText();
    if (!unit.isEmpty())
        out += (out.isEmpty() ? QString() : u" "_s) + unit;
    return out;
}

// "600 mg", "2 meq/mL", "0.9 g/100 mL": a denominator of exactly 1 shows only its unit.
QString readRatioText(Reader& r, const QJsonObject& obj, QLatin1String key, const QString& path)
{
    const QJsonObject ratio = r.object(obj, key, path);
    if (ratio.isEmpty())
        return {};
    const model::Quantity num = r.quantity(ratio, "numerator"_L1, Reader::at(path, key));
    const model::Quantity den = r.quantity(ratio, "denominator"_L1, Reader::at(path, key));
    QString out = formatQuantity(num);
    if (den.isEmpty())
        return out;
    const bool one = den.value && *den.value == 1.0;
    const QString denText = one ? den.unitText() : formatQuantity(den);
    if (!denText.isEmpty())
        out += u'/' + denText;
    return out;
}

// The body of a Medication (standalone or contained), read at `path`.
model::MedicationInfo readMedicationBody(Reader& r, const QJsonObject& med, const QString& path)
{
    model::MedicationInfo info;
    const model::CodeableConcept code = r.codeable(med, "code"_L1, path);
    for (const model::Coding& c : code.codings)
        info.codes << model::DrugCode{codes::drugCodeSystem(c.system), c.system, c.code, c.display};
    info.form = r.codeable(med, "form"_L1, path).displayText();

    const QList<QJsonObject> ingredients = r.objects(med, "ingredient"_L1, path);
    QStringList ingredientTexts;
    for (qsizetype i = 0; i < ingredients.size(); ++i) {
        const QString at = Reader::at(path, "ingredient"_L1, i);
        model::Ingredient ing;
        ing.item = r.codeable(ingredients.at(i), "itemCodeableConcept"_L1, at);
        if (ing.item.isEmpty())
            ing.item.text = r.reference(ingredients.at(i), "itemReference"_L1, at).display;
        ing.strength = readRatioText(r, ingredients.at(i), "strength"_L1, at);
        info.ingredients << ing;
        const QString name = ing.item.displayText();
        if (!name.isEmpty())
            ingredientTexts << (ing.strength.isEmpty() ? name : name + u' ' + ing.strength);
    }

    // What the MAR prints: the product's text, a drug code's display, the ingredients.
    info.text = code.text;
    for (const model::Coding& c : code.codings) {
        if (info.text.isEmpty() && !c.display.isEmpty())
            info.text = c.display;
    }
    if (info.text.isEmpty())
        info.text = ingredientTexts.join(u" + "_s);
    return info;
}

void readTiming(Reader& r, const QJsonObject& dosage, const QString& path, model::Timing& t)
{
    const QJsonObject timing = r.object(dosage, "timing"_L1, path);
    if (timing.isEmpty())
        return;
    const QString at = Reader::at(path, "timing"_L1);
    const model::CodeableConcept code = r.codeable(timing, "code"_L1, at);
    t.text = code.displayText();
    t.code = code.codings.isEmpty() ? QString() : code.codings.first().code;
    const QStringList events = r.strings(timing, "event"_L1, at);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const std::optional<model::When> w = parseWhen(events.at(i));
        if (!w)
            r.fail(Reader::at(at, "event"_L1, i), u"is not a valid FHIR dateTime"_s);
        else
            t.events << *w;
    }
    const QJsonObject repeat = r.object(timing, "repeat"_L1, at);
    const QString rp = Reader::at(at, "repeat"_L1);
    t.bounds = r.period(repeat, "boundsPeriod"_L1, rp);
    t.count = r.integer(repeat, "count"_L1, rp);
    t.duration = r.number(repeat, "duration"_L1, rp);
    t.durationUnit = r.string(repeat, "durationUnit"_L1, rp);
    t.frequency = r.integer(repeat, "frequency"_L1, rp);
    t.frequencyMax = r.integer(repeat, "frequencyMax"_L1, rp);
    t.period = r.number(repeat, "period"_L1, rp);
    t.periodMax = r.number(repeat, "periodMax"_L1, rp);
    t.periodUnit = r.string(repeat, "periodUnit"_L1, rp);
    t.dayOfWeek = r.strings(repeat, "dayOfWeek"_L1, rp);
    t.timeOfDay = r.strings(repeat, "timeOfDay"_L1, rp);
    t.when = r.strings(repeat, "when"_L1, rp);
}

} // namespace

model::Dosage readDosage(Reader& r, const QJsonObject& dosage, const QString& path)
{
    model::Dosage d;
    d.sequence = r.integer(dosage, "sequence"_L1, path);
    d.text = r.string(dosage, "text"_L1, path);
    d.patientInstruction = r.string(dosage, "patientInstruction"_L1, path);
    readTiming(r, dosage, path, d.timing);
    const std::optional<bool> asNeeded = r.boolean(dosage, "asNeededBoolean"_L1, path);
    d.asNeededReason = r.codeable(dosage, "asNeededCodeableConcept"_L1, path);
    d.asNeeded = asNeeded.value_or(false) || !d.asNeededReason.isEmpty();
    d.site = r.codeable(dosage, "site"_L1, path);
    d.route = r.codeable(dosage, "route"_L1, path);
    d.method = r.codeable(dosage, "method"_L1, path);
    const QList<QJsonObject> doseAndRate = r.objects(dosage, "doseAndRate"_L1, path);
    for (qsizetype i = 0; i < doseAndRate.size(); ++i) {
        const QString at = Reader::at(path, "doseAndRate"_L1, i);
        const model::Quantity dose = r.quantity(doseAndRate.at(i), "doseQuantity"_L1, at);
        const QJsonObject range = r.object(doseAndRate.at(i), "doseRange"_L1, at);
        const model::Quantity rate = r.quantity(doseAndRate.at(i), "rateQuantity"_L1, at);
        if (d.dose.isEmpty())
            d.dose = dose;
        if (!range.isEmpty() && d.doseLow.isEmpty() && d.doseHigh.isEmpty()) {
            d.doseLow = r.quantity(range, "low"_L1, Reader::at(at, "doseRange"_L1));
            d.doseHigh = r.quantity(range, "high"_L1, Reader::at(at, "doseRange"_L1));
        }
        if (d.rate.isEmpty())
            d.rate = rate;
    }
    d.maxDosePerPeriod = readRatioText(r, dosage, "maxDosePerPeriod"_L1, path);
    return d;
}

model::MedicationInfo readMedicationElement(Reader& r, const MedicationResolver& resolve)
{
    const QJsonObject& res = r.resource();
    if (res.contains("medicationCodeableConcept"_L1)) {
        const model::CodeableConcept cc = r.codeable(res, "medicationCodeableConcept"_L1);
        model::MedicationInfo info;
        for (const model::Coding& c : cc.codings)
            info.codes << model::DrugCode{codes::drugCodeSystem(c.system), c.system, c.code, c.display};
        info.text = cc.displayText();
        return info;
    }
    if (!res.contains("medicationReference"_L1)) {
        r.fail(u"medication[x]"_s, u"is missing"_s);
        return {};
    }
    const model::Reference ref = r.reference(res, "medicationReference"_L1);
    model::MedicationInfo info;
    if (ref.reference.startsWith(u'#')) {
        const QString id = ref.reference.mid(1);
        const QList<QJsonObject> contained = r.objects(res, "contained"_L1);
        qsizetype index = -1;
        for (qsizetype i = 0; i < contained.size() && index < 0; ++i) {
            if (contained.at(i).value("id"_L1).toString() == id)
                index = i;
        }
        if (index < 0) {
            r.fail(u"medicationReference.reference"_s, u"points to no contained resource"_s);
            return {};
        }
        if (contained.at(index).value("resourceType"_L1).toString() != u"Medication"_s) {
            r.fail(u"medicationReference.reference"_s, u"points to a contained resource that is not a Medication"_s);
            return {};
        }
        info = readMedicationBody(r, contained.at(index), Reader::at(QString(), "contained"_L1, index));
    } else if (!ref.reference.isEmpty() && resolve) {
        if (const std::optional<QJsonObject> found = resolve(ref.reference)) {
            const Result<model::MedicationInfo> mapped = mapMedication(*found);
            if (!mapped.ok()) {
                r.fail(u"medicationReference"_s, u"points to a Medication that cannot be read ("_s + mapped.error().message + u')');
                return {};
            }
            info = mapped.value();
        } else {
            info.resolved = false;
        }
    } else {
        info.resolved = false;
    }
    info.reference = ref;
    if (info.text.isEmpty())
        info.text = ref.display;
    return info;
}

Result<model::MedicationInfo> mapMedication(const QJsonObject& resource)
{
    Reader r(resource, "Medication"_L1);
    if (!r.ok())
        return r.error();
    model::MedicationInfo info = readMedicationBody(r, resource, QString());
    if (!r.ok())
        return r.error();
    return info;
}

Result<model::MedicationOrder> mapMedicationRequest(const QJsonObject& resource, const MedicationResolver& resolve)
{
    Reader r(resource, "MedicationRequest"_L1);
    model::MedicationOrder o;
    o.source = model::MedicationOrder::Source::Request;
    o.meta = r.meta();
    o.status = r.requiredString(resource, "status"_L1);
    o.intent = r.string(resource, "intent"_L1);
    o.statusReason = r.codeable(resource, "statusReason"_L1);
    o.medication = readMedicationElement(r, resolve);
    o.patient = r.reference(resource, "subject"_L1);
    o.encounter = r.reference(resource, "encounter"_L1);
    o.authoredOn = r.dateTime(resource, "authoredOn"_L1);
    o.prescriber = r.reference(resource, "requester"_L1);
    const QList<QJsonObject> dosages = r.objects(resource, "dosageInstruction"_L1);
    for (qsizetype i = 0; i < dosages.size(); ++i)
        o.dosages << readDosage(r, dosages.at(i), Reader::at(QString(), "dosageInstruction"_L1, i));
    const QJsonObject dispense = r.object(resource, "dispenseRequest"_L1);
    o.validity = r.period(dispense, "validityPeriod"_L1, u"dispenseRequest"_s);
    o.notes = r.notes(resource);
    if (!r.ok())
        return r.error();
    return o;
}

Result<model::MedicationOrder> mapMedicationStatement(const QJsonObject& resource, const MedicationResolver& resolve)
{
    Reader r(resource, "MedicationStatement"_L1);
    model::MedicationOrder o;
    o.source = model::MedicationOrder::Source::Statement;
    o.meta = r.meta();
    o.status = r.requiredString(resource, "status"_L1);
    const QList<model::CodeableConcept> reasons = r.codeables(resource, "statusReason"_L1);
    if (!reasons.isEmpty())
        o.statusReason = reasons.first();
    o.medication = readMedicationElement(r, resolve);
    o.patient = r.reference(resource, "subject"_L1);
    o.encounter = r.reference(resource, "context"_L1);
    o.authoredOn = r.dateTime(resource, "dateAsserted"_L1);
    o.prescriber = r.reference(resource, "informationSource"_L1);
    o.validity = r.period(resource, "effectivePeriod"_L1);
    const model::When effective = r.dateTime(resource, "effectiveDateTime"_L1);
    if (!effective.isNull())
        o.validity.start = effective;
    const QList<QJsonObject> dosages = r.objects(resource, "dosage"_L1);
    for (qsizetype i = 0; i < dosages.size(); ++i)
        o.dosages << readDosage(r, dosages.at(i), Reader::at(QString(), "dosage"_L1, i));
    o.notes = r.notes(resource);
    if (!r.ok())
        return r.error();
    return o;
}

} // namespace lantern::fhir
