#pragma once
// How the simulator shapes medication data, so tests and demos see what EHRs
// other than the one Lantern was first built on send (--medication-shape):
//   inline     medicationCodeableConcept in every order (the default, unchanged)
//   reference  orders and administrations reference Medication resources
//              (Epic's shape); every second reference carries no display
//   statement  home medication as MedicationStatements (IPS "known medication")
//   mixed      both
// Every shape but inline also links each Device through a DeviceUseStatement
// and drops Device.patient, so the emergency sheet only finds the device by
// following the statement's reference.

#include "core/common/Result.h"

#include <QString>

namespace lantern::sim {

enum class MedicationShape { Inline, Reference, Statement, Mixed };

Result<MedicationShape> parseMedicationShape(const QString& name);
QString medicationShapeName(MedicationShape shape);

inline bool referencesMedications(MedicationShape s)
{
    return s == MedicationShape::Reference || s == MedicationShape::Mixed;
}
inline bool writesStatements(MedicationShape s)
{
    return s == MedicationShape::Statement || s == MedicationShape::Mixed;
}

} // namespace lantern::sim
