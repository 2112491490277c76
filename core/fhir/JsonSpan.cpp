#include "core/fhir/JsonSpan.h"

namespace lantern::fhir {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Scanner
{
public:
    explicit Scanner(const QByteArray& text) : m_p(text.constData()), m_n(text.size()) {}

    qsizetype pos() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_n; }
    char peek() const { return m_pos < m_n ? m_p[m_pos] : '\0'; }

    void skipSpace()
    {
        while (m_pos < m_n && isSpace(m_p[m_pos]))
            ++m_pos;
    }

    bool expect(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    // At '"': moves past the closing quote; `raw` gets the bytes between the quotes.
    bool string(QByteArray* raw = nullptr)
    {
        if (peek() != '"')
            return false;
        const qsizetype start = ++m_pos;
        while (m_pos < m_n) {
            const char c = m_p[m_pos];
            if (c == '\\') {
                m_pos += 2;
                continue;
            }
            if (c == '"') {
                if (raw)
                    *raw = QByteArray(m_p + start, m_pos - start);
                ++m_pos;
                return true;
            }
            ++m_pos;
        }
        return false;
    }

    // Skips one value of any kind: strings escape-aware, containers by depth.
    bool value()
    {
        skipSpace();
        const char c = peek();
        if (c == '"')
            return string();
        if (c == '{' || c == '[') {
            int depth = 0;
            while (m_pos < m_n) {
                const char d = m_p[m_pos];
                if (d == '"') {
                    if (!string())
                        return false;
                    continue;
                }
                if (d == '{' || d == '[')
                    ++depth;
                else if (d == '}' || d == ']')
                    --depth;
                ++m_pos;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        // number, true, false, null
        const qsizetype start = m_pos;
        while (m_pos < m_n && !isSpace(m_p[m_pos]) && m_p[m_pos] != ',' && m_p[m_pos] != '}' && m_p[m_pos] != ']')
            ++m_pos;
        return m_pos > start;
    }

private:
    const char* m_p;
    qsizetype m_n;
    qsizetype m_pos = 0;
};

// At the '{' of one entry: the span of its "resource" member.
bool scanEntry(Scanner& s, JsonSpan* span)
{
    if (!s.expect('{'))
        return false;
    bool seen = false;
    s.skipSpace();
    if (s.peek() == '}')
        return s.expect('}');
    for (;;) {
        s.skipSpace();
        QByteArray key;
        if (!s.string(&key) || !s.expect(':'))
            return false;
        s.skipSpace();
        const qsizetype begin = s.pos();
        if (!s.value())
            return false;
        if (key == "resource") {
            *span = seen ? JsonSpan() : JsonSpan{begin, s.pos()}; // a duplicate key makes it ambiguous
            seen = true;
        }
        s.skipSpace();
        if (s.peek() == ',') {
            s.expect(',');
            continue;
        }
        return s.expect('}');
    }
}

} // namespace

JsonSpan trimmedSpan(const QByteArray& json, qsizetype from, qsizetype to)
{
    qsizetype b = from;
    qsizetype e = to < 0 ? json.size() : to;
    while (b < e && isSpace(json.at(b)))
        ++b;
    while (e > b && isSpace(json.at(e - 1)))
        --e;
    return b < e ? JsonSpan{b, e} : JsonSpan();
}

std::optional<QList<JsonSpan>> scanBundleResourceSpans(const QByteArray& json)
{
    Scanner s(json);
    if (!s.expect('{'))
        return std::nullopt;
    std::optional<QList<JsonSpan>> spans;
    s.skipSpace();
    if (s.peek() == '}')
        return QList<JsonSpan>();
    for (;;) {
        s.skipSpace();
        QByteArray key;
        if (!s.string(&key) || !s.expect(':'))
            return std::nullopt;
        s.skipSpace();
        if (key == "entry") {
            if (spans || !s.expect('['))
                return std::nullopt;
            spans = QList<JsonSpan>();
            s.skipSpace();
            if (s.peek() == ']') {
                s.expect(']');
            } else {
                for (;;) {
                    s.skipSpace();
                    JsonSpan span;
                    if (s.peek() == '{') {
                        if (!scanEntry(s, &span))
                            return std::nullopt;
                    } else if (!s.value()) {
                        return std::nullopt;
                    }
                    spans->append(span);
                    s.skipSpace();
                    if (s.peek() == ',') {
                        s.expect(',');
                        continue;
                    }
                    if (!s.expect(']'))
                        return std::nullopt;
                    break;
                }
            }
        } else if (!s.value()) {
            return std::nullopt;
        }
        s.skipSpace();
        if (s.peek() == ',') {
            s.expect(',');
            continue;
        }
        if (!s.expect('}'))
            return std::nullopt;
        break;
    }
    if (!spans)
        return QList<JsonSpan>();
    return spans;
}

} // namespace lantern::fhir
