#pragma once
// Small helpers for building and reading FHIR R4 JSON with QJsonObject, plus
// the date handling FHIR needs (instants, precision-aware search ranges).

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::sim::fhir {

// Code systems and identifier systems used by the generator and the loader.
namespace sys {
inline QString snomed() { return QStringLiteral("http://snomed.info/sct"); }
inline QString loinc() { return QStringLiteral("http://loinc.org"); }
inline QString ucum() { return QStringLiteral("http://unitsofmeasure.org"); }
inline QString atc() { return QStringLiteral("http://www.whocc.no/atc"); }
inline QString icd10gm() { return QStringLiteral("http://fhir.de/CodeSystem/bfarm/icd-10-gm"); }
inline QString kvid10() { return QStringLiteral("http://fhir.de/sid/gkv/kvid-10"); }
inline QString mrn() { return QStringLiteral("https://lantern.example/mrn"); }
inline QString visitNumber() { return QStringLiteral("https://lantern.example/visit"); }
inline QString placerOrder() { return QStringLiteral("https://lantern.example/order"); }
inline QString v2IdentifierType() { return QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"); }
inline QString actCode() { return QStringLiteral("http://terminology.hl7.org/CodeSystem/v3-ActCode"); }
inline QString locationPhysicalType() { return QStringLiteral("http://terminology.hl7.org/CodeSystem/location-physical-type"); }
} // namespace sys

QJsonObject coding(const QString& system, const QString& code, const QString& display = {});
QJsonObject codeable(const QJsonObject& coding, const QString& text = {});
QJsonObject textConcept(const QString& text);
QJsonObject reference(const QString& ref, const QString& display = {});
QJsonObject quantity(double value, const QString& unit, const QString& ucumCode);
QString refOf(const QString& type, const QString& id);

// FHIR instant with milliseconds in UTC: 2026-03-01T08:00:00.000Z
QString instant(qint64 msecsSinceEpoch);
// dateTime with the local offset and second precision: 2026-03-01T09:00:00+01:00
QString localDateTime(const QDateTime& t);
// The same for an instant and a known offset from UTC; fast (no time zone lookup).
QString formatDateTime(qint64 msecsSinceEpoch, int offsetSeconds, bool withMilliseconds);
// HTTP-date for Last-Modified: Sun, 01 Mar 2026 08:00:00 GMT
QByteArray httpDate(qint64 msecsSinceEpoch);

// A FHIR date/dateTime/instant search value is a range given by its precision:
// "2026-03-01" covers the whole day. Both ends inclusive, in ms since epoch.
struct TimeRange
{
    qint64 lo = 0;
    qint64 hi = 0;
};
std::optional<TimeRange> parseTimeRange(QString value);
// Parses a FHIR dateTime/instant to ms since epoch (start of its range).
std::optional<qint64> parseInstant(const QString& value);

bool isValidId(const QString& id);
bool isKnownResourceType(const QString& type);

QString etag(int versionId);                       // W/"3"
std::optional<int> parseETag(const QString& value); // W/"3", "3" or 3

// Splits "Type/id" (or an absolute URL ending in Type/id) into its parts.
std::optional<std::pair<QString, QString>> splitReference(const QString& ref);

} // namespace lantern::sim::fhir
