#include "sync/mirror/ServerSupport.h"

#include <QJsonArray>

namespace lantern::sync {

QSet<QString> ServerSupport::searchIncludesOf(const QJsonObject& capabilityStatement)
{
    QSet<QString> out;
    if (capabilityStatement.value(QLatin1String("resourceType")).toString() != QLatin1String("CapabilityStatement"))
        return out;
    const QJsonArray rests = capabilityStatement.value(QLatin1String("rest")).toArray();
    for (const QJsonValue& rest : rests) {
        const QJsonArray resources = rest.toObject().value(QLatin1String("resource")).toArray();
        for (const QJsonValue& r : resources) {
            const QJsonArray includes = r.toObject().value(QLatin1String("searchInclude")).toArray();
            for (const QJsonValue& include : includes)
                out.insert(include.toString());
        }
    }
    return out;
}

} // namespace lantern::sync
