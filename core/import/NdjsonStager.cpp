#include "core/import/NdjsonStager.h"

#include "core/fhir/BundleReader.h"
#include "core/fhir/JsonSpan.h"
#include "core/fhir/PatientMapping.h"
#include "core/fhir/ResourceIndex.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace lantern::import {

NdjsonStager::NdjsonStager(QIODevice& input, QString sourceName, int batchSize, int maxProblems, qint64 maxLineBytes,
                           int depth)
    : m_input(input), m_sourceName(std::move(sourceName)), m_batchSize(batchSize > 0 ? batchSize : 1),
      m_maxProblems(maxProblems), m_maxLineBytes(maxLineBytes > 0 ? maxLineBytes : 1),
      m_depth(depth > 0 ? size_t(depth) : 1), m_piece(64 * 1024, Qt::Uninitialized), m_worker([this] { run(); })
{
}

NdjsonStager::~NdjsonStager()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

std::optional<StagedBatch> NdjsonStager::next()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_finished; });
    if (m_ready.empty())
        return std::nullopt;
    StagedBatch batch = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    m_changed.notify_all(); // room for the reader
    return batch;
}

bool NdjsonStager::push(StagedBatch&& batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_ready.size() < m_depth || m_cancelled; });
    if (m_cancelled)
        return false;
    m_ready.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void NdjsonStager::run()
{
    // Each batch's list is allocated once at its full size: growing it element by
    // element moved every staged resource again and again (a measurable share of ingest).
    StagedBatch batch;
    batch.resources.reserve(m_batchSize);
    qint64 lineNumber = 0;
    bool cancelled = false;
    while (!m_input.atEnd()) {
        ++lineNumber;
        bool tooLong = false;
        QByteArray line = readLine(tooLong);
        if (tooLong) {
            batch.stop = Error(ErrorCode::InvalidInput,
                               QStringLiteral("%1 line %2 is longer than %3 MiB, the limit for one NDJSON line: the import "
                                              "stopped there (the lines before it were imported, nothing after it)")
                                   .arg(m_sourceName)
                                   .arg(lineNumber)
                                   .arg(m_maxLineBytes / (1024 * 1024)));
            break;
        }
        stageLine(std::move(line), lineNumber, batch);
        if (batch.resources.size() >= m_batchSize) {
            if (!push(std::exchange(batch, {}))) {
                cancelled = true;
                break;
            }
            batch.resources.reserve(m_batchSize);
        }
    }
    if (!cancelled && (batch.report.read > 0 || batch.stop))
        push(std::move(batch));
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
    }
    m_changed.notify_all();
}

QByteArray NdjsonStager::readLine(bool& tooLong)
{
    QByteArray line;
    for (;;) {
        const qint64 n = m_input.readLine(m_piece.data(), m_piece.size());
        if (n <= 0)
            return line;
        line.append(m_piece.constData(), n);
        if (m_piece.at(n - 1) == '\n')
            return line;
        if (line.size() > m_maxLineBytes) {
            tooLong = true;
            return {};
        }
    }
}

void NdjsonStager::stageLine(QByteArray line, qint64 lineNumber, StagedBatch& batch)
{
    const fhir::JsonSpan span = fhir::trimmedSpan(line);
    if (!span.isValid())
        return;
    line = span.of(line);
    ++batch.report.read;
    auto skip = [&](const Error& problem) {
        ++batch.report.skipped;
        if (m_problemsKept < m_maxProblems) {
            ++m_problemsKept;
            batch.report.problems.append(problem);
        }
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        skip(Error(ErrorCode::InvalidInput, QStringLiteral("%1 line %2: not a JSON object (%3 at offset %4)")
                                                .arg(m_sourceName)
                                                .arg(lineNumber)
                                                .arg(parseError.errorString())
                                                .arg(parseError.offset)));
        return;
    }
    // Named only for a problem: formatting it for every line cost more than its rarity warrants.
    const auto where = [&] { return QStringLiteral("%1 line %2").arg(m_sourceName).arg(lineNumber); };
    const QJsonObject resource = doc.object();
    auto index = fhir::indexResource(resource); // NDJSON has no bundle to resolve references in
    if (!index.ok()) {
        skip(index.error().prefixed(where()));
        return;
    }
    auto prepared = prepareResource(*index, resource, std::move(line));
    if (!prepared.ok()) {
        skip(prepared.error().prefixed(where()));
        return;
    }
    batch.resources.append(std::move(*prepared));
}

} // namespace lantern::import
