// Fuzz target: the mirror's NDJSON reader for Bulk Data exports, fed in
// pieces the way the network delivers them. Property: how the bytes are cut
// into pieces never changes what comes out (the same resources, the same
// verdict), and a line longer than the bound is refused, not buffered.

#include "FuzzInput.h"

#include "sync/fhir/NdjsonReader.h"

#include <QJsonDocument>
#include <QList>

using namespace lantern;

namespace {

constexpr qsizetype kMaxLine = 4096; // small, so the bound is reached often

struct Outcome
{
    QList<QByteArray> resources;
    bool ok = true;
};

Outcome readInPieces(const QByteArray& input, qsizetype piece)
{
    Outcome out;
    sync::NdjsonReader reader([&](const QJsonObject& resource) {
        out.resources << QJsonDocument(resource).toJson(QJsonDocument::Compact);
        return Status();
    }, kMaxLine);
    for (qsizetype at = 0; at < input.size() && out.ok; at += piece)
        out.ok = reader.feed(input.constData() + at, std::min(piece, input.size() - at)).ok();
    if (out.ok)
        out.ok = reader.finish().ok();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 97; // the first byte chooses how the rest is cut
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const Outcome whole = readInPieces(input, std::max<qsizetype>(input.size(), 1));
    const Outcome cut = readInPieces(input, piece);
    fuzz::require(whole.ok == cut.ok, "the verdict depends on how the stream was cut");
    if (whole.ok)
        fuzz::require(whole.resources == cut.resources, "the resources depend on how the stream was cut");
    return 0;
}
