#include "access/WardScope.h"

namespace lantern::ui {

WardScope::WardScope(const QList<records::CensusRow>& rows)
{
    m_locations.reserve(rows.size());
    for (const records::CensusRow& row : rows) {
        if (!row.locationIds.isEmpty())
            m_locations.insert(row.patientId, QSet<QString>(row.locationIds.cbegin(), row.locationIds.cend()));
    }
}

bool WardScope::covers(const access::User& user, const QString& patientId) const
{
    if (!user.hasPermission(access::Permission::ViewPatients))
        return false;
    const auto it = m_locations.constFind(patientId);
    if (it == m_locations.constEnd())
        return false; // no current stay on any ward: nobody's ward
    for (const QString& location : *it) {
        if (user.coversWard(location))
            return true;
    }
    return false;
}

QList<records::CensusRow> WardScope::filter(const access::User& user, const QList<records::CensusRow>& rows) const
{
    QList<records::CensusRow> out;
    if (!user.hasPermission(access::Permission::ViewPatients))
        return out;
    out.reserve(rows.size());
    for (const records::CensusRow& r : rows) {
        if (covers(user, r.patientId))
            out.append(r);
    }
    return out;
}

} // namespace lantern::ui
