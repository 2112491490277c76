#include "sync/http/HttpDate.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

namespace lantern::sync {

std::optional<QDateTime> parseHttpDate(const QByteArray& value)
{
    const std::string text = value.trimmed().toStdString();
    if (text.empty())
        return std::nullopt;
    static const std::string formats[] = {Poco::DateTimeFormat::HTTP_FORMAT, Poco::DateTimeFormat::RFC850_FORMAT,
                                          Poco::DateTimeFormat::ASCTIME_FORMAT, Poco::DateTimeFormat::RFC1123_FORMAT};
    for (const std::string& format : formats) {
        Poco::DateTime parsed;
        int tzd = 0;
        if (Poco::DateTimeParser::tryParse(format, text, parsed, tzd)) {
            parsed.makeUTC(tzd);
            const qint64 msecs = parsed.timestamp().epochMicroseconds() / 1000;
            return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        }
    }
    return std::nullopt;
}

QByteArray formatHttpDate(const QDateTime& time)
{
    const Poco::Timestamp ts(time.toMSecsSinceEpoch() * 1000);
    return QByteArray::fromStdString(Poco::DateTimeFormatter::format(ts, Poco::DateTimeFormat::HTTP_FORMAT));
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& reference)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(seconds * 1000));
    const std::optional<QDateTime> at = parseHttpDate(trimmed);
    if (!at)
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, reference.msecsTo(*at)));
}

} // namespace lantern::sync
