// Fuzz target: FHIR JSON files as the importer and the mirror read them: a
// single resource, any kind of Bundle, or NDJSON; then every readable entry
// through the chart reader the desktop and the printouts use.
// Properties: nothing crashes; every entry the reader hands out is indexed
// (type and id) unless it is a deletion; an unreadable entry comes back as an
// error naming its position, never as silence.

#include "FuzzInput.h"

#include "core/fhir/BundleReader.h"
#include "core/fhir/ChartBuilder.h"

using namespace lantern;

namespace {

void readEveryEntry(const fhir::FhirContent& content)
{
    QList<QJsonObject> resources;
    for (const fhir::BundleEntry& entry : content.entries) {
        if (!entry.deleted)
            fuzz::require(!entry.index.type.isEmpty() && !entry.index.id.isEmpty(), "an entry without type or id was handed out");
        (void)fhir::readForChart(entry.resource);
        (void)fhir::bearsAllergies(entry.index.type, entry.resource);
        (void)fhir::isActiveMedication(entry.resource);
        (void)fhir::isAllergy(entry.resource);
        resources << entry.resource;
    }
    for (const fhir::EntryError& error : content.errors)
        fuzz::require(!error.error.message.isEmpty(), "an unreadable entry without a message");
    // One chart over everything, as if it all belonged to the first patient named.
    const QString patientId = content.entries.isEmpty() ? QStringLiteral("p") : content.entries.first().index.patientId;
    const model::PatientChart chart = fhir::buildChart(patientId, resources);
    (void)fhir::allergyStatusOf(chart);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    if (auto content = fhir::BundleReader::read(input); content.ok())
        readEveryEntry(*content);
    readEveryEntry(fhir::BundleReader::readNdjson(input));
    return 0;
}
