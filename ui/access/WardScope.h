#pragma once
// Which wards (FHIR Location ids) each patient lies on, taken from the census
// rows: the in-progress stay's locations and the partOf chain (bed → room →
// ward), the same way the mirror selects patients by ward. The desktop shows
// a nurse or physician only the patients of their own wards; anyone else's
// chart needs break-glass.

#include "access/User.h"
#include "records/CensusQuery.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace lantern::ui {

class WardScope
{
public:
    WardScope() = default;
    explicit WardScope(const QList<records::CensusRow>& rows);

    // Location ids (beds, rooms and wards) the patient's in-progress stay points at.
    QSet<QString> locationsOf(const QString& patientId) const { return m_locations.value(patientId); }
    // Whether the user may see this patient without breaking the glass. IT
    // administrators see no patients at all (Permission::ViewPatients).
    bool covers(const access::User& user, const QString& patientId) const;
    // The rows the user may see, in the given order.
    QList<records::CensusRow> filter(const access::User& user, const QList<records::CensusRow>& rows) const;

private:
    QHash<QString, QSet<QString>> m_locations;
};

} // namespace lantern::ui
