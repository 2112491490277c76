#pragma once
// Where chart builders put the resources they make. StoreSink writes each
// resource at once (server-assigned id). BufferSink prepares resources off the
// store's lock (ids derived from the patient's serial, meta stamped, JSON
// serialized, index extracted) so the generator can build many patients in
// parallel and import them in a fixed order: same seed, same ids and bytes.

#include "FhirStore.h"

#include <QHash>
#include <QJsonObject>

#include <vector>

namespace lantern::sim::gen {

class ResourceSink
{
public:
    virtual ~ResourceSink() = default;
    // Stores or buffers `resource`; returns its "Type/id".
    virtual QString add(QJsonObject resource) = 0;
};

class StoreSink final : public ResourceSink
{
public:
    explicit StoreSink(StoreWriter& writer) : m_writer(writer) {}
    QString add(QJsonObject resource) override;

private:
    StoreWriter& m_writer;
};

class BufferSink final : public ResourceSink
{
public:
    // Ids: Patient "pat-<serial>", others "<prefix>-<serial>-<n>"; versionId 1, lastUpdated stampMs.
    BufferSink(int serial, qint64 stampMs) : m_serial(serial), m_stampMs(stampMs) {}
    QString add(QJsonObject resource) override;
    std::vector<PreparedResource> take() { return std::move(m_prepared); }

private:
    int m_serial;
    qint64 m_stampMs;
    QHash<QString, int> m_counters;
    std::vector<PreparedResource> m_prepared;
};

} // namespace lantern::sim::gen
