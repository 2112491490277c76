#include "Census.h"

#include "ChartBuilders.h"
#include "FhirJson.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace lantern::sim {

void Census::addWard(const WardInfo& ward)
{
    std::lock_guard lock(m_mutex);
    m_wards.append(ward);
}

Result<QString> Census::addBed(const QString& wardId)
{
    std::lock_guard lock(m_mutex);
    for (WardInfo& w : m_wards) {
        if (w.id != wardId)
            continue;
        const int n = int(w.beds.size()) + 1;
        const QString bedId = w.id + u"-bed-"_s + QStringLiteral("%1").arg(n, 2, 10, QChar(u'0'));
        const QString bedName = w.code + u'-' + QStringLiteral("%1").arg(n, 2, 10, QChar(u'0'));
        auto written = m_store.put(gen::bedLocation(w.id, w.name, bedId, bedName));
        if (!written)
            return written.error();
        w.beds.append(bedId);
        w.bedNames.append(bedName);
        return bedId;
    }
    return Error(ErrorCode::NotFound, u"No ward "_s + wardId + u"."_s);
}

QList<WardInfo> Census::wards() const
{
    std::lock_guard lock(m_mutex);
    return m_wards;
}

std::optional<WardInfo> Census::ward(const QString& id) const
{
    std::lock_guard lock(m_mutex);
    for (const WardInfo& w : m_wards)
        if (w.id == id)
            return w;
    return std::nullopt;
}

QString Census::wardOfBed(const QString& bedId) const
{
    std::lock_guard lock(m_mutex);
    for (const WardInfo& w : m_wards)
        if (w.beds.contains(bedId))
            return w.id;
    return {};
}

QList<Stay> Census::stays() const
{
    QSet<QString> wardIds;
    QHash<QString, QString> wardOfBedId;
    for (const WardInfo& w : wards()) {
        wardIds.insert(w.id);
        for (const QString& bed : w.beds)
            wardOfBedId.insert(bed, w.id);
    }
    SearchQuery q;
    q.type = u"Encounter"_s;
    q.filters.append({Param::Status, {u"in-progress"_s}});
    const QStringList ids = m_store.matchIds(q);
    QList<Stay> out;
    for (const QString& id : ids) {
        const auto enc = m_store.readObject(u"Encounter"_s, id);
        if (!enc)
            continue;
        Stay s;
        s.encounterId = id;
        s.patientRef = enc->value(u"subject"_s).toObject().value(u"reference"_s).toString();
        s.since = enc->value(u"period"_s).toObject().value(u"start"_s).toString();
        const QJsonArray locations = enc->value(u"location"_s).toArray();
        for (const QJsonValue& l : locations) {
            const QString ref = l.toObject().value(u"location"_s).toObject().value(u"reference"_s).toString();
            const QString locationId = ref.section(u'/', 1);
            if (wardIds.contains(locationId))
                s.wardId = locationId;
            else if (wardOfBedId.contains(locationId))
                s.bedId = locationId;
        }
        if (s.wardId.isEmpty() && !s.bedId.isEmpty())
            s.wardId = wardOfBedId.value(s.bedId);
        if (!s.wardId.isEmpty())
            out.append(s);
    }
    return out;
}

std::optional<std::pair<QString, QString>> Census::freeBed(const QString& wardId) const
{
    const QList<Stay> current = stays();
    QSet<QString> occupied;
    QHash<QString, int> load;
    for (const Stay& s : current) {
        occupied.insert(s.bedId);
        load[s.wardId] += 1;
    }
    QList<WardInfo> candidates = wards();
    std::stable_sort(candidates.begin(), candidates.end(), [&](const WardInfo& a, const WardInfo& b) {
        if ((a.id == wardId) != (b.id == wardId))
            return a.id == wardId;
        return double(load.value(a.id)) / std::max<qsizetype>(1, a.beds.size())
            < double(load.value(b.id)) / std::max<qsizetype>(1, b.beds.size());
    });
    for (const WardInfo& w : std::as_const(candidates)) {
        if (!wardId.isEmpty() && w.id != wardId)
            continue;
        for (const QString& bed : w.beds)
            if (!occupied.contains(bed))
                return std::make_pair(w.id, bed);
    }
    return std::nullopt;
}

Status Census::refreshGroups()
{
    const QList<Stay> current = stays();
    const QList<WardInfo> all = wards();
    for (const WardInfo& w : all) {
        QList<std::pair<QString, QString>> members;
        for (const Stay& s : current)
            if (s.wardId == w.id)
                members.append({s.patientRef, s.since});
        std::sort(members.begin(), members.end());
        const QJsonObject wanted = gen::groupResource(w.id, w.name, members);
        const auto existing = m_store.readObject(u"Group"_s, w.id);
        if (existing && existing->value(u"member"_s) == wanted.value(u"member"_s))
            continue;
        auto written = m_store.put(wanted);
        if (!written)
            return written.error();
    }
    return {};
}

} // namespace lantern::sim
