#pragma once
// The FHIR R4 resources a downtime entry uploads, built when the person
// confirms it. Every resource carries the entry's identifier
// {system urn:ietf:rfc:3986, value urn:uuid:<uuid>}, on which the uploader's
// conditional create (If-None-Exist) keys. Pure functions: no vault, no clock.

#include "core/model/Common.h"
#include "core/record/Recorder.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::record {

// The person behind an action: the vault username (an identifier in the
// Lantern user namespace) and the display name shown in the EHR.
struct Person
{
    QString username;
    QString display;
};

inline constexpr char kUserIdentifierSystem[] = "https://lantern.example/fhir/NamingSystem/username";
inline constexpr char kAnnotationCategorySystem[] = "https://lantern.example/fhir/CodeSystem/order-annotation";
// meta.tag on resources that exist only in this vault (a downtime admission's
// Patient and Encounter before upload): never mirrored data.
inline constexpr char kLocalTagSystem[] = "https://lantern.example/fhir/CodeSystem/origin";
inline constexpr char kLocalTagCode[] = "downtime-local";

QJsonObject entryIdentifier(const QString& uuid);
QJsonObject personReference(const Person& person);
QJsonObject quantityJson(const model::Quantity& q);
QString fhirInstant(const QDateTime& t); // UTC, with milliseconds and Z

struct AdministrationResourceInput
{
    QString uuid;
    QString patientId;
    QJsonObject order; // the MedicationRequest as stored in the vault
    AdministrationOutcome outcome = AdministrationOutcome::Given;
    QString reason;
    model::Quantity dose; // already defaulted from the order
    QString route;        // text typed by the person; empty: the order's route is copied
    QString site;
    QDateTime givenAt;
    Person performer;
    std::optional<Person> witness;
    QString note;
};
QJsonObject buildMedicationAdministration(const AdministrationResourceInput& in);

struct NoteResourceInput
{
    QString uuid;
    QString patientId;
    NoteCategory category = NoteCategory::Nursing;
    QString text;
    QDateTime at;
    Person author;
};
QJsonObject buildNoteDocument(const NoteResourceInput& in);

struct AnnotationResourceInput
{
    QString uuid;
    QString patientId;
    QJsonObject order; // the annotated MedicationRequest
    AnnotationKind kind = AnnotationKind::Review;
    QString text;
    QDateTime at;
    Person author;
};
QJsonObject buildOrderAnnotationDocument(const AnnotationResourceInput& in);
QString annotationKindName(AnnotationKind kind); // "hold" | "review" | "dose-concern"

struct AllergyResourceInput
{
    QString uuid;
    QString patientId;
    QString substance;
    QString reaction;
    QString criticality;
    QDateTime recordedAt;
    Person recorder;
};
QJsonObject buildReportedAllergy(const AllergyResourceInput& in);

struct AdmissionResourceInput
{
    QString uuid;
    QString localPatientId;
    QString identifierSystem;
    QString identifierValue;
    DowntimeAdmissionInput person;
};
// The Patient to upload: no id (the EHR assigns one) and no local tag.
QJsonObject buildDowntimePatient(const AdmissionResourceInput& in);
// The copy kept in the vault: the local id and the downtime-local meta.tag.
QJsonObject localPatientCopy(const QJsonObject& patient, const QString& localPatientId);
// The local in-progress Encounter that puts the admitted patient on the ward
// census: at the bed Location when `bedLocationId` is known, else at the ward
// with the bed's name as display (CensusQuery reads that as the bed).
QJsonObject buildLocalEncounter(const QString& encounterId, const QString& localPatientId, const QString& wardId,
                                const QString& bedLocationId, const QString& bedText, const QDateTime& start);

// The same resource withdrawn (status / verificationStatus entered-in-error,
// Patient active false), keeping the original identifier so the EHR copy is found.
QJsonObject retractedResource(const QJsonObject& original, const QString& reason);

} // namespace lantern::record
