#include "FhirStore.h"

#include "FhirJson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim {

QString idPrefix(const QString& type)
{
    static const QHash<QString, QString> prefixes{{u"Patient"_s, u"pat"_s}, {u"Encounter"_s, u"enc"_s},
        {u"Location"_s, u"loc"_s}, {u"MedicationRequest"_s, u"mreq"_s}, {u"MedicationAdministration"_s, u"madm"_s},
        {u"AllergyIntolerance"_s, u"alg"_s}, {u"Condition"_s, u"cond"_s}, {u"Device"_s, u"dev"_s},
        {u"Consent"_s, u"cons"_s}, {u"Observation"_s, u"obs"_s}, {u"Flag"_s, u"flag"_s}, {u"Group"_s, u"grp"_s},
        {u"Medication"_s, u"med"_s}, {u"MedicationStatement"_s, u"mstm"_s}, {u"DeviceUseStatement"_s, u"dus"_s}};
    const QString p = prefixes.value(type);
    return p.isEmpty() ? type.toLower() : p;
}

// --- StoreWriter: the store's operations without taking the lock again ---

Result<WriteOutcome> StoreWriter::create(QJsonObject resource)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    if (!fhir::isKnownResourceType(type))
        return Error(ErrorCode::InvalidInput, u"The resource has no known resourceType."_s);
    resource.insert(u"id"_s, m_store.reserveIdLocked(type));
    return m_store.putLocked(std::move(resource), std::nullopt);
}

Result<WriteOutcome> StoreWriter::put(QJsonObject resource, std::optional<int> expectedVersion)
{
    return m_store.putLocked(std::move(resource), expectedVersion);
}

Result<WriteOutcome> StoreWriter::remove(const QString& type, const QString& id, std::optional<int> expectedVersion)
{
    return m_store.removeLocked(type, id, expectedVersion);
}

Status StoreWriter::importPrepared(PreparedResource&& resource)
{
    return m_store.importLocked(std::move(resource));
}

QString StoreWriter::reserveId(const QString& type)
{
    return m_store.reserveIdLocked(type);
}

std::optional<StoredVersion> StoreWriter::current(const QString& type, const QString& id) const
{
    const auto* record = m_store.findLocked(type, id);
    if (!record)
        return std::nullopt;
    return record->latest();
}

// --- FhirStore ---

FhirStore::FhirStore(const Clock& clock) : m_clock(clock) {}

FhirStore::~FhirStore() = default;

Result<WriteOutcome> FhirStore::create(QJsonObject resource)
{
    return write([&](StoreWriter& w) { return w.create(std::move(resource)); });
}

Result<WriteOutcome> FhirStore::put(QJsonObject resource, std::optional<int> expectedVersion)
{
    return write([&](StoreWriter& w) { return w.put(std::move(resource), expectedVersion); });
}

Result<WriteOutcome> FhirStore::remove(const QString& type, const QString& id, std::optional<int> expectedVersion)
{
    return write([&](StoreWriter& w) { return w.remove(type, id, expectedVersion); });
}

FhirStore::Record* FhirStore::findLocked(const QString& type, const QString& id) const
{
    const auto it = m_tables.find(type);
    if (it == m_tables.end())
        return nullptr;
    return it->second.byId.value(id);
}

QString FhirStore::reserveIdLocked(const QString& type)
{
    TypeTable& table = m_tables[type];
    const QString prefix = idPrefix(type) + u'-';
    for (;;) {
        QString id = prefix + QString::number(table.nextId++);
        if (!table.byId.contains(id))
            return id;
    }
}

void FhirStore::unindex(TypeTable& table, Record& record)
{
    if (!record.live())
        return;
    const OrderKey key{record.latest().lastUpdatedMs, record.id};
    table.order.erase(key);
    if (!record.index.patient.isEmpty()) {
        auto it = table.byPatient.find(record.index.patient);
        if (it != table.byPatient.end()) {
            it->erase(key);
            if (it->empty())
                table.byPatient.erase(it);
        }
    }
}

void FhirStore::reindex(TypeTable& table, Record& record)
{
    if (!record.live())
        return;
    const OrderKey key{record.latest().lastUpdatedMs, record.id};
    table.order.emplace(key, &record);
    if (!record.index.patient.isEmpty())
        table.byPatient[record.index.patient].insert(key);
}

void FhirStore::appendLog(TypeTable& table, Record& record)
{
    const LogRef ref{&record, int(record.versions.size()) - 1};
    table.log.push_back(ref);
    m_log.push_back(ref);
}

