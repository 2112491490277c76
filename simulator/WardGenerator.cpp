// Wards, beds, in-progress inpatient Encounters and the per-ward census Group.
#include "ChartBuilders.h"

#include "FhirJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace lantern::sim::gen {

using namespace fhir;

namespace {

QJsonObject physicalType(const QString& code, const QString& display)
{
    return codeable(coding(sys::locationPhysicalType(), code, display));
}

} // namespace

QJsonObject wardLocation(const QString& id, const QString& code, const QString& name)
{
    return QJsonObject{{u"resourceType"_s, u"Location"_s}, {u"id"_s, id},
        {u"identifier"_s, QJsonArray{QJsonObject{{u"system"_s, u"https://lantern.example/ward"_s}, {u"value"_s, code}}}},
        {u"status"_s, u"active"_s}, {u"name"_s, name}, {u"alias"_s, QJsonArray{code}}, {u"mode"_s, u"instance"_s},
        {u"physicalType"_s, physicalType(u"wa"_s, u"Ward"_s)}};
}

QJsonObject bedLocation(const QString& wardId, const QString& wardName, const QString& bedId, const QString& bedName)
{
    return QJsonObject{{u"resourceType"_s, u"Location"_s}, {u"id"_s, bedId}, {u"status"_s, u"active"_s},
        {u"name"_s, bedName}, {u"mode"_s, u"instance"_s}, {u"physicalType"_s, physicalType(u"bd"_s, u"Bed"_s)},
        {u"partOf"_s, reference(u"Location/"_s + wardId, wardName)}};
}

QJsonObject encounterResource(const QString& patientRef, const QString& wardId, const QString& wardName,
    const QString& bedId, const QString& bedName, qint64 admitMs, int serial, const QTimeZone& tz)
{
    auto location = [](const QString& ref, const QString& display, const QString& code, const QString& typeDisplay) {
        return QJsonObject{{u"location"_s, reference(ref, display)}, {u"status"_s, u"active"_s},
            {u"physicalType"_s, physicalType(code, typeDisplay)}};
    };
    return QJsonObject{{u"resourceType"_s, u"Encounter"_s},
        {u"identifier"_s, QJsonArray{QJsonObject{
                              {u"type"_s, codeable(coding(sys::v2IdentifierType(), u"VN"_s, u"Visit number"_s))},
                              {u"system"_s, sys::visitNumber()}, {u"value"_s, QString(u"V"_s + QString::number(50000000 + serial))}}}},
        {u"status"_s, u"in-progress"_s},
        {u"class"_s, coding(sys::actCode(), u"IMP"_s, u"inpatient encounter"_s)},
        {u"subject"_s, reference(patientRef)},
        {u"period"_s, QJsonObject{{u"start"_s, localTime(admitMs, tz)}}},
        {u"location"_s, QJsonArray{location(u"Location/"_s + wardId, wardName, u"wa"_s, u"Ward"_s),
                            location(u"Location/"_s + bedId, bedName, u"bd"_s, u"Bed"_s)}}};
}

QJsonObject groupResource(const QString& wardId, const QString& wardName, const QList<std::pair<QString, QString>>& members)
{
    QJsonArray memberArray;
    for (const auto& [patientRef, since] : members) {
        QJsonObject m{{u"entity"_s, reference(patientRef)}};
        if (!since.isEmpty())
            m.insert(u"period"_s, QJsonObject{{u"start"_s, since}});
        memberArray.append(m);
    }
    return QJsonObject{{u"resourceType"_s, u"Group"_s}, {u"id"_s, wardId}, {u"active"_s, true},
        {u"type"_s, u"person"_s}, {u"actual"_s, true}, {u"name"_s, QString(wardName + u" – aktuelle Belegung"_s)},
        {u"quantity"_s, int(members.size())},
        {u"characteristic"_s, QJsonArray{QJsonObject{{u"code"_s, textConcept(u"Station"_s)},
                                  {u"valueReference"_s, reference(u"Location/"_s + wardId, wardName)},
                                  {u"exclude"_s, false}}}},
        {u"member"_s, memberArray}};
}

} // namespace lantern::sim::gen
