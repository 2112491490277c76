#pragma once
// The patient: who this is, how to find them in other systems, whom to call.

#include "model/Common.h"

#include <QList>
#include <QString>

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

struct Patient
{
    ResourceMeta meta;
    QList<Identifier> identifiers;
    QList<HumanName> names;
    When birthDate;
    QString sex;                   // administrative gender: male | female | other | unknown
    bool deceased = false;
    QList<PatientContact> contacts;

    // Hospital number: the identifier whose type is v2-0203 "MR".
    QString mrn() const;
    // German statutory insurance number (system http://fhir.de/sid/gkv/kvid-10).
    QString kvnr() const;
    // Preferred name: official, else usual, else the first one.
    HumanName name() const;
    QString displayName() const { return name().formatted(); }
};

} // namespace lantern::model
