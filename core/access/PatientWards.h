#pragma once
// Which wards (FHIR Location ids) each patient lies on, taken from the census
// rows: the in-progress stay's locations and the partOf chain (bed -> room ->
// ward), the same way the mirror selects patients by ward. AccessPolicy
// decides with the relation this gives; the desktop's WardScope is this class.

#include "core/access/AccessPolicy.h"
#include "core/records/CensusQuery.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace lantern::access {

class PatientWards
{
public:
    PatientWards() = default;
    explicit PatientWards(const QList<records::CensusRow>& rows);

    // Location ids (beds, rooms and wards) the patient's in-progress stay points at.
    QSet<QString> locationsOf(const QString& patientId) const { return m_locations.value(patientId); }
    // OwnWard when any of them is one of the actor's wards; OtherWard otherwise,
    // also for a patient without a current stay (nobody's ward) or unknown here.
    WardRelation relation(const Actor& actor, const QString& patientId) const;
    // Whether the user may see this patient without breaking the glass (IT: never).
    bool covers(const User& user, const QString& patientId) const;
    // The rows the user may see without breaking the glass, in the given order.
    QList<records::CensusRow> filter(const User& user, const QList<records::CensusRow>& rows) const;

private:
    QHash<QString, QSet<QString>> m_locations;
};

} // namespace lantern::access
