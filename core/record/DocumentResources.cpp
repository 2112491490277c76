// Notes and order annotations as DocumentReference (text/plain attachment).
#include "core/record/EntryResources.h"

#include <QJsonArray>

namespace lantern::record {
namespace {

const QString kLoinc = QStringLiteral("http://loinc.org");

QJsonObject loincType(const QString& code, const QString& display)
{
    return QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), kLoinc},
                                                                         {QStringLiteral("code"), code},
                                                                         {QStringLiteral("display"), display}}}},
                       {QStringLiteral("text"), display}};
}

QJsonObject clinicalNoteCategory()
{
    return QJsonObject{
        {QStringLiteral("coding"),
         QJsonArray{QJsonObject{{QStringLiteral("system"),
                                 QStringLiteral("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category")},
                                {QStringLiteral("code"), QStringLiteral("clinical-note")},
                                {QStringLiteral("display"), QStringLiteral("Clinical Note")}}}}};
}

QJsonObject document(const QString& uuid, const QString& patientId, const QJsonObject& type, const QJsonArray& category,
                     const QString& text, const QDateTime& at, const Person& author)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("DocumentReference")},
        {QStringLiteral("identifier"), QJsonArray{entryIdentifier(uuid)}},
        {QStringLiteral("status"), QStringLiteral("current")},
        {QStringLiteral("docStatus"), QStringLiteral("final")},
        {QStringLiteral("type"), type},
        {QStringLiteral("category"), category},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patientId)}}},
        {QStringLiteral("date"), fhirInstant(at)},
        {QStringLiteral("author"), QJsonArray{personReference(author)}},
        {QStringLiteral("content"),
         QJsonArray{QJsonObject{
             {QStringLiteral("attachment"),
              QJsonObject{{QStringLiteral("contentType"), QStringLiteral("text/plain; charset=utf-8")},
                          {QStringLiteral("data"), QString::fromLatin1(text.toUtf8().toBase64())},
                          {QStringLiteral("creation"), fhirInstant(at)}}}}}},
    };
}

} // namespace

QString annotationKindName(AnnotationKind kind)
{
    switch (kind) {
    case AnnotationKind::Hold: return QStringLiteral("hold");
    case AnnotationKind::Review: return QStringLiteral("review");
    case AnnotationKind::DoseConcern: return QStringLiteral("dose-concern");
    }
    return QStringLiteral("review");
}

QJsonObject buildNoteDocument(const NoteResourceInput& in)
{
    const QJsonObject type = in.category == NoteCategory::Nursing
                                 ? loincType(QStringLiteral("34746-8"), QStringLiteral("Nurse Note"))
                                 : loincType(QStringLiteral("11506-3"), QStringLiteral("Progress note"));
    return document(in.uuid, in.patientId, type, QJsonArray{clinicalNoteCategory()}, in.text, in.at, in.author);
}

QJsonObject buildOrderAnnotationDocument(const AnnotationResourceInput& in)
{
    static const QHash<QString, QString> displays{{QStringLiteral("hold"), QStringLiteral("Hold medication order")},
                                                  {QStringLiteral("review"), QStringLiteral("Review medication order")},
                                                  {QStringLiteral("dose-concern"), QStringLiteral("Dose concern")}};
    const QString kind = annotationKindName(in.kind);
    const QJsonObject category{
        {QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), QLatin1String(kAnnotationCategorySystem)},
                                                          {QStringLiteral("code"), kind},
                                                          {QStringLiteral("display"), displays.value(kind)}}}},
        {QStringLiteral("text"), displays.value(kind)}};
    QJsonObject doc = document(in.uuid, in.patientId, loincType(QStringLiteral("11506-3"), QStringLiteral("Progress note")),
                               QJsonArray{clinicalNoteCategory(), category}, in.text, in.at, in.author);
    doc.insert(QStringLiteral("description"), displays.value(kind));
    QJsonObject context{
        {QStringLiteral("related"),
         QJsonArray{QJsonObject{{QStringLiteral("reference"),
                                 QString(QStringLiteral("MedicationRequest/") + in.order.value(QLatin1String("id")).toString())}}}}};
    if (in.order.contains(QLatin1String("encounter")))
        context.insert(QStringLiteral("encounter"), QJsonArray{in.order.value(QLatin1String("encounter"))});
    doc.insert(QStringLiteral("context"), context);
    return doc;
}

} // namespace lantern::record
