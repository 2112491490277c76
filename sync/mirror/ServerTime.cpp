#include "sync/mirror/ServerTime.h"

#include <QJsonObject>

namespace lantern::sync {

QDateTime parseFhirInstant(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

Result<QDateTime> serverTimeOf(const ResponseInfo& info)
{
    if (info.serverDate && info.serverDate->isValid())
        return info.serverDate->toUTC();
    return Error(ErrorCode::Server, QStringLiteral("the EHR sent no Date header; the mirror keeps its cursors in server "
                                                   "time and cannot continue (check the server or proxy configuration)"));
}

Result<QDateTime> serverTimeOf(const BundlePage& page)
{
    const QDateTime meta = parseFhirInstant(page.bundle.value(QLatin1String("meta")).toObject()
                                                .value(QLatin1String("lastUpdated")).toString());
    if (meta.isValid())
        return meta;
    return serverTimeOf(page.info);
}

} // namespace lantern::sync
