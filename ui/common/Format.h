#pragma once
// How Lantern writes times, dates, ages and allergy states, on screen and on
// paper: 24-hour clock, day-first dates, the time zone stated where it matters.
// One place, so the census, the chart and the printouts never disagree.

#include "core/model/Allergy.h"

#include <QColor>
#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QString>

namespace lantern::ui {

class Format
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::Format)

public:
    // "14.03.2026" (local date)
    static QString date(const QDate& d);
    // "14.03.2026 09:05" in local time
    static QString dateTime(const QDateTime& utc);
    // "Sun 01.03." / "So. 01.03." (local date, weekday in the UI language): MAR shift columns
    static QString weekdayDate(const QDateTime& utc);
    // "09:05" in local time
    static QString time(const QDateTime& utc);
    // "14.03.2026 09:05 CET" — for paper, where the zone must be stated
    static QString dateTimeWithZone(const QDateTime& utc);
    // A FHIR date that may be partial ("1950", "1950-04"): printed as precise as written.
    static QString fhirDate(const QString& text);
    // "54 y", "7 mo", "12 d" at `today`; empty if unknown
    static QString age(const QDate& birth, const QDate& today);
    // "F", "M", "X", "?"
    static QString sexShort(const QString& administrativeGender);
    // "5 min ago", "2 h 10 min ago"
    static QString ago(qint64 seconds);

    // Allergy status: the word and its colours. The three never look alike:
    // recorded allergies red, NKA green outline, no information grey "?".
    static QString allergyBadgeText(model::AllergyStatus status);
    static QString allergyLongText(model::AllergyStatus status);
    static QColor allergyBackground(model::AllergyStatus status);
    static QColor allergyForeground(model::AllergyStatus status);
    // The style sheet of a badge label.
    static QString allergyBadgeStyle(model::AllergyStatus status);
};

} // namespace lantern::ui
