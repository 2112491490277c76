#include "core/fhir/ClinicalMapping.h"

#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"

namespace lantern::fhir {

using namespace Qt::StringLiterals;

namespace {

QString firstCode(const model::CodeableConcept& cc)
{
    return cc.codings.isEmpty() ? QString() : cc.codings.first().code;
}

QStringList categoryTexts(const QList<model::CodeableConcept>& categories)
{
    QStringList out;
    for (const model::CodeableConcept& c : categories) {
        const QString code = firstCode(c);
        out << (code.isEmpty() ? c.displayText() : code);
    }
    return out;
}

} // namespace

Result<model::Condition> mapCondition(const QJsonObject& resource)
{
    Reader r(resource, "Condition"_L1);
    model::Condition c;
    c.meta = r.meta();
    c.code = r.codeable(resource, "code"_L1);
    c.clinicalStatus = firstCode(r.codeable(resource, "clinicalStatus"_L1));
    c.verificationStatus = firstCode(r.codeable(resource, "verificationStatus"_L1));
    c.categories = categoryTexts(r.codeables(resource, "category"_L1));
    c.onset = r.dateTime(resource, "onsetDateTime"_L1);
    if (c.onset.isNull())
        c.onset = r.period(resource, "onsetPeriod"_L1).start;
    c.onsetText = r.string(resource, "onsetString"_L1);
    const model::Quantity age = r.quantity(resource, "onsetAge"_L1);
    if (c.onsetText.isEmpty() && age.value)
        c.onsetText = QString::number(*age.value) + u' ' + age.unitText();
    c.recordedDate = r.dateTime(resource, "recordedDate"_L1);
    c.patient = r.reference(resource, "subject"_L1);
    if (!r.ok())
        return r.error();
    return c;
}

Result<model::Flag> mapFlag(const QJsonObject& resource)
{
    Reader r(resource, "Flag"_L1);
    model::Flag f;
    f.meta = r.meta();
    f.status = r.requiredString(resource, "status"_L1);
    f.code = r.codeable(resource, "code"_L1);
    for (const model::CodeableConcept& c : r.codeables(resource, "category"_L1))
        f.categories << c.displayText();
    f.period = r.period(resource, "period"_L1);
    f.patient = r.reference(resource, "subject"_L1);
    if (!r.ok())
        return r.error();
    return f;
}

Result<model::Device> mapDevice(const QJsonObject& resource)
{
    Reader r(resource, "Device"_L1);
    model::Device d;
    d.meta = r.meta();
    d.type = r.codeable(resource, "type"_L1);
    const QList<QJsonObject> names = r.objects(resource, "deviceName"_L1);
    if (!names.isEmpty())
        d.deviceName = r.string(names.first(), "name"_L1, u"deviceName[0]"_s);
    d.status = r.string(resource, "status"_L1);
    const QList<QJsonObject> udi = r.objects(resource, "udiCarrier"_L1);
    if (!udi.isEmpty()) {
        d.udi = r.string(udi.first(), "carrierHRF"_L1, u"udiCarrier[0]"_s);
        if (d.udi.isEmpty())
            d.udi = r.string(udi.first(), "deviceIdentifier"_L1, u"udiCarrier[0]"_s);
    }
    d.manufacturer = r.string(resource, "manufacturer"_L1);
    d.patient = r.reference(resource, "patient"_L1);
    if (!r.ok())
        return r.error();
    d.kind = codes::deviceKind(d.type, d.deviceName);
    return d;
}

Result<model::Device> mapDeviceUseStatement(const QJsonObject& resource, const ResourceLookup& lookup)
{
    Reader r(resource, "DeviceUseStatement"_L1);
    const model::ResourceMeta meta = r.meta();
    const QString status = r.requiredString(resource, "status"_L1);
    const model::Reference subject = r.reference(resource, "subject"_L1);
    const model::CodeableConcept bodySite = r.codeable(resource, "bodySite"_L1);
    if (r.ok() && !resource.contains("device"_L1))
        r.fail(u"device"_s, u"is missing"_s);
    const model::Reference deviceRef = r.reference(resource, "device"_L1);
    if (!r.ok())
        return r.error();

    model::Device d;
    const std::optional<QJsonObject> found =
        lookup && !deviceRef.reference.isEmpty() ? lookup(deviceRef.reference) : std::nullopt;
    if (found) {
        Result<model::Device> mapped = mapDevice(*found);
        if (!mapped.ok())
            return Error(ErrorCode::InvalidInput,
                r.label() + u": device points to a Device that cannot be read ("_s + mapped.error().message + u')');
        d = std::move(mapped).value();
    } else {
        d.meta = meta;
        d.type.text = deviceRef.display;
        d.kind = codes::deviceKind(d.type, QString());
    }
    if (d.type.text.isEmpty() && d.type.codings.isEmpty())
        d.type.text = deviceRef.display;
    d.useStatus = status;
    d.bodySite = bodySite;
    d.statementId = meta.id;
    d.patient = subject;
    return d;
}

} // namespace lantern::fhir
