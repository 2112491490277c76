#include "core/import/Importer.h"

#include "core/common/Clock.h"
#include "core/common/Logging.h"
#include "core/fhir/BundleReader.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/ResourceIndex.h"
#include "core/import/NdjsonStager.h"
#include "core/import/Quarantine.h"
#include "core/import/ResourceWriter.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::import {

void ImportReport::merge(const ImportReport& other)
{
    read += other.read;
    stored += other.stored;
    skipped += other.skipped;
    quarantined += other.quarantined;
    unchanged += other.unchanged;
    olderNotApplied += other.olderNotApplied;
    problems += other.problems;
    patientIds.unite(other.patientIds);
}

Importer::Importer(vault::Vault& vault, int batchSize, ImportLimits limits)
    : m_vault(vault), m_repository(vault.db()), m_batchSize(batchSize > 0 ? batchSize : kDefaultBatchSize), m_limits(limits)
{
}

Result<ImportReport> Importer::importFile(const QString& path, std::chrono::seconds writerWait)
{
    auto input = ImportInput::open(path, writerWait);
    if (!input.ok())
        return input.error();
    auto format = (*input)->detectFormat(m_limits);
    if (!format.ok())
        return format.error();
    if (*format == InputFormat::Ndjson)
        return importNdjson((*input)->device(), (*input)->name());
    auto document = (*input)->readDocument(m_limits);
    if (!document.ok())
        return document.error();
    return importJson(*document, (*input)->name());
}

Result<ImportReport> Importer::importJson(const QByteArray& json, const QString& sourceName)
{
    auto content = fhir::BundleReader::read(json);
    if (!content.ok())
        return content.error().prefixed(sourceName);
    ImportReport report;
    // Entries that failed indexing: read again from the file, to keep what belongs to a patient.
    const QJsonArray entries = content->errors.isEmpty() || !content->isBundle
        ? QJsonArray() : QJsonDocument::fromJson(json).object().value(QLatin1String("entry")).toArray();
    for (const fhir::EntryError& problem : content->errors) {
        ++report.read;
        ++report.skipped;
        noteProblem(report, problem.error.prefixed(sourceName));
        const bool inFile = problem.position >= 0 && problem.position < entries.size();
        const QJsonObject resource =
            inFile ? entries.at(problem.position).toObject().value(QLatin1String("resource")).toObject() : QJsonObject();
        if (!resource.isEmpty())
            quarantine(resource, QJsonDocument(resource).toJson(QJsonDocument::Compact), content->references,
                       problem.error, sourceName);
    }
    for (const fhir::BundleEntry& entry : content->entries) {
        ++report.read;
        if (entry.deleted) {
            m_batch.append({vault::StoredResource{entry.index.type, entry.index.id, {}, {}, {}, {}, {}}, std::nullopt, true});
            continue;
        }
        stage(entry.index, entry.resource, entry.raw, sourceName, report);
    }
    // The whole bundle is one unit: a patient's data never lands half.
    LANTERN_TRY(flush(report));
    return report;
}

Result<ImportReport> Importer::importNdjson(QIODevice& input, const QString& sourceName)
{
    ImportReport report;
    // Parsing runs one batch ahead on the stager's thread; this thread only writes.
    NdjsonStager stager(input, sourceName, m_batchSize, kMaxProblemsKept, m_limits.maxLineBytes);
    while (std::optional<StagedBatch> batch = stager.next()) {
        report.merge(batch->report);
        for (PreparedResource& prepared : batch->resources)
            m_batch.append({std::move(prepared.resource), std::move(prepared.patient), false});
        // A failing write stops here; the stager's destructor stops the reader.
        LANTERN_TRY(flush(report));
        if (batch->stop) // a line over the limit: what came before it is in, nothing after
            return *batch->stop;
    }
    return report;
}

void Importer::stage(const fhir::ResourceIndex& index, const QJsonObject& resource, QByteArray raw, const QString& where,
                     ImportReport& report)
{
    Staged staged;
    staged.resource = storedResource(index, std::move(raw));
    if (index.type == QStringLiteral("Patient")) {
        staged.patient = index.patient ? std::optional(patientIndexRow(*index.patient)) : std::nullopt;
        if (!staged.patient) {
            ++report.skipped;
            const Error why = fhir::mapPatient(resource).error();
            noteProblem(report, why.prefixed(where));
            quarantine(resource, staged.resource.json, {}, why, where);
            return;
        }
    }
    m_batch.append(std::move(staged));
}

Status Importer::flush(ImportReport& report)
{
    if (m_batch.isEmpty())
        return {};
    const QList<Staged> batch = std::exchange(m_batch, {});
    m_batch.reserve(m_batchSize); // the next batch fills it without growing (and moving) it step by step
    auto tx = vault::Transaction::begin(m_vault.db());
    if (!tx.ok())
        return tx.error().prefixed(QStringLiteral("import"));
    vault::QuarantineRepository quarantined(m_vault.db());
    auto quarantineEmpty = quarantined.isEmpty();
    if (!quarantineEmpty.ok())
        return quarantineEmpty.error().prefixed(QStringLiteral("import"));
    ResourceWriter writer(m_repository);
    ImportReport counted;
    for (const Staged& s : batch) {
        const auto what = [&s] { return QStringLiteral("storing %1/%2").arg(s.resource.type, s.resource.id); };
        if (s.quarantined) {
            LANTERN_TRY(quarantined.put(*s.quarantined));
            *quarantineEmpty = false;
            ++counted.quarantined;
            counted.patientIds.insert(s.quarantined->patientId);
            continue;
        }
        if (s.deletion) {
            if (Status removed = m_repository.remove(s.resource.type, s.resource.id); !removed.ok())
                return removed.error().prefixed(what()); // the transaction rolls back: this batch is not half-written
            if (!*quarantineEmpty)
                LANTERN_TRY(quarantined.release(s.resource.type, s.resource.id));
            continue;
        }
        auto written = writer.writeUnlessOlder(s.resource, s.patient);
        if (!written.ok())
            return written.error().prefixed(what());
        switch (*written) {
        case VersionVerdict::Newer:
            ++counted.stored;
            if (!s.resource.patientId.isEmpty())
                counted.patientIds.insert(s.resource.patientId);
            if (!*quarantineEmpty) // a readable version replaces a quarantined copy
                LANTERN_TRY(quarantined.release(s.resource.type, s.resource.id));
            break;
        case VersionVerdict::Same:
            ++counted.unchanged;
            break;
        case VersionVerdict::Older:
            ++counted.olderNotApplied;
            break;
        }
    }
    LANTERN_TRY((*tx)->commit());
    report.merge(counted); // counted only once committed
    if (counted.olderNotApplied > 0)
        qCInfo(lcImport) << counted.olderNotApplied << "older versions not applied: the vault holds newer ones";
    qCDebug(lcImport) << "committed" << batch.size() << "resources";
    if (m_progress)
        m_progress(report.read);
    return {};
}

void Importer::quarantine(const QJsonObject& resource, const QByteArray& raw, const fhir::ReferenceResolver& refs,
                          const Error& why, const QString& sourceName)
{
    auto row = quarantineRow(resource, raw, refs, why, QStringLiteral("import ") + sourceName.left(120),
                             SystemClock::instance().now());
    if (!row)
        return; // no patient to show it to: the report names it, nothing more can be done here
    Staged staged;
    staged.quarantined = std::move(row);
    m_batch.append(std::move(staged));
}

void Importer::noteProblem(ImportReport& report, const Error& problem)
{
    if (report.problems.size() < kMaxProblemsKept)
        report.problems.append(problem);
}

} // namespace lantern::import
