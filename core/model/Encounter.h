#pragma once
// Census: which patient lies where. A ward, room and bed are all FHIR
// Locations (physicalType wa / ro / bd) linked by partOf; an in-progress
// Encounter points at the bed.

#include "core/model/Common.h"

#include <QList>
#include <QString>

namespace lantern::model {

struct Location
{
    ResourceMeta meta;
    QString name;
    QString identifier;         // first identifier value (bed or ward number), if any
    QString status;             // active | suspended | inactive
    QString operationalStatus;  // v2-0116 bed status: O occupied, U unoccupied, C closed, H housekeeping...
    QString physicalType;       // location-physical-type code: wa, ro, bd, ...
    QString physicalTypeText;
    Reference partOf;           // the room for a bed, the ward for a room

    bool isBed() const { return physicalType == QLatin1String("bd"); }
    bool isRoom() const { return physicalType == QLatin1String("ro"); }
    bool isWard() const { return physicalType == QLatin1String("wa"); }
};

struct EncounterLocation
{
    Reference location;
    QString status;             // planned | active | reserved | completed
    QString physicalType;       // optional hint on the encounter itself
    Period period;
};

struct Encounter
{
    ResourceMeta meta;
    QString status;             // planned | arrived | in-progress | onleave | finished | cancelled ...
    QString classCode;          // v3-ActCode: IMP inpatient, AMB, EMER, ...
    QString classDisplay;
    CodeableConcept type;       // first type
    Reference patient;
    QList<EncounterLocation> locations;
    Period period;
    Reference serviceProvider;

    bool isInProgress() const { return status == QLatin1String("in-progress"); }
    // The location the patient is at now: the last active one, else the last one listed.
    EncounterLocation currentLocation() const;
};

} // namespace lantern::model