Result<WriteOutcome> FhirStore::putLocked(QJsonObject resource, std::optional<int> expectedVersion)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    const QString id = resource.value(u"id"_s).toString();
    if (!fhir::isKnownResourceType(type))
        return Error(ErrorCode::InvalidInput, u"The resource has no known resourceType."_s);
    if (!fhir::isValidId(id))
        return Error(ErrorCode::InvalidInput, u"The resource id is missing or not a valid FHIR id."_s);
    TypeTable& table = m_tables[type];
    Record* record = table.byId.value(id);
    if (expectedVersion) {
        if (!record || !record->live())
            return Error(ErrorCode::Conflict,
                fhir::refOf(type, id) + u" does not exist, so the If-Match version cannot match; read it again."_s);
        if (record->latest().versionId != *expectedVersion)
            return Error(ErrorCode::Conflict,
                fhir::refOf(type, id) + u" is at version "_s + QString::number(record->latest().versionId)
                    + u", the request expected version "_s + QString::number(*expectedVersion)
                    + u"; read it again and reapply the change."_s);
    }
    const qint64 now = m_clock.nowMSecs();
    const bool created = !record || !record->live();
    const int versionId = record ? record->latest().versionId + 1 : 1;
    if (!record) {
        m_records.push_back(Record{type, id, {}, {}});
        record = &m_records.back();
        table.byId.insert(id, record);
    } else {
        unindex(table, *record);
    }
    QJsonObject meta = resource.value(u"meta"_s).toObject();
    meta.insert(u"versionId"_s, QString::number(versionId));
    meta.insert(u"lastUpdated"_s, fhir::instant(now));
    resource.insert(u"meta"_s, meta);
    record->index = extractIndex(type, resource);
    record->versions.push_back({versionId, now, created ? WriteMethod::Create : WriteMethod::Update,
        QJsonDocument(resource).toJson(QJsonDocument::Compact)});
    reindex(table, *record);
    appendLog(table, *record);
    return WriteOutcome{type, id, record->latest(), created};
}

Status FhirStore::importLocked(PreparedResource&& p)
{
    TypeTable& table = m_tables[p.type];
    if (table.byId.contains(p.id))
        return Error(ErrorCode::Conflict, fhir::refOf(p.type, p.id) + u" exists already."_s);
    m_records.push_back(Record{p.type, p.id, {}, std::move(p.index)});
    Record* record = &m_records.back();
    table.byId.insert(record->id, record);
    record->versions.push_back({1, p.lastUpdatedMs, WriteMethod::Create, std::move(p.json)});
    reindex(table, *record);
    appendLog(table, *record);
    return {};
}

Result<WriteOutcome> FhirStore::removeLocked(const QString& type, const QString& id, std::optional<int> expectedVersion)
{
    Record* record = findLocked(type, id);
    if (!record)
        return Error(ErrorCode::NotFound, fhir::refOf(type, id) + u" does not exist."_s);
    if (expectedVersion && (!record->live() || record->latest().versionId != *expectedVersion))
        return Error(ErrorCode::Conflict,
            fhir::refOf(type, id) + u" is not at the version If-Match names; read it again."_s);
    if (!record->live())
        return WriteOutcome{type, id, record->latest(), false}; // already deleted: nothing new to record
    TypeTable& table = m_tables[type];
    unindex(table, *record);
    record->versions.push_back({record->latest().versionId + 1, m_clock.nowMSecs(), WriteMethod::Delete, {}});
    record->index = {};
    appendLog(table, *record);
    return WriteOutcome{type, id, record->latest(), false};
}

std::optional<StoredVersion> FhirStore::current(const QString& type, const QString& id) const
{
    std::shared_lock lock(m_mutex);
    const Record* record = findLocked(type, id);
    if (!record)
        return std::nullopt;
    return record->latest();
}

std::optional<StoredVersion> FhirStore::version(const QString& type, const QString& id, int versionId) const
{
    std::shared_lock lock(m_mutex);
    const Record* record = findLocked(type, id);
    if (!record || versionId < 1 || versionId > int(record->versions.size()))
        return std::nullopt;
    return record->versions[size_t(versionId - 1)];
}

std::optional<QJsonObject> FhirStore::readObject(const QString& type, const QString& id) const
{
    const auto v = current(type, id);
    if (!v || v->deleted())
        return std::nullopt;
    return QJsonDocument::fromJson(v->json).object();
}

QList<StoredVersion> FhirStore::instanceHistory(const QString& type, const QString& id) const
{
    std::shared_lock lock(m_mutex);
    const Record* record = findLocked(type, id);
    if (!record)
        return {};
    return QList<StoredVersion>(record->versions.begin(), record->versions.end());
}

QMap<QString, int> FhirStore::counts() const
{
    std::shared_lock lock(m_mutex);
    QMap<QString, int> out;
    for (const auto& [type, table] : m_tables) {
        if (!table.order.empty())
            out.insert(type, int(table.order.size()));
    }
    return out;
}

qint64 FhirStore::versionCount() const
{
    std::shared_lock lock(m_mutex);
    return qint64(m_log.size());
}

} // namespace lantern::sim
