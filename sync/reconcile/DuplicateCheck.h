#pragma once
// Before an administration goes up: is the same dose already in the EHR, for
// example back-charted from the paper MAR? A MedicationAdministration of the
// same order (or, without an order, the same drug code) within a window around
// the entry's time that is not one of this device's own entries (by
// identifier) -> PossibleDuplicate; a person decides.
//
// One search per patient and time window: prepare() groups a patient's
// administrations by day and fetches, per group, every MedicationAdministration
// of the patient in [first - window, last + window]; check() then compares
// locally. An entry outside the prepared windows (or a window whose answer was
// incomplete, as on servers that do not page) gets a search of its own,
// narrowed by order or code as before.

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

#include <QDateTime>
#include <QHash>
#include <QList>

#include <functional>

namespace lantern::sync {

class DuplicateCheck
{
public:
    static constexpr int kMaxClusterHours = 24; // one window spans at most a day of entries

    // isOwnEntry(uuid): true for uuids of this device's outbox (its own earlier uploads).
    DuplicateCheck(const FhirClient& client, std::function<bool(const QString& uuid)> isOwnEntry, int windowMinutes = 60)
        : m_client(client), m_isOwnEntry(std::move(isOwnEntry)), m_windowMinutes(windowMinutes)
    {
    }

    static bool appliesTo(const record::RecordEntry& entry);
    // Fetches the windows of `entries` (those the check applies to) for one patient.
    // stop() when the EHR did not answer or refused the search.
    StepResult<bool> prepare(const QList<record::RecordEntry>& entries, const QString& serverPatientId);
    // serverPatientId: the patient's id in the EHR (after mapping a downtime admission).
    StepResult<bool> check(const record::RecordEntry& entry, const QString& serverPatientId);

    int searches() const { return m_searches; }

    // What a candidate in the EHR needs for the comparison.
    struct Candidate
    {
        QString id;
        QString request;          // "MedicationRequest/<id>"
        QStringList medications;  // "system|code" of every coding
        QStringList uuids;        // Lantern entry identifiers
        QDateTime start, end;     // effective[x]
    };

private:
    struct Window
    {
        QDateTime from, to;
    };
    StepResult<bool> fetch(const QString& serverPatientId, const Window& window, const SearchParams& narrowing,
                           QList<Candidate>& into);
    StepResult<bool> verdict(const record::RecordEntry& entry, const QList<Candidate>& candidates) const;

    const FhirClient& m_client;
    std::function<bool(const QString&)> m_isOwnEntry;
    int m_windowMinutes;
    QHash<QString, QList<Window>> m_windows;        // per patient: windows fetched completely
    QHash<QString, QList<Candidate>> m_candidates;  // per patient
    int m_searches = 0;
};

} // namespace lantern::sync
