#include "core/fhir/WhenParser.h"

namespace lantern::fhir {
namespace {

// A cursor over the text; every read checks for ASCII digits only.
class Scan
{
public:
    explicit Scan(QStringView text) : m_text(text) {}

    bool atEnd() const { return m_pos == m_text.size(); }
    bool peek(char16_t c) const { return !atEnd() && m_text.at(m_pos).unicode() == c; }
    bool take(char16_t c)
    {
        if (!peek(c))
            return false;
        ++m_pos;
        return true;
    }
    // Exactly `count` digits as a number, or -1.
    int digits(int count)
    {
        if (m_pos + count > m_text.size())
            return -1;
        int value = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = m_text.at(m_pos + i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        m_pos += count;
        return value;
    }
    // One or more digits of a fraction of a second, as milliseconds (truncated, like the FHIR precision we keep).
    int fractionMs()
    {
        int ms = 0;
        int seen = 0;
        while (!atEnd()) {
            const char16_t c = m_text.at(m_pos).unicode();
            if (c < u'0' || c > u'9')
                break;
            if (seen < 3)
                ms = ms * 10 + (c - u'0');
            ++seen;
            ++m_pos;
        }
        if (seen == 0)
            return -1;
        for (int i = seen; i < 3; ++i)
            ms *= 10;
        return ms;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};

using Precision = model::When::Precision;

// The part after 'T': hh:mm[:ss[.fff]][Z|±hh:mm]. Fills instant and hadOffset.
bool readTime(Scan& s, model::When& w)
{
    const int hour = s.digits(2);
    if (hour < 0 || !s.take(u':'))
        return false;
    const int minute = s.digits(2);
    if (minute < 0)
        return false;
    int second = 0;
    int ms = 0;
    if (s.take(u':')) {
        second = s.digits(2);
        if (second < 0)
            return false;
        if (s.take(u'.') && (ms = s.fractionMs()) < 0)
            return false;
    }
    const QTime time(hour, minute, second, ms);
    if (!time.isValid())
        return false;
    if (s.atEnd()) {
        // FHIR wants a zone with every time; without one it is the ward's local time.
        w.instant = QDateTime(w.date, time, Qt::LocalTime).toUTC();
        return w.instant.isValid();
    }
    int offsetSeconds = 0;
    if (!s.take(u'Z')) {
        const bool negative = s.peek(u'-');
        if (!s.take(u'+') && !s.take(u'-'))
            return false;
        const int hours = s.digits(2);
        if (hours < 0 || !s.take(u':'))
            return false;
        const int minutes = s.digits(2);
        if (minutes < 0 || hours > 14 || minutes > 59)
            return false;
        offsetSeconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
    }
    if (!s.atEnd())
        return false;
    // The wall time at an offset is that time in UTC shifted back by the offset.
    w.instant = QDateTime(w.date, time, Qt::UTC).addSecs(-offsetSeconds);
    w.hadOffset = true;
    return w.instant.isValid();
}

} // namespace

std::optional<model::When> parseFhirWhen(QStringView text)
{
    Scan s(text);
    model::When w;
    const int year = s.digits(4);
    if (year < 0)
        return std::nullopt;
    int month = 1;
    int day = 1;
    w.precision = Precision::Year;
    if (s.take(u'-')) {
        if ((month = s.digits(2)) < 0)
            return std::nullopt;
        w.precision = Precision::Month;
        if (s.take(u'-')) {
            if ((day = s.digits(2)) < 0)
                return std::nullopt;
            w.precision = Precision::Day;
        }
    }
    w.date = QDate(year, month, day);
    if (!w.date.isValid())
        return std::nullopt;
    if (w.precision == Precision::Day && s.take(u'T')) {
        w.precision = Precision::Time;
        if (!readTime(s, w))
            return std::nullopt;
    }
    if (!s.atEnd())
        return std::nullopt;
    w.text = text.toString();
    return w;
}

} // namespace lantern::fhir
