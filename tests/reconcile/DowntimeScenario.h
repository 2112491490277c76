#pragma once
// A downtime as the tests (and the benchmark) stage it: the EHR is down, the
// ward records administrations, notes and reported allergies on several
// devices through record::Recorder, and meanwhile the EHR changes underneath:
// orders discontinued, doses changed, doses back-charted from paper (through
// the simulator's admin API). Every recorded entry comes with what
// reconciliation must make of it.

#include "ReconcileTestSupport.h"

#include "core/record/RecordEntry.h"

#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>

namespace lantern::test {

struct Expected
{
    record::EntryState state = record::EntryState::Uploaded;
    std::optional<record::ConflictReason> reason;
    QString type;      // FHIR resource type in the EHR
    int device = 0;    // index into the scenario's devices
    QString patientId; // vault patient id
};
using Expectations = QHash<QString, Expected>; // entry uuid -> expected

struct ScenarioOptions
{
    int entries = 500;
    bool ehrChanges = true;      // discontinue, change doses, back-chart during the outage
    bool downtimeAdmission = true; // device 0 admits a patient and records for them
};

class DowntimeScenario
{
public:
    DowntimeScenario(ReconcileFixture& fixture, QList<Device> devices) : m_fixture(fixture), m_devices(std::move(devices)) {}

    // Records the entries (the EHR should be down: the caller sets the fault). False on failure (warned).
    bool record(const ScenarioOptions& options);
    const Expectations& expected() const { return m_expected; }
    int conflictsExpected() const;

private:
    ReconcileFixture& m_fixture;
    QList<Device> m_devices;
    Expectations m_expected;
};

// Compares a device's outbox with what was expected and the EHR with both:
// every uploaded entry exactly once (by identifier), every conflict with its
// reason and not in the EHR, one downtime note per patient with filed entries.
// Empty on success, else the first problems (uuids and states only).
QString verifyDevice(ReconcileFixture& fixture, const Device& device, int deviceIndex, const Expectations& expected);

} // namespace lantern::test
