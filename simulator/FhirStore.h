#pragma once
// The simulator's in-memory FHIR store: every version of every resource, with
// server-assigned versionId and lastUpdated (from the injected Clock), deletes
// kept in the history, and indexes for search, history and bulk export.
// Thread-safe: many readers or one writer at a time (the HTTP server is
// multi-threaded). Several writes that must happen together (a transaction)
// run inside one write(): the lambda receives a StoreWriter.

#include "SearchIndex.h"
#include "SearchQuery.h"

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <vector>

namespace lantern::sim {

enum class WriteMethod : quint8 { Create, Update, Delete };

struct StoredVersion
{
    int versionId = 0;
    qint64 lastUpdatedMs = 0;
    WriteMethod method = WriteMethod::Create;
    QByteArray json; // compact JSON including id and meta; empty for a delete

    bool deleted() const { return method == WriteMethod::Delete; }
};

struct WriteOutcome
{
    QString type;
    QString id;
    StoredVersion version;
    bool created = false;
};

// A resource made ready outside the store's lock (see gen::BufferSink): version 1,
// meta already in `json`, index extracted.
struct PreparedResource
{
    QString type;
    QString id;
    QByteArray json;
    IndexFields index;
    qint64 lastUpdatedMs = 0;
};

struct SearchPage
{
    QList<QByteArray> resources;
    std::optional<SearchCursor> next;
    int total = -1; // -1: not computed
    qint64 searchTimeMs = 0;
};

struct HistoryQuery
{
    QString type; // empty: all types
    QString id;   // empty: all resources (of type)
    std::optional<qint64> sinceMs;
    int count = kDefaultPageSize;
    std::optional<qint64> before; // paging: log positions below this one
};

struct HistoryItem
{
    QString type;
    QString id;
    StoredVersion version;
};

struct HistoryPage
{
    QList<HistoryItem> items; // newest first
    std::optional<qint64> next;
};

struct ExportSelection
{
    QStringList types;                 // empty: all
    std::optional<QSet<QString>> patients; // "Patient/x"; set: only these patients' compartments
    std::optional<qint64> sinceMs;     // only resources updated after
};

class FhirStore;

// Access to the store while its write lock is held; valid only inside FhirStore::write().
class StoreWriter
{
public:
    // New resource with a server-assigned id (any id in `resource` is replaced).
    Result<WriteOutcome> create(QJsonObject resource);
    // Create or update the resource with the id it carries; expectedVersion is If-Match.
    Result<WriteOutcome> put(QJsonObject resource, std::optional<int> expectedVersion = {});
    Result<WriteOutcome> remove(const QString& type, const QString& id, std::optional<int> expectedVersion = {});
    // Adds a prepared first version; Conflict if the id exists.
    Status importPrepared(PreparedResource&& resource);
    // Reserves a fresh id for a later put() in the same write().
    QString reserveId(const QString& type);
    std::optional<StoredVersion> current(const QString& type, const QString& id) const;
    QStringList matchIds(const SearchQuery& query) const;

private:
    friend class FhirStore;
    explicit StoreWriter(FhirStore& store) : m_store(store) {}
    FhirStore& m_store;
};

class FhirStore
{
public:
    explicit FhirStore(const Clock& clock);
    ~FhirStore();
    FhirStore(const FhirStore&) = delete;
    FhirStore& operator=(const FhirStore&) = delete;

    const Clock& clock() const { return m_clock; }

    Result<WriteOutcome> create(QJsonObject resource);
    Result<WriteOutcome> put(QJsonObject resource, std::optional<int> expectedVersion = {});
    Result<WriteOutcome> remove(const QString& type, const QString& id, std::optional<int> expectedVersion = {});

    template <typename F>
    auto write(F&& f)
    {
        std::unique_lock lock(m_mutex);
        StoreWriter writer(*this);
        return f(writer);
    }

    // Current version (possibly a delete marker); nullopt if the resource never existed.
    std::optional<StoredVersion> current(const QString& type, const QString& id) const;
    std::optional<StoredVersion> version(const QString& type, const QString& id, int versionId) const;
    // The current version parsed, unless missing or deleted.
    std::optional<QJsonObject> readObject(const QString& type, const QString& id) const;

    SearchPage search(const SearchQuery& query) const;
    // Ids of every current match, in (lastUpdated, id) order, ignoring paging.
    QStringList matchIds(const SearchQuery& query) const;
    HistoryPage history(const HistoryQuery& query) const;
    QList<StoredVersion> instanceHistory(const QString& type, const QString& id) const;
    QMap<QString, QList<QByteArray>> exportSnapshot(const ExportSelection& selection) const;

    // Current (not deleted) resources per type, and all stored versions.
    QMap<QString, int> counts() const;
    qint64 versionCount() const;

private:
    friend class StoreWriter;
    using OrderKey = std::pair<qint64, QString>;

    struct Record
    {
        QString type;
        QString id;
        std::vector<StoredVersion> versions;
        IndexFields index;
        const StoredVersion& latest() const { return versions.back(); }
        bool live() const { return !versions.empty() && !versions.back().deleted(); }
    };

    struct LogRef
    {
        Record* record;
        int versionIndex;
    };

    struct TypeTable
    {
        QHash<QString, Record*> byId;
        std::map<OrderKey, Record*> order; // live resources by (lastUpdated, id)
        QHash<QString, std::set<OrderKey>> byPatient;
        std::vector<LogRef> log;
        int nextId = 1;
    };

    Result<WriteOutcome> putLocked(QJsonObject resource, std::optional<int> expectedVersion);
    Status importLocked(PreparedResource&& resource);
    Result<WriteOutcome> removeLocked(const QString& type, const QString& id, std::optional<int> expectedVersion);
    QString reserveIdLocked(const QString& type);
    Record* findLocked(const QString& type, const QString& id) const;
    void unindex(TypeTable& table, Record& record);
    void reindex(TypeTable& table, Record& record);
    void appendLog(TypeTable& table, Record& record);
    bool matchesLocked(const Record& record, const SearchQuery& query) const;
    // Visits live matches in order starting after `after`; stops when visit returns false.
    template <typename Visit>
    void scanLocked(const SearchQuery& query, const std::optional<OrderKey>& after, Visit&& visit) const;

    const Clock& m_clock;
    mutable std::shared_mutex m_mutex;
    std::deque<Record> m_records;
    std::map<QString, TypeTable> m_tables;
    std::vector<LogRef> m_log;
};

// FHIR-style id prefix per type: pat-12, enc-7, mreq-210 ...
QString idPrefix(const QString& type);

} // namespace lantern::sim
