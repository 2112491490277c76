#include "sync/fhir/NdjsonReader.h"

#include <QJsonDocument>

namespace lantern::sync {

NdjsonReader::NdjsonReader(ResourceCallback onResource, qsizetype maxLineBytes)
    : m_onResource(std::move(onResource)), m_maxLineBytes(maxLineBytes)
{
}

Status NdjsonReader::feed(const char* data, qsizetype size)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < size; ++i) {
        if (data[i] != '\n')
            continue;
        m_pending.append(data + start, i - start);
        start = i + 1;
        LANTERN_TRY(emitLine(std::exchange(m_pending, QByteArray())));
    }
    m_pending.append(data + start, size - start);
    if (m_pending.size() > m_maxLineBytes) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("line %1 of the NDJSON file is longer than %2 MiB; the file is not valid NDJSON")
                         .arg(m_lines + 1)
                         .arg(m_maxLineBytes / (1024 * 1024)));
    }
    return {};
}

Status NdjsonReader::finish()
{
    if (m_pending.trimmed().isEmpty())
        return {};
    return emitLine(std::exchange(m_pending, QByteArray()));
}

Status NdjsonReader::emitLine(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.trimmed().isEmpty())
        return {};
    ++m_lines;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("line %1 of the NDJSON file is not a JSON object (%2)").arg(m_lines).arg(error.errorString()));
    }
    return m_onResource(document.object());
}

} // namespace lantern::sync
