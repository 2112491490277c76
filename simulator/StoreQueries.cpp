// FhirStore's read side: search with keyset paging, history, bulk export snapshots.
#include "FhirStore.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace lantern::sim {

bool FhirStore::matchesLocked(const Record& record, const SearchQuery& query) const
{
    if (!record.live() || !query.matchesLastUpdated(record.latest().lastUpdatedMs))
        return false;
    if (!query.patients.isEmpty() && !query.patients.contains(record.index.patient))
        return false;
    return query.matchesIndex(record.index);
}

template <typename Visit>
void FhirStore::scanLocked(const SearchQuery& q, const std::optional<OrderKey>& after, Visit&& visit) const
{
    const auto tableIt = m_tables.find(q.type);
    if (tableIt == m_tables.end())
        return;
    const TypeTable& table = tableIt->second;
    const OrderKey floor{q.lowerBound(), QString()};
    const qint64 ceiling = q.upperBound();
    // Returns false to stop: the order is by lastUpdated, so past the ceiling nothing more can match.
    auto accept = [&](const OrderKey& key, const Record* record) -> bool {
        if (key.first > ceiling)
            return false;
        if (!record || !matchesLocked(*record, q))
            return true;
        return visit(*record);
    };
    auto startOf = [&](const auto& keys) {
        return (after && floor < *after) ? keys.upper_bound(*after) : keys.lower_bound(floor);
    };
    if (!q.ids.isEmpty()) {
        std::set<OrderKey> keys;
        for (const QString& id : q.ids) {
            const Record* r = table.byId.value(id);
            if (r && r->live())
                keys.insert({r->latest().lastUpdatedMs, r->id});
        }
        for (auto it = startOf(keys); it != keys.end(); ++it)
            if (!accept(*it, table.byId.value(it->second)))
                return;
        return;
    }
    if (q.patients.size() == 1) {
        // The per-patient index keeps a chart's searches independent of the hospital's size.
        const auto pit = table.byPatient.constFind(q.patients.first());
        if (pit == table.byPatient.constEnd())
            return;
        for (auto it = startOf(*pit); it != pit->end(); ++it)
            if (!accept(*it, table.byId.value(it->second)))
                return;
        return;
    }
    if (q.patients.size() > 1) {
        // A batch of patients (patient=a,b,c…, as mirrors ask): the union of their
        // indexes, in the same order, instead of a scan of the whole type per page.
        std::set<OrderKey> keys;
        for (const QString& patient : q.patients) {
            const auto pit = table.byPatient.constFind(patient);
            if (pit != table.byPatient.constEnd())
                keys.insert(pit->begin(), pit->end());
        }
        for (auto it = startOf(keys); it != keys.end(); ++it)
            if (!accept(*it, table.byId.value(it->second)))
                return;
        return;
    }
    for (auto it = startOf(table.order); it != table.order.end(); ++it)
        if (!accept(it->first, it->second))
            return;
}

SearchPage FhirStore::search(const SearchQuery& q) const
{
    std::shared_lock lock(m_mutex);
    SearchPage page;
    page.searchTimeMs = q.after ? q.after->searchTimeMs : m_clock.nowMSecs();
    if (!q.after || q.wantTotal || q.summaryCount) {
        int total = 0;
        scanLocked(q, std::nullopt, [&](const Record&) {
            ++total;
            return true;
        });
        page.total = total;
    }
    if (q.summaryCount)
        return page;
    std::optional<OrderKey> after;
    if (q.after)
        after = OrderKey{q.after->lastUpdatedMs, q.after->id};
    const Record* last = nullptr;
    bool more = false;
    scanLocked(q, after, [&](const Record& r) {
        if (page.resources.size() >= q.count) {
            more = true;
            return false;
        }
        page.resources.append(r.latest().json);
        last = &r;
        return true;
    });
    if (more && last)
        page.next = SearchCursor{page.searchTimeMs, last->latest().lastUpdatedMs, last->id};
    return page;
}

QStringList StoreWriter::matchIds(const SearchQuery& query) const
{
    QStringList ids;
    m_store.scanLocked(query, std::nullopt, [&](const FhirStore::Record& r) {
        ids.append(r.id);
        return true;
    });
    return ids;
}

