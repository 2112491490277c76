// Fuzz target: `lanternctl import` of a JSON file or an NDJSON stream into a
// real vault. Property: every resource read is accounted for (stored,
// unchanged, older, or skipped with a problem), and a rejected file is an
// error with a message, never a crash.

#include "FuzzInput.h"
#include "FuzzVault.h"

#include "core/import/Importer.h"

#include <QBuffer>

using namespace lantern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    QByteArray input = fuzz::bytes(data + 1, size - 1);
    import::Importer importer(fuzz::sharedVault(), 16); // small batches: more commits per input
    Result<import::ImportReport> report = [&] {
        if (data[0] & 1) {
            QBuffer stream(&input);
            stream.open(QIODevice::ReadOnly);
            return importer.importNdjson(stream);
        }
        return importer.importJson(input);
    }();
    if (!report.ok()) {
        fuzz::require(!report.error().message.isEmpty(), "a refused import without a reason");
        return 0;
    }
    fuzz::require(report->stored + report->unchanged + report->olderNotApplied + report->skipped >= report->read,
                  "a resource read was neither stored, unchanged, older nor skipped");
    return 0;
}
