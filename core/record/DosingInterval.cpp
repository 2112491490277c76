#include "record/DosingInterval.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTime>

#include <algorithm>

namespace lantern::record {
namespace {

constexpr qint64 kDay = 24 * 3600;

// The shortest gap between fixed times of day, wrapping over midnight.
std::optional<qint64> shortestGap(const QStringList& timesOfDay)
{
    QList<int> secs;
    for (const QString& t : timesOfDay) {
        QTime time = QTime::fromString(t, QStringLiteral("HH:mm:ss"));
        if (!time.isValid())
            time = QTime::fromString(t, QStringLiteral("HH:mm"));
        if (time.isValid())
            secs << time.msecsSinceStartOfDay() / 1000;
    }
    if (secs.size() < 2)
        return std::nullopt;
    std::sort(secs.begin(), secs.end());
    qint64 best = kDay - secs.constLast() + secs.constFirst();
    for (qsizetype i = 1; i < secs.size(); ++i)
        best = std::min<qint64>(best, secs.at(i) - secs.at(i - 1));
    return best > 0 ? std::optional<qint64>(best) : std::nullopt;
}

// GTS abbreviations (Q6H, BID, ...) when the repeat element is missing.
std::optional<qint64> fromTimingCode(const QString& code)
{
    const QString c = code.toUpper();
    static const QRegularExpression everyHours(QStringLiteral("^Q(\\d+)H$"));
    const auto m = everyHours.match(c);
    if (m.hasMatch() && m.captured(1).toInt() > 0)
        return qint64(m.captured(1).toInt()) * 3600;
    if (c == QLatin1String("QD"))
        return kDay;
    if (c == QLatin1String("BID"))
        return kDay / 2;
    if (c == QLatin1String("TID"))
        return kDay / 3;
    if (c == QLatin1String("QID"))
        return kDay / 4;
    if (c == QLatin1String("QOD"))
        return 2 * kDay;
    return std::nullopt;
}

std::optional<qint64> intervalOf(const model::Timing& t)
{
    if (auto gap = shortestGap(t.timeOfDay))
        return gap;
    const qint64 unit = periodUnitSeconds(t.periodUnit);
    if (t.period && *t.period > 0 && unit > 0) {
        // "up to n times per period" allows the shorter interval.
        const int times = std::max(1, t.frequencyMax.value_or(t.frequency.value_or(1)));
        return static_cast<qint64>(*t.period * double(unit) / times);
    }
    if (!t.code.isEmpty())
        return fromTimingCode(t.code);
    return std::nullopt;
}

} // namespace

qint64 periodUnitSeconds(const QString& unit)
{
    if (unit == QLatin1String("s"))
        return 1;
    if (unit == QLatin1String("min"))
        return 60;
    if (unit == QLatin1String("h"))
        return 3600;
    if (unit == QLatin1String("d"))
        return kDay;
    if (unit == QLatin1String("wk"))
        return 7 * kDay;
    if (unit == QLatin1String("mo"))
        return 30 * kDay;
    if (unit == QLatin1String("a"))
        return 365 * kDay;
    return 0;
}

std::optional<MinimumInterval> minimumInterval(const model::MedicationOrder& order)
{
    std::optional<MinimumInterval> best;
    for (const model::Dosage& d : order.dosages) {
        const auto secs = intervalOf(d.timing);
        if (!secs || *secs <= 0)
            continue;
        if (!best || *secs < best->seconds)
            best = MinimumInterval{*secs, d.asNeeded};
    }
    if (best)
        best->prn = order.isPrn();
    return best;
}

std::optional<MaxDosePerPeriod> maxDosePerPeriod(const QJsonObject& medicationRequest)
{
    std::optional<MaxDosePerPeriod> best;
    for (const QJsonValue& v : medicationRequest.value(QLatin1String("dosageInstruction")).toArray()) {
        const QJsonObject ratio = v.toObject().value(QLatin1String("maxDosePerPeriod")).toObject();
        const QJsonObject num = ratio.value(QLatin1String("numerator")).toObject();
        const QJsonObject den = ratio.value(QLatin1String("denominator")).toObject();
        if (!num.value(QLatin1String("value")).isDouble())
            continue;
        QString denUnit = den.value(QLatin1String("code")).toString();
        if (denUnit.isEmpty())
            denUnit = den.value(QLatin1String("unit")).toString();
        const qint64 period = static_cast<qint64>(den.value(QLatin1String("value")).toDouble(1) * double(periodUnitSeconds(denUnit)));
        if (period <= 0)
            continue;
        MaxDosePerPeriod limit;
        limit.amount = num.value(QLatin1String("value")).toDouble();
        limit.unitText = num.value(QLatin1String("unit")).toString();
        limit.unitCode = num.value(QLatin1String("code")).toString();
        if (limit.unitCode.isEmpty())
            limit.unitCode = limit.unitText;
        limit.periodSeconds = period;
        if (!best || limit.amount / double(limit.periodSeconds) < best->amount / double(best->periodSeconds))
            best = limit;
    }
    return best;
}

} // namespace lantern::record
