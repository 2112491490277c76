#include "core/records/LocalEntries.h"

#include "core/fhir/AdministrationMapping.h"
#include "core/fhir/AllergyMapping.h"
#include "core/fhir/ChartBuilder.h"
#include "core/fhir/Codes.h"
#include "core/record/EntryResources.h"

#include <QJsonArray>

#include <algorithm>

namespace lantern::records {

using record::EntryKind;
using record::EntryState;

namespace {

model::LocalEntryMark markOf(const record::OutboxItem& item)
{
    return {item.entry.uuid, record::entryStateName(item.state), item.entry.author, item.entry.recordedAt};
}

bool isOpen(EntryState s)
{
    return s == EntryState::Pending || s == EntryState::Conflict;
}

QString attachmentText(const QJsonObject& document)
{
    const QJsonArray content = document.value(QLatin1String("content")).toArray();
    if (content.isEmpty())
        return {};
    const QString data =
        content.first().toObject().value(QLatin1String("attachment")).toObject().value(QLatin1String("data")).toString();
    return QString::fromUtf8(QByteArray::fromBase64(data.toLatin1()));
}

// "hold" | "review" | "dose-concern" from the annotation's category; the note kind from its LOINC type.
QString annotationKind(const QJsonObject& document)
{
    for (const QJsonValue& c : document.value(QLatin1String("category")).toArray()) {
        for (const QJsonValue& coding : c.toObject().value(QLatin1String("coding")).toArray()) {
            const QJsonObject o = coding.toObject();
            if (o.value(QLatin1String("system")).toString() == QLatin1String(record::kAnnotationCategorySystem))
                return o.value(QLatin1String("code")).toString();
        }
    }
    for (const QJsonValue& coding : document.value(QLatin1String("type")).toObject().value(QLatin1String("coding")).toArray()) {
        if (coding.toObject().value(QLatin1String("code")).toString() == QLatin1String("34746-8"))
            return QStringLiteral("nursing-note");
    }
    return QStringLiteral("physician-note");
}

bool inVault(const record::OutboxItem& item, const QSet<QString>& identifiers)
{
    return identifiers.contains(QStringLiteral("urn:uuid:") + item.entry.uuid);
}

// The resource as the chart maps it: entry resources have no server id yet, so the entry uuid stands in.
QJsonObject withLocalId(const record::RecordEntry& e)
{
    QJsonObject r = e.resource;
    if (!r.contains(QLatin1String("id")))
        r.insert(QStringLiteral("id"), e.uuid);
    return r;
}

bool isGiven(const QJsonObject& administration)
{
    return model::countsAsGiven(administration.value(QLatin1String("status")).toString());
}

} // namespace

QSet<QString> identifierValues(const QList<QJsonObject>& resources)
{
    QSet<QString> out;
    for (const QJsonObject& r : resources) {
        for (const QJsonValue& id : r.value(QLatin1String("identifier")).toArray()) {
            const QString value = id.toObject().value(QLatin1String("value")).toString();
            if (value.startsWith(QLatin1String("urn:uuid:")))
                out.insert(value);
        }
    }
    return out;
}

QSet<QString> retractedEntries(const QList<record::OutboxItem>& items)
{
    QSet<QString> out;
    for (const record::OutboxItem& item : items) {
        if (item.state != EntryState::Superseded && record::isRetraction(item.entry))
            out.insert(item.entry.corrects);
    }
    return out;
}

bool isShownLocally(const record::OutboxItem& item, const QSet<QString>& retracted)
{
    if (item.state == EntryState::Superseded || item.state == EntryState::EnteredInError)
        return false;
    if (record::isRetraction(item.entry) || retracted.contains(item.entry.uuid))
        return false;
    return true;
}

void mergeLocalEntries(model::PatientChart& chart, const QList<record::OutboxItem>& items,
                       const QSet<QString>& identifiersInVault, const fhir::MedicationResolver& resolve)
{
    const QSet<QString> retracted = retractedEntries(items);
    QSet<QString> serverIds;
    for (const model::MedicationAdministration& a : chart.administrations)
        serverIds.insert(a.meta.id);
    for (const model::Allergy& a : chart.allergies)
        serverIds.insert(a.meta.id);

    for (const record::OutboxItem& item : items) {
        const record::RecordEntry& e = item.entry;
        if (e.patientId != chart.patientId)
            continue;
        if (isOpen(item.state))
            ++chart.pendingEntries;
        if (!isShownLocally(item, retracted) || inVault(item, identifiersInVault)
            || (!item.serverId.isEmpty() && serverIds.contains(item.serverId)))
            continue;
        switch (e.kind) {
        case EntryKind::Administration: {
            auto a = fhir::mapMedicationAdministration(withLocalId(e), resolve);
            if (!a.ok()) {
                chart.skipped << a.error();
                chart.unreadable << fhir::unreadableResource(withLocalId(e), a.error());
                break;
            }
            a->local = markOf(item);
            chart.administrations << std::move(a).value();
            break;
        }
        case EntryKind::ReportedAllergy: {
            auto a = fhir::mapAllergyIntolerance(withLocalId(e));
            if (!a.ok()) {
                chart.skipped << a.error();
                chart.unreadable << fhir::unreadableResource(withLocalId(e), a.error());
                break;
            }
            a->local = markOf(item);
            chart.allergies << std::move(a).value();
            break;
        }
        case EntryKind::OrderAnnotation:
        case EntryKind::Note:
            if (!isOpen(item.state))
                break; // uploaded: the EHR's copy is the one to read
            (e.kind == EntryKind::Note ? chart.localNotes : chart.orderAnnotations)
                << model::LocalAnnotation{e.orderId, annotationKind(e.resource), attachmentText(e.resource),
                                          e.clinicalTime, markOf(item)};
            break;
        case EntryKind::DowntimeAdmission:
            break; // the local Patient resource is in the vault already
        }
    }

    std::stable_sort(chart.administrations.begin(), chart.administrations.end(),
                     [](const model::MedicationAdministration& a, const model::MedicationAdministration& b) {
                         return b.givenAt().sortKey() < a.givenAt().sortKey();
                     });
    const auto newestFirst = [](const model::LocalAnnotation& a, const model::LocalAnnotation& b) { return b.at < a.at; };
    std::stable_sort(chart.orderAnnotations.begin(), chart.orderAnnotations.end(), newestFirst);
    std::stable_sort(chart.localNotes.begin(), chart.localNotes.end(), newestFirst);
    chart.allergyStatus = fhir::allergyStatusOf(chart);
}

LocalCensusFacts localCensusFacts(const QList<record::OutboxItem>& items, const QSet<QString>& knownInVault)
{
    LocalCensusFacts facts;
    const QSet<QString> retracted = retractedEntries(items);
    for (const record::OutboxItem& item : items) {
        const record::RecordEntry& e = item.entry;
        if (isOpen(item.state))
            ++facts.openEntries[e.patientId];
        if (!isShownLocally(item, retracted) || inVault(item, knownInVault)
            || (!item.serverId.isEmpty() && knownInVault.contains(item.serverId)))
            continue;
        if (e.kind == EntryKind::Administration && isGiven(e.resource)) {
            QDateTime& best = facts.lastGiven[e.patientId];
            if (!best.isValid() || best < e.clinicalTime)
                best = e.clinicalTime;
        } else if (e.kind == EntryKind::ReportedAllergy) {
            facts.reportedAllergies[e.patientId]
                << e.resource.value(QLatin1String("code")).toObject().value(QLatin1String("text")).toString();
        }
    }
    return facts;
}

} // namespace lantern::records
