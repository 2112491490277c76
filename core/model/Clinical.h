#pragma once
// The rest of the emergency sheet: diagnoses, devices and implants, code
// status and advance directives, alerts, and the latest vital signs.

#include "core/model/Common.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::model {

struct Condition
{
    ResourceMeta meta;
    CodeableConcept code;
    QString clinicalStatus;       // active | recurrence | relapse | inactive | remission | resolved
    QString verificationStatus;   // unconfirmed | provisional | differential | confirmed | refuted | entered-in-error
    QStringList categories;       // problem-list-item | encounter-diagnosis ...
    When onset;                   // onsetDateTime or onsetPeriod.start
    QString onsetText;            // onsetString / onsetAge as text
    When recordedDate;
    Reference patient;

    QString display() const { return code.displayText(); }
    bool isActive() const;
};

enum class DeviceKind { Other, Pacemaker, Defibrillator, Implant };

struct Device
{
    ResourceMeta meta;
    CodeableConcept type;
    DeviceKind kind = DeviceKind::Other;
    QString deviceName;           // deviceName[0].name
    QString status;               // Device.status: active | inactive | entered-in-error | unknown
    QString useStatus;            // DeviceUseStatement.status when the device came through one
    QString udi;                  // udiCarrier[0].carrierHRF or deviceIdentifier
    QString manufacturer;
    CodeableConcept bodySite;     // from DeviceUseStatement
    QString statementId;          // the DeviceUseStatement it came through, if any
    Reference patient;

    // Pacemakers, defibrillators and other implants go on the emergency sheet.
    bool isImplant() const { return kind != DeviceKind::Other; }
    QString display() const;
};

enum class Resuscitation {
    Unknown,
    FullCode,             // for resuscitation
    DoNotResuscitate,     // DNR / DNAR / not for CPR
    DoNotIntubate,        // DNI
    LimitedInterventions
};

struct CodeStatus
{
    enum class Source { Consent, Observation };

    Source source = Source::Consent;
    ResourceMeta meta;
    Resuscitation decision = Resuscitation::Unknown;
    CodeableConcept code;         // the coded decision (category, provision or value)
    QString text;                 // what a person reads
    QString status;               // Consent: active | inactive ...; Observation: final | amended ...
    When date;                    // Consent.dateTime; Observation.effective
    QString directiveLocation;    // where the directive is kept (document reference, attachment title or URL)
    Reference patient;

    bool isCurrent() const;
};

struct Flag
{
    ResourceMeta meta;
    CodeableConcept code;
    QStringList categories;
    QString status;               // active | inactive | entered-in-error
    Period period;
    Reference patient;

    QString text() const { return code.displayText(); }
    bool isActive() const { return status == QLatin1String("active"); }
};

enum class VitalKind { HeartRate, BloodPressure, Temperature, OxygenSaturation, RespiratoryRate, Weight, Height };

struct VitalSign
{
    ResourceMeta meta;
    VitalKind kind = VitalKind::HeartRate;
    QString loincCode;            // the code the observation used (8310-5 and 8331-1 are both temperatures)
    QString display;
    Quantity value;               // for blood pressure: systolic
    Quantity diastolic;           // blood pressure only
    When effective;
    QString status;
};

} // namespace lantern::model
