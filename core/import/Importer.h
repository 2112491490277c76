#pragma once
// Loads FHIR R4 data into the vault: a Bundle (any type) or a single resource
// as JSON, or NDJSON (Bulk Data output) streamed line by line so memory stays
// flat whatever the file size.
//
// Atomicity: a Bundle is one unit (all its valid entries commit together or
// none do); an NDJSON stream commits in batches. A malformed resource is
// reported with an error naming it while the rest loads; when its patient can
// be told it is kept in the vault's quarantine (import/Quarantine.h) so the
// chart says "could not be read" instead of nothing. A failing write (a full
// disk) rolls back the current unit and stops, leaving what was committed
// before intact.
//
// Versions: an older version never replaces a newer one (import/VersionOrder.h);
// it is counted in olderNotApplied, and the same version again in unchanged.

#include "core/common/Result.h"
#include "core/import/ImportInput.h"
#include "core/vault/QuarantineRepository.h"
#include "core/vault/ResourceRepository.h"

#include <QIODevice>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace lantern::fhir {
class ReferenceResolver;
struct ResourceIndex;
}

namespace lantern::vault {
class Vault;
}

namespace lantern::import {

struct ImportReport
{
    qint64 read = 0;    // resources seen
    qint64 stored = 0;  // resources written
    qint64 skipped = 0; // malformed or unsupported, see problems
    qint64 quarantined = 0; // of the skipped: kept in quarantine, listed in their patient's chart
    qint64 unchanged = 0;       // the vault holds this very version already
    qint64 olderNotApplied = 0; // the vault holds a newer version (or the file's copy cannot show it is newer)
    QList<Error> problems;
    QSet<QString> patientIds; // patients touched

    void merge(const ImportReport& other);
};

class Importer
{
public:
    static constexpr int kDefaultBatchSize = 1000;
    // Problems beyond this many are counted but not kept (a broken export must not eat memory).
    static constexpr int kMaxProblemsKept = 200;

    explicit Importer(vault::Vault& vault, int batchSize = kDefaultBatchSize, ImportLimits limits = {});

    // Detects NDJSON (.ndjson / .jsonl, or one JSON object per line) versus JSON.
    // `path` may be "-" (standard input), a pipe, a FIFO (waited for at most
    // `writerWait`) or a device: everything is read as a stream (ImportInput).
    Result<ImportReport> importFile(const QString& path,
                                    std::chrono::seconds writerWait = ImportInput::DefaultWriterWait);
    Result<ImportReport> importJson(const QByteArray& json, const QString& sourceName = QStringLiteral("input"));
    Result<ImportReport> importNdjson(QIODevice& input, const QString& sourceName = QStringLiteral("input"));

    // Called after each committed batch with the resources read so far in the
    // current file (lanternctl import --progress); the log keeps that at debug level.
    void setProgress(std::function<void(qint64 resourcesRead)> onBatch) { m_progress = std::move(onBatch); }

private:
    struct Staged
    {
        vault::StoredResource resource;
        std::optional<vault::PatientIndexRow> patient;
        bool deletion = false; // a history/transaction DELETE entry
        std::optional<vault::QuarantinedResource> quarantined; // instead of the resource: kept aside
    };

    // Validates and indexes one resource; problems go into the report, not the batch.
    void stage(const fhir::ResourceIndex& index, const QJsonObject& resource, QByteArray raw, const QString& where,
               ImportReport& report);
    Status flush(ImportReport& report);
    void noteProblem(ImportReport& report, const Error& problem);
    // Keeps a resource that failed indexing (Bundle entry at `position`) when its patient can be told.
    void quarantine(const QJsonObject& resource, const QByteArray& raw, const fhir::ReferenceResolver& refs,
                    const Error& why, const QString& sourceName);

    vault::Vault& m_vault;
    vault::ResourceRepository m_repository;
    int m_batchSize;
    ImportLimits m_limits;
    QList<Staged> m_batch;
    std::function<void(qint64)> m_progress;
};

} // namespace lantern::import
