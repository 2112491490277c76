#pragma once
// Finds where values sit in a JSON text without building a DOM, so a
// resource inside a Bundle can be stored with exactly the bytes it had in
// the file. The scanner knows strings and escapes and tracks nesting depth;
// grammar is left to QJsonDocument, which parses the same text anyway.

#include <QByteArray>
#include <QList>

#include <optional>

namespace lantern::fhir {

struct JsonSpan
{
    qsizetype begin = -1; // first byte of the value
    qsizetype end = -1;   // one past its last byte

    bool isValid() const { return begin >= 0 && end > begin; }
    QByteArray of(const QByteArray& text) const { return text.mid(begin, end - begin); }
};

// For a Bundle text: the span of entry[i].resource for every element of the
// top-level "entry" array, in order. An element without a resource (or with
// two) gets an invalid span. nullopt when the text is not a scannable object
// or has more than one top-level "entry".
std::optional<QList<JsonSpan>> scanBundleResourceSpans(const QByteArray& json);

// The text between `from` and `to` without surrounding JSON whitespace.
JsonSpan trimmedSpan(const QByteArray& json, qsizetype from = 0, qsizetype to = -1);

} // namespace lantern::fhir
