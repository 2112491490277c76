#include "core/fhir/AdministrationMapping.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

Result<model::MedicationAdministration> mapMedicationAdministration(const QJsonObject& resource,
    const MedicationResolver& resolve)
{
    Reader r(resource, "MedicationAdministration"_L1);
    model::MedicationAdministration a;
    a.meta = r.meta();
    a.status = r.requiredString(resource, "status"_L1);
    a.statusReasons = r.codeables(resource, "statusReason"_L1);
    a.medication = readMedicationElement(r, resolve);
    a.patient = r.reference(resource, "subject"_L1);
    a.encounter = r.reference(resource, "context"_L1);
    a.effective = r.dateTime(resource, "effectiveDateTime"_L1);
    a.effectivePeriod = r.period(resource, "effectivePeriod"_L1);
    if (a.effective.isNull() && a.effectivePeriod.isEmpty() && r.ok())
        r.fail(u"effective[x]"_s, u"is missing"_s);

    const QList<QJsonObject> performers = r.objects(resource, "performer"_L1);
    if (!performers.isEmpty())
        a.performer = r.reference(performers.first(), "actor"_L1, u"performer[0]"_s);
    a.request = r.reference(resource, "request"_L1);

    const QJsonObject dosage = r.object(resource, "dosage"_L1);
    a.dosageText = r.string(dosage, "text"_L1, u"dosage"_s);
    a.route = r.codeable(dosage, "route"_L1, u"dosage"_s);
    a.dose = r.quantity(dosage, "dose"_L1, u"dosage"_s);
    a.rate = r.quantity(dosage, "rateQuantity"_L1, u"dosage"_s);
    a.notes = r.notes(resource);
    if (!r.ok())
        return r.error();
    return a;
}

} // namespace lantern::fhir
