#include "core/access/PatientWards.h"

#include "core/access/User.h"

namespace lantern::access {

PatientWards::PatientWards(const QList<records::CensusRow>& rows)
{
    m_locations.reserve(rows.size());
    for (const records::CensusRow& row : rows) {
        if (!row.locationIds.isEmpty())
            m_locations.insert(row.patientId, QSet<QString>(row.locationIds.cbegin(), row.locationIds.cend()));
    }
}

WardRelation PatientWards::relation(const Actor& actor, const QString& patientId) const
{
    const auto it = m_locations.constFind(patientId);
    if (it == m_locations.constEnd())
        return WardRelation::OtherWard; // no current stay on any ward: nobody's ward
    for (const QString& location : *it) {
        if (actor.coversWard(location))
            return WardRelation::OwnWard;
    }
    return WardRelation::OtherWard;
}

bool PatientWards::covers(const User& user, const QString& patientId) const
{
    const Actor actor = Actor::of(user);
    return decide(actor, Action::ShowChart, relation(actor, patientId), false).verdict == Verdict::Allow;
}

QList<records::CensusRow> PatientWards::filter(const User& user, const QList<records::CensusRow>& rows) const
{
    QList<records::CensusRow> out;
    const Actor actor = Actor::of(user);
    if (decide(actor, Action::ListPatients, WardRelation::NoPatient, false).verdict != Verdict::Allow)
        return out;
    out.reserve(rows.size());
    for (const records::CensusRow& r : rows) {
        if (relation(actor, r.patientId) == WardRelation::OwnWard)
            out.append(r);
    }
    return out;
}

} // namespace lantern::access
