#pragma once
// Writes a large, deterministic stream of synthetic FHIR R4 resources as NDJSON
// for the ingest benchmark: about 50 resources per patient, shaped like a ward
// (orders, administrations, allergies, conditions, devices, vitals). Streams to
// the file so that generating a million resources needs no memory.

#include <QString>

namespace lantern::bench {

struct SyntheticCounts
{
    qint64 resources = 0;
    qint64 patients = 0;
};

SyntheticCounts writeSyntheticNdjson(const QString& path, qint64 targetResources, quint32 seed = 42);

} // namespace lantern::bench
