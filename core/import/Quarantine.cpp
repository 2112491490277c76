#include "core/import/Quarantine.h"

#include "core/fhir/ChartBuilder.h"
#include "core/fhir/Codes.h"
#include "core/fhir/Reader.h"
#include "core/fhir/ResourceIndex.h"

#include <QJsonArray>

namespace lantern::import {
namespace {

QString patientOf(const QJsonObject& resource, const fhir::ReferenceResolver& refs)
{
    const QString type = resource.value(QLatin1String("resourceType")).toString();
    const QString id = resource.value(QLatin1String("id")).toString();
    if (type == QLatin1String("Patient"))
        return fhir::isValidId(id) ? id : QString();
    for (const char* key : {"subject", "patient", "beneficiary"}) {
        const QJsonValue v = resource.value(QLatin1String(key));
        const QJsonArray candidates = v.isArray() ? v.toArray() : QJsonArray{v};
        for (const QJsonValue& c : candidates) {
            const QString resolved = refs.resolve(c.toObject().value(QLatin1String("reference")).toString());
            if (resolved.startsWith(QLatin1String("Patient/")))
                return resolved.mid(8);
        }
    }
    return {};
}

} // namespace

std::optional<vault::QuarantinedResource> quarantineRow(const QJsonObject& resource, const QByteArray& raw,
                                                        const fhir::ReferenceResolver& refs, const Error& why,
                                                        const QString& source, const QDateTime& now)
{
    const QString patientId = patientOf(resource, refs);
    if (patientId.isEmpty())
        return std::nullopt;
    const model::UnreadableResource u = fhir::unreadableResource(resource, why);
    return vault::QuarantinedResource{patientId, u.type, u.id, why.message, u.bearsAllergies, source,
                                      now.toUTC().toString(Qt::ISODateWithMs), raw};
}

} // namespace lantern::import
