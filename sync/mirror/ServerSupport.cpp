#include "sync/mirror/ServerSupport.h"

#include "sync/fhir/FhirClient.h"
#include "sync/mirror/BulkLoader.h"

#include <QJsonArray>

namespace lantern::sync {

void ServerSupport::readCapabilities(const FhirClient& client)
{
    if (capabilitiesRead)
        return;
    auto cs = client.capabilities();
    if (cs.ok())
        learnFrom(cs->json);
    // Any answer of the server counts as read: one without a CapabilityStatement
    // would not bring one next cycle either.
    capabilitiesRead = cs.ok() || cs.httpStatus() != 0;
}

void ServerSupport::learnFrom(const QJsonObject& cs)
{
    if (cs.value(QLatin1String("resourceType")).toString() != QLatin1String("CapabilityStatement"))
        return;
    groupExport = BulkLoader::offersGroupExport(cs);
    const QJsonArray rests = cs.value(QLatin1String("rest")).toArray();
    for (const QJsonValue& rest : rests) {
        const QJsonArray systemInteractions = rest.toObject().value(QLatin1String("interaction")).toArray();
        for (const QJsonValue& i : systemInteractions)
            systemHistory = systemHistory || i.toObject().value(QLatin1String("code")).toString() == QLatin1String("history-system");
        const QJsonArray resources = rest.toObject().value(QLatin1String("resource")).toArray();
        for (const QJsonValue& r : resources) {
            const QJsonObject resource = r.toObject();
            if (resource.value(QLatin1String("type")).toString() != QLatin1String("Patient"))
                continue;
            bool history = false;
            const QJsonArray interactions = resource.value(QLatin1String("interaction")).toArray();
            for (const QJsonValue& i : interactions)
                history = history || i.toObject().value(QLatin1String("code")).toString() == QLatin1String("history-type");
            typeHistory = history;
        }
    }
}

} // namespace lantern::sync
