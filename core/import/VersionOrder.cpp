#include "core/import/VersionOrder.h"

#include <QDateTime>

#include <optional>

namespace lantern::import {
namespace {

std::optional<qint64> numericVersion(const QString& versionId)
{
    bool ok = false;
    const qint64 n = versionId.trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(n) : std::nullopt;
}

// A FHIR instant (with or without milliseconds, any offset) in UTC; invalid when unreadable.
QDateTime instant(const QString& text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    // A date without a time is no instant: it cannot order two versions of one day.
    if (!t.isValid() || text.size() <= 10)
        return {};
    return t.toUTC();
}

template <typename T>
VersionVerdict order(const T& incoming, const T& stored)
{
    if (incoming > stored)
        return VersionVerdict::Newer;
    return incoming < stored ? VersionVerdict::Older : VersionVerdict::Same;
}

} // namespace

VersionVerdict VersionOrder::compare(const VersionStamp& incoming, const VersionStamp& stored)
{
    const std::optional<qint64> inNumber = numericVersion(incoming.versionId);
    const std::optional<qint64> storedNumber = numericVersion(stored.versionId);
    if (inNumber && storedNumber)
        return order(*inNumber, *storedNumber);

    const QDateTime inTime = instant(incoming.lastUpdated);
    const QDateTime storedTime = instant(stored.lastUpdated);
    if (inTime.isValid() && storedTime.isValid())
        return order(inTime, storedTime);

    if (!incoming.versionId.isEmpty() && incoming.versionId == stored.versionId)
        return VersionVerdict::Same;
    if (stored.versionId.isEmpty() && !storedTime.isValid())
        return VersionVerdict::Newer;
    return VersionVerdict::Older;
}

} // namespace lantern::import
