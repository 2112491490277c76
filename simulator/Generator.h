#pragma once
// The seeded synthetic hospital: N wards with beds, patients in those beds
// with a full chart (orders, recent administrations, allergies, diagnoses,
// devices, code status, flags, vital signs, pregnancy status of some women).
// The same seed and the same clock give the same resources, byte for byte.

#include "Census.h"
#include "FhirStore.h"
#include "MedicationShape.h"

#include "core/common/Result.h"

#include <atomic>
#include <optional>

namespace lantern::sim {

namespace gen {
class ResourceSink;
}

struct GeneratorOptions
{
    quint64 seed = 1;
    int wards = 3;
    int patientsPerWard = 12;
    int windowDays = 3; // administrations and vitals cover this many recent days
    // The hospital's "now" for generation (ms since epoch): charts run up to this time. Unset:
    // the clock's time at start. Pin it to make two processes with the same seed identical
    // with a running clock (which doses are already charted depends on it).
    std::optional<qint64> anchorMs;
    // Inline keeps the hospital as it always was; the others see MedicationShape.h.
    MedicationShape medicationShape = MedicationShape::Inline;
};

struct Admission
{
    QString patientId;
    QString encounterId;
    QString wardId;
    QString bedId;
};

class Generator
{
public:
    Generator(FhirStore& store, Census& census, GeneratorOptions options);

    // Wards, beds, patients with charts, and the ward Groups.
    Status populate();
    // A new patient admitted now into (wardId, bedId): chart with orders, no past doses.
    Result<Admission> admitNew(const QString& wardId, const QString& bedId);
    // An in-progress Encounter for an existing patient (from a foreign bundle).
    Result<Admission> placeExisting(const QString& patientRef, const QString& wardId, const QString& bedId,
        qint64 admitMs);

    const GeneratorOptions& options() const { return m_options; }

private:
    Admission writePatient(gen::ResourceSink& sink, int serial, const WardInfo& ward, int bedIndex, qint64 admitMs,
        qint64 nowMs, bool withHistory) const;

    FhirStore& m_store;
    Census& m_census;
    GeneratorOptions m_options;
    std::atomic<int> m_nextSerial{1};
};

} // namespace lantern::sim
