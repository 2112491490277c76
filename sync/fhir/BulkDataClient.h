#pragma once
// FHIR Bulk Data export (async pattern): kick-off, status polling, and NDJSON
// download streamed resource by resource, for the first load of a ward.

#include "sync/fhir/FhirClient.h"
#include "sync/fhir/NdjsonReader.h"

#include <QStringList>

#include <chrono>

namespace lantern::sync {

struct BulkExportRequest
{
    QString operation = QStringLiteral("$export"); // or "Patient/$export", "Group/ward-3/$export"
    QStringList types;                             // _type
    std::optional<QDateTime> since;                // _since
};

struct BulkOutputFile
{
    QString type;
    QUrl url;
    std::optional<qint64> count;
};

struct BulkExportStatus
{
    bool complete = false;
    QString progress;                                     // X-Progress while running
    std::optional<std::chrono::milliseconds> retryAfter;  // the server's polling hint
    std::optional<QDateTime> transactionTime;             // the next incremental pull starts here
    bool requiresAccessToken = false;
    QList<BulkOutputFile> output;
    QList<BulkOutputFile> errors; // NDJSON files of OperationOutcomes
};

class BulkDataClient
{
public:
    explicit BulkDataClient(const FhirClient& client) : m_client(client) {}

    // Returns the status URL from Content-Location.
    FhirResult<QUrl> kickOff(const BulkExportRequest& request) const;
    FhirResult<BulkExportStatus> status(const QUrl& statusUrl) const;
    // Polls (sleeping through the client's Sleeper, honouring Retry-After)
    // until complete or `maxPolls` answers said "still running".
    FhirResult<BulkExportStatus> waitUntilComplete(const QUrl& statusUrl, std::chrono::milliseconds defaultInterval,
                                                   int maxPolls) const;
    // Streams one output file; returns the number of resources handed to onResource.
    FhirResult<qint64> download(const BulkOutputFile& file, bool requiresAccessToken, const ResourceCallback& onResource) const;
    // DELETE on the status URL: the server may drop the job and its files.
    FhirResult<ResponseInfo> cancel(const QUrl& statusUrl) const;

private:
    Status checkStatusUrl(const QUrl& statusUrl) const;

    const FhirClient& m_client;
};

} // namespace lantern::sync
