#pragma once
// FHIR Bulk Data export ($export at system, Patient and Group level) with the
// asynchronous request pattern: kick-off (Prefer: respond-async) answers 202
// with a status URL in Content-Location; polling answers 202 + X-Progress
// until the NDJSON files are built, then 200 with the output manifest; files
// come from <base>/$export-output/<job>/<Type>.ndjson. The data is a snapshot
// taken at kick-off (transactionTime); building the files runs on a worker thread.

#include "ApiTypes.h"
#include "FhirStore.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace lantern::sim {

enum class ExportLevel { System, Patient, Group };

class BulkExportManager
{
public:
    // A job answers "in progress" to at least `pollsBeforeReady` polls, so clients
    // (and tests) always see the 202 path.
    explicit BulkExportManager(FhirStore& store, int pollsBeforeReady = 1);
    ~BulkExportManager();
    BulkExportManager(const BulkExportManager&) = delete;
    BulkExportManager& operator=(const BulkExportManager&) = delete;

    ApiResponse kickOff(const ApiRequest& req, ExportLevel level, const QString& groupId);
    ApiResponse poll(const QString& jobId, const ApiRequest& req);
    ApiResponse cancel(const QString& jobId);
    ApiResponse file(const QString& jobId, const QString& fileName);

    int jobCount() const;

private:
    struct Job
    {
        QString id;
        QString request;
        QString base;
        qint64 transactionTimeMs = 0;
        QMap<QString, QList<QByteArray>> snapshot;
        QMap<QString, QByteArray> files; // Type -> NDJSON, written by the worker before `done`
        std::atomic<bool> done{false};
        int polls = 0;
        std::thread worker;
    };

    void retire(std::unique_ptr<Job> job);
    static int jobNumber(const QString& jobId); // "job-12" -> 12, else 0

    FhirStore& m_store;
    const int m_pollsBeforeReady;
    mutable std::mutex m_mutex;
    // Keyed by job number: the oldest job is evicted first.
    std::map<int, std::unique_ptr<Job>> m_jobs;
    int m_nextJob = 1;
};

} // namespace lantern::sim
