#pragma once
// A ResourceSink that reshapes what the chart builders write according to a
// MedicationShape (see MedicationShape.h) before handing it on: orders and
// administrations get a Medication resource to reference, Devices lose their
// patient. Afterwards writeHomeMedication and writeDeviceUseStatements add the
// statements. The inline shape never gets here, so the default hospital stays
// byte for byte what it was.

#include "ChartBuilders.h"
#include "MedicationShape.h"

#include <QHash>
#include <QStringList>

namespace lantern::sim::gen {

class ShapingSink final : public ResourceSink
{
public:
    ShapingSink(ResourceSink& inner, MedicationShape shape) : m_inner(inner), m_shape(shape) {}
    QString add(QJsonObject resource) override;

    // "Device/x" of every device written so far, in order.
    const QStringList& devices() const { return m_devices; }
    MedicationShape shape() const { return m_shape; }

private:
    // Replaces medicationCodeableConcept by a reference to a new Medication.
    void referenceMedication(QJsonObject& resource);

    ResourceSink& m_inner;
    MedicationShape m_shape;
    int m_references = 0;
    QHash<QString, QJsonObject> m_orderMedication; // "MedicationRequest/x" -> its medicationReference
    QStringList m_devices;
};

// 1-3 home medications (MedicationStatement, active, taken before admission),
// none of a class the patient is allergic to; draws only from `rng`.
void writeHomeMedication(Chart& c, Rng& rng);
// One active DeviceUseStatement per device of the chart.
void writeDeviceUseStatements(Chart& c, const QStringList& devices);

} // namespace lantern::sim::gen
