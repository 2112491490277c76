#include "core/record/SafetyChecker.h"

#include "core/record/DoseCheck.h"
#include "core/record/DrugClasses.h"
#include "core/record/DrugKnowledge.h"

namespace lantern::record {
namespace {

// The last moment a FHIR end covers: a date without a time covers its whole day (month, year).
QDateTime endOf(const model::When& w)
{
    const QDateTime start = w.sortKey();
    if (!start.isValid())
        return {};
    switch (w.precision) {
    case model::When::Precision::Day: return start.addDays(1);
    case model::When::Precision::Month: return start.addMonths(1);
    case model::When::Precision::Year: return start.addYears(1);
    default: return start;
    }
}

MatchedBy weaker(MatchedBy a, MatchedBy b)
{
    return a == MatchedBy::Word || b == MatchedBy::Word ? MatchedBy::Word : MatchedBy::Code;
}

// Lower is more serious: the direct allergy before the class, the class before
// a possible cross-reaction; a code before a word.
int rank(const SafetyFinding& f)
{
    int r = 0;
    switch (f.code) {
    case SafetyCode::Allergy: r = 0; break;
    case SafetyCode::AllergyClass: r = 2; break;
    case SafetyCode::AllergyCrossReactivity: r = 4; break;
    default: return 100;
    }
    return r + (f.matchedBy == MatchedBy::Word ? 1 : 0);
}

// The most serious way one allergy substance names the medication, if any.
SafetyFinding allergyFinding(const model::CodeableConcept& substance, const model::MedicationInfo& med,
                             const DrugIdentity& drug)
{
    SafetyFinding best;
    const auto consider = [&best](SafetyFinding f) {
        if (best.code == SafetyCode::None || rank(f) < rank(best))
            best = std::move(f);
    };
    if (const auto direct = substanceNamesMedication(substance, med)) {
        SafetyFinding f;
        f.code = SafetyCode::Allergy;
        f.matchedBy = *direct;
        consider(f);
    }
    const DrugIdentity allergen = identifySubstance(substance);
    for (auto it = allergen.ingredients.constBegin(); it != allergen.ingredients.constEnd(); ++it) {
        if (drug.ingredients.contains(it.key())) {
            SafetyFinding f;
            f.code = SafetyCode::Allergy;
            f.matchedBy = weaker(*it, drug.ingredients.value(it.key()));
            consider(f);
        }
    }
    const DrugKnowledge& table = DrugKnowledge::instance();
    for (auto a = allergen.classes.constBegin(); a != allergen.classes.constEnd(); ++a) {
        for (auto d = drug.classes.constBegin(); d != drug.classes.constEnd(); ++d) {
            SafetyFinding f;
            f.matchedBy = weaker(*a, *d);
            if (a.key() == d.key()) {
                f.code = SafetyCode::AllergyClass;
                f.drugClass = d.key();
            } else if (table.crossReactivity(a.key(), d.key())) {
                f.code = SafetyCode::AllergyCrossReactivity;
                f.drugClass = d.key();
                f.allergyClass = a.key();
            } else {
                continue;
            }
            consider(f);
        }
    }
    return best;
}

} // namespace

QList<SafetyWarning> SafetyChecker::check(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    if (!input.chart || !input.order)
        return out;
    out += allergyWarnings(input);
    out += intervalWarnings(input);
    out += discontinuedWarnings(input);
    out += doseWarnings(input);
    return out;
}

QList<SafetyWarning> SafetyChecker::allergyWarnings(const AdministrationCheck& input) const
{
    QList<SafetyWarning> out;
    const model::MedicationInfo& med = input.order->medication;
    const DrugIdentity drug = identifyMedication(med);
    for (const model::Allergy& a : input.chart->allergies) {
        if (!a.isRecordedAllergy())
            continue;
        QList<model::CodeableConcept> substances{a.substance};
        for (const model::AllergyReaction& r : a.reactions) {
            if (!r.substance.isEmpty())
                substances << r.substance;
        }
        SafetyFinding f;
        for (const model::CodeableConcept& s : substances) {
            SafetyFinding found = allergyFinding(s, med, drug);
            if (found.code != SafetyCode::None && (f.code == SafetyCode::None || rank(found) < rank(f)))
                f = found;
        }
        if (f.code == SafetyCode::None)
            continue;
        f.drug = med.text;
        f.substance = a.substance.displayText();
        f.allergyUnconfirmed = a.verificationStatus == QLatin1String("unconfirmed");
        out.append(warning(f));
    }
    return out;
}

QList<SafetyWarning> SafetyChecker::discontinuedWarnings(const AdministrationCheck& input) const
{
    const model::MedicationOrder& o = *input.order;
    QList<SafetyWarning> out;
    SafetyFinding f;
    f.drug = o.medication.text;
    f.orderStatus = o.status;
    f.dataAsOf = input.dataAsOf.isValid() ? input.dataAsOf.toUTC() : QDateTime();
    static const QStringList discontinued{QStringLiteral("stopped"), QStringLiteral("cancelled"),
                                          QStringLiteral("completed"), QStringLiteral("entered-in-error")};
    if (discontinued.contains(o.status)) {
        f.code = SafetyCode::DiscontinuedOrder;
        out << warning(f);
    } else if (o.status != QLatin1String("active")) {
        // on-hold, draft, unknown, or no status at all: not an order to give from without asking.
        f.code = SafetyCode::OrderNotActive;
        if (f.orderStatus.isEmpty())
            f.orderStatus = QStringLiteral("unknown");
        out << warning(f);
    }
    // A physician's HOLD recorded on this device during the downtime (newest first).
    for (const model::LocalAnnotation& a : input.chart->annotationsFor(o.meta.id)) {
        if (a.kind != QLatin1String("hold"))
            continue;
        SafetyFinding h;
        h.code = SafetyCode::OrderHeldLocally;
        h.drug = o.medication.text;
        h.endedAt = a.at.toUTC();
        out << warning(h);
        break;
    }
    if (f.code == SafetyCode::DiscontinuedOrder)
        return out;
    // An end in the past: the order ran out, whatever its status says.
    QDateTime end = endOf(o.validity.end);
    for (const model::Dosage& d : o.dosages) {
        const QDateTime e = endOf(d.timing.bounds.end);
        if (e.isValid() && (!end.isValid() || e < end))
            end = e;
    }
    QDateTime reference = input.givenAt;
    if (input.dataAsOf.isValid() && input.dataAsOf > reference)
        reference = input.dataAsOf;
    if (end.isValid() && end < reference) {
        SafetyFinding e = f;
        e.code = SafetyCode::OrderEnded;
        e.endedAt = end.toUTC();
        e.endedBeforeDataAsOf = input.dataAsOf.isValid() && input.dataAsOf >= input.givenAt;
        out << warning(e);
    }
    return out;
}

QList<SafetyWarning> SafetyChecker::doseWarnings(const AdministrationCheck& input) const
{
    if (const auto f = doseDiffers(*input.order, input.dose))
        return {warning(*f)};
    return {};
}

SafetyWarning SafetyChecker::warning(const SafetyFinding& finding)
{
    return SafetyWarning(kindOf(finding.code), englishText(finding), false, finding);
}

QString SafetyChecker::kindOf(SafetyCode code)
{
    switch (code) {
    case SafetyCode::Allergy:
    case SafetyCode::AllergyClass:
    case SafetyCode::AllergyCrossReactivity: return QLatin1String(kWarningAllergy);
    case SafetyCode::Interval:
    case SafetyCode::MaxDosePerPeriod: return QLatin1String(kWarningInterval);
    case SafetyCode::DiscontinuedOrder:
    case SafetyCode::OrderEnded: return QLatin1String(kWarningDiscontinued);
    case SafetyCode::OrderNotActive:
    case SafetyCode::OrderHeldLocally: return QLatin1String(kWarningOrderOnHold);
    case SafetyCode::DoseDiffers: return QLatin1String(kWarningDose);
    case SafetyCode::None: break;
    }
    return QString();
}

} // namespace lantern::record
