#pragma once
// What `import` reads, opened so that it can be read as a stream: a regular
// file, standard input ("-", /dev/stdin, or any path that names the same pipe
// or file as standard input), a pipe, a FIFO or a character device. Nothing
// here seeks: the format is told from the first line by peeking, and input
// has limits, so /dev/zero or an endless pipe ends with a clear error instead
// of eating all memory.
//
// A FIFO opens only once a program writes to it: Lantern waits for that at
// most `writerWait` and then says so, instead of blocking for ever.

#include "core/common/Result.h"

#include <QFile>
#include <QString>

#include <chrono>
#include <memory>

namespace lantern::import {

struct ImportLimits
{
    // One JSON document (a Bundle or a resource): the largest Bundle a Bulk
    // Data or Synthea export writes is far below this.
    qint64 maxDocumentBytes = 256ll * 1024 * 1024;
    // One NDJSON line, that is one resource.
    qint64 maxLineBytes = 64ll * 1024 * 1024;
};

enum class InputFormat
{
    Json,
    Ndjson
};

class ImportInput
{
public:
    static constexpr std::chrono::seconds DefaultWriterWait{60};

    // "-" is standard input. NotFound / Io with the path in the message;
    // Io when no program opened a FIFO for writing within `writerWait`.
    static Result<std::unique_ptr<ImportInput>> open(const QString& path,
                                                     std::chrono::seconds writerWait = DefaultWriterWait);
    ~ImportInput();
    ImportInput(const ImportInput&) = delete;
    ImportInput& operator=(const ImportInput&) = delete;

    QIODevice& device() { return m_file; }
    // For messages: the file's name, or "standard input".
    QString name() const { return m_name; }
    // Regular files have a size known in advance; streams do not.
    bool isRegularFile() const { return m_regular; }

    // NDJSON (.ndjson/.jsonl, or a first line that is a whole JSON object with
    // more after it) or JSON; peeks, never consumes. InvalidInput for input
    // that cannot be FHIR JSON at all (its first byte is not '{' or '[').
    Result<InputFormat> detectFormat(const ImportLimits& limits);
    // The whole input as one JSON document, refused beyond maxDocumentBytes.
    Result<QByteArray> readDocument(const ImportLimits& limits);

private:
    ImportInput(QString name, bool regular) : m_name(std::move(name)), m_regular(regular) {}

    QFile m_file;
    QString m_name;
    QString m_suffix;
    bool m_regular = false;
};

} // namespace lantern::import
