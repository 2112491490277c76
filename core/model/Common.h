#pragma once
// Small FHIR datatypes shared by every domain struct: plain values, no Qt
// objects, cheap to copy. They keep what the ward needs, not every element.

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::model {

struct Coding
{
    QString system;
    QString code;
    QString display;

    bool is(const QString& s, const QString& c) const { return system == s && code == c; }
};

struct CodeableConcept
{
    QList<Coding> codings;
    QString text;

    bool isEmpty() const { return codings.isEmpty() && text.isEmpty(); }
    bool hasCode(const QString& system, const QString& code) const;
    // The code in `system`, or empty.
    QString codeIn(const QString& system) const;
    // What a person reads: text, else the first coding's display, else its code.
    QString displayText() const;
};

struct Quantity
{
    std::optional<double> value;
    QString unit;       // human-readable unit ("mg", "Packung")
    QString system;     // e.g. http://unitsofmeasure.org
    QString code;       // coded unit
    QString comparator; // "<", "<=", ... when present

    bool isEmpty() const { return !value && unit.isEmpty() && code.isEmpty(); }
    // The unit to print: unit, else code.
    QString unitText() const { return unit.isEmpty() ? code : unit; }
};

struct Reference
{
    QString reference; // as written: "Patient/x", "urn:uuid:...", "#med1", absolute URL
    QString display;

    bool isEmpty() const { return reference.isEmpty() && display.isEmpty(); }
};

// A FHIR date, dateTime or instant. FHIR allows partial dates ("2004",
// "2012-06"), so the original text is always kept; `instant` is only set
// when a time of day is known. `date` is the day as written; for a year or
// month only it is the first day of that year or month (see precision).
struct When
{
    enum class Precision { None, Year, Month, Day, Time };

    QString text;       // exactly as in the resource
    Precision precision = Precision::None;
    QDate date;         // the calendar day as written (before any time-zone shift)
    QDateTime instant;  // UTC; valid only for Precision::Time
    bool hadOffset = false; // false: a time without zone, read as local time

    bool isNull() const { return precision == Precision::None; }
    // For ordering: the instant, else the first moment of the (partial) date in UTC.
    QDateTime sortKey() const;
};

struct Period
{
    When start;
    When end;

    bool isEmpty() const { return start.isNull() && end.isNull(); }
};

// Version information every mapped resource carries, from meta.
struct ResourceMeta
{
    QString id;
    QString versionId;
    When lastUpdated;
};

// Set on what a chart or census shows from this device's outbox: recorded here
// during a downtime and not yet (or only just) in the EHR. The UI marks it.
struct LocalEntryMark
{
    QString entryUuid;
    QString state;  // outbox state: pending | conflict | uploaded | duplicate
    QString author; // username of the person who recorded it
    QDateTime recordedAt;
};

} // namespace lantern::model
