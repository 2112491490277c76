#include "core/record/DosingInterval.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTime>

#include <algorithm>

namespace lantern::record {
namespace {

constexpr qint64 kDay = 24 * 3600;

// GTS abbreviations (Q6H, BID, WK, ...) when the repeat element is missing.
std::optional<qint64> fromTimingCode(const QString& code)
{
    const QString c = code.toUpper();
    static const QRegularExpression everyHours(QStringLiteral("^Q(\\d+)H$"));
    const auto m = everyHours.match(c);
    if (m.hasMatch() && m.captured(1).toInt() > 0)
        return qint64(m.captured(1).toInt()) * 3600;
    if (c == QLatin1String("QD") || c == QLatin1String("AM") || c == QLatin1String("PM") || c == QLatin1String("BED"))
        return kDay;
    if (c == QLatin1String("BID"))
        return kDay / 2;
    if (c == QLatin1String("TID"))
        return kDay / 3;
    if (c == QLatin1String("QID"))
        return kDay / 4;
    if (c == QLatin1String("QOD"))
        return 2 * kDay;
    if (c == QLatin1String("WK"))
        return 7 * kDay;
    if (c == QLatin1String("MO"))
        return 30 * kDay;
    return std::nullopt;
}

bool fromTimingCodeIsDaily(const QString& code)
{
    const auto secs = fromTimingCode(code);
    return secs && *secs <= kDay;
}

// Nominal clock times of FHIR event codes (EventTiming, v3 TimingEvent) on a
// German ward: 1-0-1 is MORN + EVE, 1-1-1-1 adds NOON and NIGHT. Only the gaps
// between them matter, so a ward whose morning round is at 07:00 still gets
// the right interval.
std::optional<int> nominalSecs(const QString& when)
{
    static const QHash<QString, int> times = {
        {QStringLiteral("WAKE"), 7 * 3600},       {QStringLiteral("MORN"), 8 * 3600},
        {QStringLiteral("MORN.early"), 6 * 3600}, {QStringLiteral("MORN.late"), 10 * 3600},
        {QStringLiteral("NOON"), 12 * 3600},      {QStringLiteral("AFT"), 15 * 3600},
        {QStringLiteral("AFT.early"), 13 * 3600}, {QStringLiteral("AFT.late"), 17 * 3600},
        {QStringLiteral("EVE"), 18 * 3600},       {QStringLiteral("EVE.early"), 17 * 3600},
        {QStringLiteral("EVE.late"), 20 * 3600},  {QStringLiteral("NIGHT"), 22 * 3600},
        {QStringLiteral("PHS"), 21 * 3600},       {QStringLiteral("HS"), 22 * 3600},
        {QStringLiteral("CM"), 8 * 3600},         {QStringLiteral("CD"), 12 * 3600},
        {QStringLiteral("CV"), 18 * 3600},        {QStringLiteral("ACM"), 7 * 3600 + 1800},
        {QStringLiteral("ACD"), 11 * 3600 + 1800}, {QStringLiteral("ACV"), 17 * 3600 + 1800},
        {QStringLiteral("PCM"), 8 * 3600 + 1800}, {QStringLiteral("PCD"), 12 * 3600 + 1800},
        {QStringLiteral("PCV"), 18 * 3600 + 1800},
    };
    const auto it = times.constFind(when);
    if (it == times.constEnd())
        return std::nullopt;
    return *it;
}

// Seconds of day a timing names: timeOfDay, and event codes ("C", "AC", "PC":
// every meal, three times).
QList<int> timesOfDay(const model::Timing& t)
{
    QList<int> secs;
    for (const QString& s : t.timeOfDay) {
        QTime time = QTime::fromString(s, QStringLiteral("HH:mm:ss"));
        if (!time.isValid())
            time = QTime::fromString(s, QStringLiteral("HH:mm"));
        if (time.isValid())
            secs << time.msecsSinceStartOfDay() / 1000;
    }
    for (const QString& w : t.when) {
        if (const auto s = nominalSecs(w))
            secs << *s;
        else if (w == QLatin1String("C") || w == QLatin1String("AC") || w == QLatin1String("PC"))
            secs << 8 * 3600 << 12 * 3600 << 18 * 3600;
    }
    return secs;
}

// Times of day repeat daily unless the timing gives another period (every 2 d, weekly).
bool isDaily(const model::Timing& t)
{
    if (!t.period)
        return t.code.isEmpty() || fromTimingCodeIsDaily(t.code);
    return periodUnitSeconds(t.periodUnit) > 0 && *t.period * double(periodUnitSeconds(t.periodUnit)) == double(kDay);
}

// The shortest gap between times of day, wrapping over midnight; one time: a day.
std::optional<qint64> shortestGap(QList<int> secs)
{
    std::sort(secs.begin(), secs.end());
    secs.erase(std::unique(secs.begin(), secs.end()), secs.end());
    if (secs.isEmpty())
        return std::nullopt;
    qint64 best = kDay - secs.constLast() + secs.constFirst();
    for (qsizetype i = 1; i < secs.size(); ++i)
        best = std::min<qint64>(best, secs.at(i) - secs.at(i - 1));
    return best > 0 ? std::optional<qint64>(best) : std::nullopt;
}

std::optional<qint64> intervalOf(const model::Timing& t)
{
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
    const auto consider = [&best](qint64 secs, bool prn) {
        if (secs > 0 && (!best || secs < best->seconds || (secs == best->seconds && prn)))
            best = MinimumInterval{secs, prn};
    };
    // Scheduled lines at times of day are one daily plan together: the German
    // 1-0-1 written as two dosages (MORN, EVE) gives doses 10 h apart, not
    // each once a day. PRN lines stand alone; their interval is a hard limit.
    QList<int> scheduledTimes;
    for (const model::Dosage& d : order.dosages) {
        const model::Timing& t = d.timing;
        const QList<int> times = timesOfDay(t);
        if (!times.isEmpty() && isDaily(t)) {
            if (d.asNeeded) {
                if (const auto gap = shortestGap(times))
                    consider(*gap, true);
            } else {
                scheduledTimes += times;
            }
            continue;
        }
        if (const auto secs = intervalOf(t))
            consider(*secs, d.asNeeded);
    }
    if (const auto gap = shortestGap(scheduledTimes))
        consider(*gap, false);
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
