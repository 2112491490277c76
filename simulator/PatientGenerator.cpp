// Synthetic Patient resources: names (German with umlauts, or English), MRN,
// German statutory insurance number (KVNR) with a valid check digit, birth
// date, sex, address and a next of kin with a phone number.
#include "ChartBuilders.h"

#include "FhirJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace lantern::sim::gen {

using namespace fhir;

QString createResource(ResourceSink& sink, const QJsonObject& resource)
{
    return sink.add(resource);
}

QString localTime(qint64 ms, const QTimeZone& tz)
{
    // Offsets change only on whole UTC hours (DST in Europe); asking QTimeZone once per hour
    // instead of once per timestamp keeps generating 150,000 resources fast.
    struct Cache
    {
        QByteArray zone;
        QHash<qint64, int> offsetByHour;
    };
    thread_local Cache cache;
    if (cache.zone != tz.id()) {
        cache.zone = tz.id();
        cache.offsetByHour.clear();
    }
    const qint64 hour = ms >= 0 ? ms / 3600000 : (ms - 3599999) / 3600000;
    auto it = cache.offsetByHour.find(hour);
    if (it == cache.offsetByHour.end())
        it = cache.offsetByHour.insert(hour, tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(hour * 3600000, Qt::UTC)));
    return formatDateTime(ms, *it, false);
}

QTimeZone wardTimeZone()
{
    // Ward clocks are German local time; DST changes must be handled by every reader.
    static const QTimeZone berlin(QByteArrayLiteral("Europe/Berlin"));
    return berlin.isValid() ? berlin : QTimeZone(QByteArrayLiteral("UTC"));
}

QString kvnrWithCheckDigit(QChar letter, const QString& eightDigits)
{
    // KVNR: letter as two digits (A=01 .. Z=26) + 8 digits, weights 1,2,1,2..., digit sums of
    // products, sum mod 10 is the check digit.
    const int letterValue = letter.toUpper().unicode() - u'A' + 1;
    const QString digits = QStringLiteral("%1").arg(letterValue, 2, 10, QChar(u'0')) + eightDigits;
    int sum = 0;
    for (int i = 0; i < digits.size(); ++i) {
        int p = digits.at(i).digitValue() * (i % 2 == 0 ? 1 : 2);
        sum += p > 9 ? p / 10 + p % 10 : p;
    }
    return QString(letter.toUpper()) + eightDigits + QString::number(sum % 10);
}

namespace {

QString digits(Rng& rng, int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += QChar(u'0' + rng.below(10));
    return s;
}

QJsonObject contactOf(Rng& rng, bool german, const QString& family, bool patientFemale)
{
    static const char* germanRelations[] = {"Ehefrau", "Ehemann", "Tochter", "Sohn", "Lebensgefährtin", "Nichte"};
    static const char* englishRelations[] = {"Wife", "Husband", "Daughter", "Son", "Partner", "Niece"};
    int relation = rng.below(6);
    if (relation < 2)
        relation = patientFemale ? 1 : 0; // spouse of the other sex, for simplicity
    const bool contactFemale = relation == 0 || relation == 2 || relation == 4 || relation == 5;
    const QStringList& given = german ? (contactFemale ? catalog::germanGivenFemale() : catalog::germanGivenMale())
                                      : (contactFemale ? catalog::englishGivenFemale() : catalog::englishGivenMale());
    const QString contactFamily = relation <= 3 ? family : (german ? rng.pick(catalog::germanFamily()) : rng.pick(catalog::englishFamily()));
    const QString phone = german ? QString(u"+49 1"_s + QString::number(rng.between(51, 79)) + u' ' + digits(rng, 7))
                                 : QString(u"+44 7700 900"_s + digits(rng, 3));
    return QJsonObject{
        {u"relationship"_s,
            QJsonArray{codeable(coding(u"http://terminology.hl7.org/CodeSystem/v2-0131"_s, u"N"_s, u"Next-of-Kin"_s)),
                textConcept(QString::fromUtf8(german ? germanRelations[relation] : englishRelations[relation]))}},
        {u"name"_s, QJsonObject{{u"family"_s, contactFamily}, {u"given"_s, QJsonArray{rng.pick(given)}}}},
        {u"telecom"_s, QJsonArray{QJsonObject{{u"system"_s, u"phone"_s}, {u"value"_s, phone}, {u"use"_s, u"mobile"_s}}}}};
}

} // namespace

