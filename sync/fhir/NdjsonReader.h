#pragma once
// Splits a byte stream into NDJSON lines and parses each as a JSON object, so
// a bulk export file of any size passes through a bounded buffer.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>

#include <functional>

namespace lantern::sync {

using ResourceCallback = std::function<Status(const QJsonObject& resource)>;

class NdjsonReader
{
public:
    explicit NdjsonReader(ResourceCallback onResource, qsizetype maxLineBytes = 32 * 1024 * 1024);

    Status feed(const char* data, qsizetype size);
    Status finish(); // the last line may lack its newline
    qint64 lines() const { return m_lines; }

private:
    Status emitLine(QByteArray line);

    ResourceCallback m_onResource;
    qsizetype m_maxLineBytes;
    QByteArray m_pending;
    qint64 m_lines = 0;
};

} // namespace lantern::sync
