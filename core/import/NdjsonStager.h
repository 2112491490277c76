#pragma once
// Reads, parses and indexes NDJSON on a worker thread, one batch ahead of the
// writer: while the vault encrypts and commits batch n, batch n+1 is being
// parsed. JSON parsing and indexing are about half of an import's work, so this
// is what lets ingest run close to the speed of the raw encrypted writes.
//
// Memory stays bounded: at most `depth` parsed batches wait for the writer.

#include "core/import/Importer.h"
#include "core/import/ResourceWriter.h"

#include <QIODevice>
#include <QList>
#include <QString>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace lantern::import {

struct StagedBatch
{
    QList<PreparedResource> resources;
    ImportReport report; // read, skipped and problems of this batch (stored stays 0)
    // Set on the last batch when reading stopped early (a line over the limit):
    // the resources before it are still to be written.
    std::optional<Error> stop;
};

class NdjsonStager
{
public:
    // The stager reads `input` from its own thread until the end; the caller
    // must not touch `input` until the stager is destroyed.
    // A line longer than `maxLineBytes` stops reading (see StagedBatch::stop):
    // an endless line must not take all memory.
    NdjsonStager(QIODevice& input, QString sourceName, int batchSize, int maxProblems, qint64 maxLineBytes,
                 int depth = 2);
    ~NdjsonStager(); // stops reading and joins the worker
    NdjsonStager(const NdjsonStager&) = delete;
    NdjsonStager& operator=(const NdjsonStager&) = delete;

    // The next batch in input order; nullopt once the input is exhausted.
    std::optional<StagedBatch> next();

private:
    void run();
    // The next line (with its newline); `tooLong` when it passes the limit (then cut off there).
    QByteArray readLine(bool& tooLong);
    void stageLine(QByteArray line, qint64 lineNumber, StagedBatch& batch);
    // False when the reader was cancelled while waiting for room.
    bool push(StagedBatch&& batch);

    QIODevice& m_input;
    const QString m_sourceName;
    const int m_batchSize;
    const int m_maxProblems;
    const qint64 m_maxLineBytes;
    const size_t m_depth;
    QByteArray m_piece; // reused for each read, so a line costs no more than its own size
    int m_problemsKept = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<StagedBatch> m_ready;
    bool m_finished = false;
    bool m_cancelled = false;
    std::thread m_worker; // last: starts after every member above exists
};

} // namespace lantern::import