PatientDraft draftPatient(Rng& rng, int serial, qint64 nowMs)
{
    PatientDraft d;
    d.german = rng.chance(0.75);
    d.female = rng.chance(0.5);
    const QString family = d.german ? rng.pick(catalog::germanFamily()) : rng.pick(catalog::englishFamily());
    const QStringList& givenList = d.german ? (d.female ? catalog::germanGivenFemale() : catalog::germanGivenMale())
                                            : (d.female ? catalog::englishGivenFemale() : catalog::englishGivenMale());
    QJsonArray given{rng.pick(givenList)};
    if (rng.chance(0.2))
        given.append(rng.pick(givenList));
    // Inpatients skew old: 18..97 years, most over 60.
    d.ageYears = rng.chance(0.7) ? rng.between(60, 97) : rng.between(18, 59);
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    const QDate birth = today.addYears(-d.ageYears).addDays(-rng.between(1, 364));

    QJsonArray identifiers{QJsonObject{{u"use"_s, u"usual"_s},
        {u"type"_s, codeable(coding(sys::v2IdentifierType(), u"MR"_s, u"Medical record number"_s))},
        {u"system"_s, sys::mrn()}, {u"value"_s, QString::number(10000000 + serial)}}};
    if (d.german) {
        const QString kvnr = kvnrWithCheckDigit(QChar(u'A' + rng.below(26)), digits(rng, 8));
        identifiers.append(QJsonObject{
            {u"type"_s, codeable(coding(u"http://fhir.de/CodeSystem/identifier-type-de-basis"_s, u"KVZ10"_s))},
            {u"system"_s, sys::kvid10()}, {u"value"_s, kvnr}});
    }
    QJsonObject name{{u"use"_s, u"official"_s}, {u"family"_s, family}, {u"given"_s, given}};
    QJsonObject address;
    if (d.german) {
        const QStringList city = rng.pick(catalog::germanCities()).split(u'|');
        address = QJsonObject{{u"use"_s, u"home"_s},
            {u"line"_s, QJsonArray{QString(rng.pick(catalog::germanStreets()) + u' ' + QString::number(rng.between(1, 120)))}},
            {u"city"_s, city.at(0)}, {u"postalCode"_s, city.at(1)}, {u"country"_s, u"DE"_s}};
    } else {
        address = QJsonObject{{u"use"_s, u"temp"_s}, {u"text"_s, u"Visitor, staying in München"_s},
            {u"country"_s, u"GB"_s}};
    }
    d.resource = QJsonObject{{u"resourceType"_s, u"Patient"_s}, {u"identifier"_s, identifiers},
        {u"active"_s, true}, {u"name"_s, QJsonArray{name}},
        {u"gender"_s, d.female ? u"female"_s : u"male"_s}, {u"birthDate"_s, birth.toString(Qt::ISODate)},
        {u"address"_s, QJsonArray{address}},
        {u"communication"_s, QJsonArray{QJsonObject{
                                 {u"language"_s, codeable(coding(u"urn:ietf:bcp:47"_s, d.german ? u"de"_s : u"en"_s))},
                                 {u"preferred"_s, true}}}}};
    if (rng.chance(0.9))
        d.resource.insert(u"contact"_s, QJsonArray{contactOf(rng, d.german, family, d.female)});
    return d;
}

} // namespace lantern::sim::gen