QStringList FhirStore::matchIds(const SearchQuery& query) const
{
    std::shared_lock lock(m_mutex);
    QStringList ids;
    scanLocked(query, std::nullopt, [&](const Record& r) {
        ids.append(r.id);
        return true;
    });
    return ids;
}

HistoryPage FhirStore::history(const HistoryQuery& q) const
{
    std::shared_lock lock(m_mutex);
    HistoryPage page;
    std::vector<LogRef> instanceLog;
    const std::vector<LogRef>* log = &m_log;
    if (!q.type.isEmpty()) {
        const auto it = m_tables.find(q.type);
        if (it == m_tables.end())
            return page;
        log = &it->second.log;
        if (!q.id.isEmpty()) {
            Record* record = it->second.byId.value(q.id);
            if (!record)
                return page;
            for (int i = 0; i < int(record->versions.size()); ++i)
                instanceLog.push_back({record, i});
            log = &instanceLog;
        }
    }
    // Newest first (as FHIR asks); positions in an append-only log make stable page cursors.
    qint64 pos = q.before ? std::min<qint64>(*q.before, qint64(log->size())) : qint64(log->size());
    while (pos > 0) {
        --pos;
        const LogRef& ref = (*log)[size_t(pos)];
        const StoredVersion& v = ref.record->versions[size_t(ref.versionIndex)];
        if (q.sinceMs && v.lastUpdatedMs < *q.sinceMs)
            continue;
        if (page.items.size() >= q.count) {
            page.next = pos + 1;
            break;
        }
        page.items.append({ref.record->type, ref.record->id, v});
    }
    return page;
}

QMap<QString, QList<QByteArray>> FhirStore::exportSnapshot(const ExportSelection& selection) const
{
    std::shared_lock lock(m_mutex);
    QMap<QString, QList<QByteArray>> out;
    // Medications and Devices outside the patients' compartments that exported
    // resources reference: exported too when their type is asked for by name.
    QSet<QString> referenced;
    QSet<QString> exported;
    for (const auto& [type, table] : m_tables) {
        if (!selection.types.isEmpty() && !selection.types.contains(type))
            continue;
        QList<QByteArray> lines;
        auto take = [&](const Record* r) {
            if (!r || !r->live())
                return;
            if (selection.sinceMs && r->latest().lastUpdatedMs <= *selection.sinceMs)
                return;
            lines.append(r->latest().json);
            if (!selection.patients)
                return;
            exported.insert(fhir::refOf(r->type, r->id));
            for (const IndexEntry& e : r->index.entries)
                if (e.param == Param::Medication || e.param == Param::Device)
                    referenced.insert(e.value.section(u'/', -2));
        };
        if (selection.patients) {
            QStringList patients(selection.patients->begin(), selection.patients->end());
            std::sort(patients.begin(), patients.end());
            if (type == u"Patient"_s) {
                for (const QString& ref : std::as_const(patients))
                    take(table.byId.value(ref.section(u'/', 1)));
            } else {
                std::set<OrderKey> keys;
                for (const QString& ref : std::as_const(patients)) {
                    const auto it = table.byPatient.constFind(ref);
                    if (it != table.byPatient.constEnd())
                        keys.insert(it->begin(), it->end());
                }
                for (const OrderKey& key : keys)
                    take(table.byId.value(key.second));
            }
        } else {
            for (const auto& [key, record] : table.order)
                take(record);
        }
        if (!lines.isEmpty())
            out.insert(type, lines);
    }
    QStringList targets(referenced.begin(), referenced.end());
    std::sort(targets.begin(), targets.end());
    for (const QString& ref : std::as_const(targets)) {
        const QString type = ref.section(u'/', 0, 0);
        const auto table = m_tables.find(type);
        if (exported.contains(ref) || !selection.types.contains(type) || table == m_tables.end())
            continue;
        const Record* r = table->second.byId.value(ref.section(u'/', 1));
        if (r && r->live() && (!selection.sinceMs || r->latest().lastUpdatedMs > *selection.sinceMs))
            out[type].append(r->latest().json);
    }
    return out;
}

} // namespace lantern::sim
