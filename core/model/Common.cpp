#include "core/model/Common.h"

namespace lantern::model {

bool CodeableConcept::hasCode(const QString& system, const QString& code) const
{
    for (const Coding& c : codings) {
        if (c.is(system, code))
            return true;
    }
    return false;
}

QString CodeableConcept::codeIn(const QString& system) const
{
    for (const Coding& c : codings) {
        if (c.system == system)
            return c.code;
    }
    return {};
}

QString CodeableConcept::displayText() const
{
    if (!text.isEmpty())
        return text;
    for (const Coding& c : codings) {
        if (!c.display.isEmpty())
            return c.display;
    }
    return codings.isEmpty() ? QString() : codings.first().code;
}

QDateTime When::sortKey() const
{
    switch (precision) {
    case Precision::Time: return instant;
    case Precision::Day: return QDateTime(date, QTime(0, 0), Qt::UTC);
    case Precision::Month:
    case Precision::Year: return QDateTime(date, QTime(0, 0), Qt::UTC); // date holds the first day
    case Precision::None: break;
    }
    return {};
}

} // namespace lantern::model
