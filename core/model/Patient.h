#pragma once
// The patient: who this is, how to find them in other systems, whom to call.

#include "core/model/Common.h"

#include <QList>
#include <QString>

#include <optional>

namespace lantern::model {

inline constexpr char16_t kKvnrSystem[] = u"http://fhir.de/sid/gkv/kvid-10";
inline constexpr char16_t kIdentifierTypeSystem[] = u"http://terminology.hl7.org/CodeSystem/v2-0203";

struct Identifier
{
    QString system;
    QString value;
    QString use;       // usual | official | temp | secondary | old
    QString typeCode;  // first coding of type, e.g. "MR", "KVZ10"
    QString typeSystem;
    QString typeText;
};

struct HumanName
{
    QString use;    // official | usual | nickname | maiden ...
    QString text;
    QString family;
    QStringList given;
    QStringList prefix;

    // text, else "prefix given family"
    QString formatted() const;
};

struct PatientContact
{
    QString name;                  // formatted name of the contact person (or organization)
    QStringList relationships;     // display texts, e.g. "Emergency Contact", "MTH"
    QString phone;                 // first phone number
};

// Patient.link of type "replaced-by": the EHR merged this record into another
// one, the survivor, and this one must no longer be used.
struct PatientMerge
{
    QString survivorId;         // id of the surviving Patient (link.other.reference "Patient/<id>"); may be empty
    QString survivorIdentifier; // link.other.identifier.value when the link names it (usually the MRN); may be empty
};

struct Patient
{
    ResourceMeta meta;
    QList<Identifier> identifiers;
    QList<HumanName> names;
    When birthDate;
    QString sex;                   // administrative gender: male | female | other | unknown
    bool deceased = false;
    QList<PatientContact> contacts;
    std::optional<bool> active;            // Patient.active as written; absent counts as active (FHIR)
    std::optional<PatientMerge> replacedBy; // set when merged away (link type "replaced-by")

    // Merged away: nothing may be recorded against this record; its entries belong to the survivor.
    bool isMergedAway() const { return replacedBy.has_value(); }
    // Patient.active = false: the EHR no longer uses this record (a merged-away one usually is, too).
    bool isInactive() const { return active.has_value() && !*active; }
    // The surviving record as people look it up: its identifier (MRN), else its id, else "?".
    QString mergedInto() const;

    // Hospital number: the identifier whose type is v2-0203 "MR".
    QString mrn() const;
    // German statutory insurance number (system http://fhir.de/sid/gkv/kvid-10).
    QString kvnr() const;
    // Preferred name: official, else usual, else the first one.
    HumanName name() const;
    QString displayName() const { return name().formatted(); }
};

} // namespace lantern::model
