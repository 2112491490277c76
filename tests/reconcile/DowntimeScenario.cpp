#include "DowntimeScenario.h"

#include "sync/fhir/FhirTypes.h"
#include "sync/reconcile/DowntimeNotePoster.h"
#include "core/import/Importer.h"
#include "core/vault/OutboxRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <vector>

namespace lantern::test {

namespace {

enum class OrderFate { Unchanged, Discontinued, DoseChanged };

struct Planned
{
    QDateTime at;
    record::EntryKind kind = record::EntryKind::Administration;
    QString patientId;
    QString orderId;
    OrderFate fate = OrderFate::Unchanged;
    bool backCharted = false;
};

} // namespace

int DowntimeScenario::conflictsExpected() const
{
    int n = 0;
    for (const Expected& e : m_expected)
        n += e.state == record::EntryState::Conflict ? 1 : 0;
    return n;
}

bool DowntimeScenario::record(const ScenarioOptions& options)
{
    const QStringList patients = m_fixture.patients();
    QList<std::pair<QString, QString>> pairs;
    for (const QString& patient : patients)
        for (const QString& order : m_fixture.activeOrders(patient))
            pairs.append({patient, order});
    if (pairs.isEmpty()) {
        qWarning("the simulated ward has no active orders");
        return false;
    }
    QList<OrderFate> fates(pairs.size(), OrderFate::Unchanged);
    if (options.ehrChanges) {
        for (qsizetype i = 0; i < pairs.size(); ++i)
            fates[i] = i % 7 == 3 ? OrderFate::Discontinued : i % 7 == 5 ? OrderFate::DoseChanged : OrderFate::Unchanged;
    }

    // Plan: administrations 150 min apart per order (outside each other's duplicate window),
    // staggered per order; notes and reported allergies in between.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime t0 = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()), Qt::UTC).addSecs(90 * 60);
    const int admissionEntries = options.downtimeAdmission ? 3 : 0;
    const int administrations = options.entries * 4 / 5;
    const int others = options.entries - administrations - admissionEntries;
    QList<Planned> plan;
    const int slots = int(std::ceil(double(administrations) / double(pairs.size())));
    for (int k = 0; k < slots; ++k) {
        for (qsizetype i = 0; i < pairs.size() && plan.size() < administrations; ++i) {
            Planned p;
            p.at = t0.addSecs(qint64(k) * 150 * 60 + (i % 30) * 60);
            p.patientId = pairs.at(i).first;
            p.orderId = pairs.at(i).second;
            p.fate = fates.at(i);
            p.backCharted = options.ehrChanges && p.fate == OrderFate::Unchanged && (i + k) % 9 == 0;
            plan.append(p);
        }
    }
    const qint64 span = std::max<qint64>(60, t0.secsTo(plan.last().at));
    for (int j = 0; j < others; ++j) {
        Planned p;
        p.kind = j % 3 == 2 ? record::EntryKind::ReportedAllergy : record::EntryKind::Note;
        p.at = t0.addSecs(span * j / std::max(1, others) + 7);
        p.patientId = patients.at(j % patients.size());
        plan.append(p);
    }
    std::stable_sort(plan.begin(), plan.end(), [](const Planned& a, const Planned& b) { return a.at < b.at; });

    // What the EHR does while the ward is offline.
    if (options.ehrChanges) {
        for (qsizetype i = 0; i < pairs.size(); ++i) {
            if (fates.at(i) == OrderFate::Discontinued)
                m_fixture.admin(QStringLiteral("discontinue"), {{QStringLiteral("medicationRequest"), pairs.at(i).second},
                                                               {QStringLiteral("status"), QStringLiteral("stopped")}});
            else if (fates.at(i) == OrderFate::DoseChanged)
                m_fixture.admin(QStringLiteral("change-dose"), {{QStringLiteral("medicationRequest"), pairs.at(i).second},
                                                               {QStringLiteral("value"), 123.5}});
        }
    }

    std::vector<std::unique_ptr<vault::Vault>> vaults;
    for (const Device& device : std::as_const(m_devices))
        vaults.push_back(m_fixture.open(device));
    ManualClock clock(t0);
    int paper = 0;
    for (qsizetype j = 0; j < plan.size(); ++j) {
        const Planned& p = plan.at(j);
        const int d = int(j % m_devices.size());
        clock.set(p.at);
        record::Recorder recorder = m_fixture.recorder(*vaults[d], m_devices.at(d), clock);
        Expected expected{record::EntryState::Uploaded, std::nullopt, {}, d, p.patientId};
        Result<record::RecordEntry> entry = Error(ErrorCode::Internal, QStringLiteral("not recorded"));
        if (p.kind == record::EntryKind::Administration) {
            record::AdministrationInput input;
            input.patientId = p.patientId;
            input.orderId = p.orderId;
            input.witness = kAdmin; // a second known user: high-alert drugs (heparin, insulin) need one
            auto warnings = recorder.checkAdministration(input);
            if (warnings.ok())
                entry = recorder.recordAdministration(input, *warnings);
            expected.type = QStringLiteral("MedicationAdministration");
            if (p.fate == OrderFate::Discontinued)
                expected = {record::EntryState::Conflict, record::ConflictReason::OrderDiscontinued, expected.type, d, p.patientId};
            else if (p.fate == OrderFate::DoseChanged)
                expected = {record::EntryState::Conflict, record::ConflictReason::OrderChanged, expected.type, d, p.patientId};
            else if (p.backCharted)
                expected = {record::EntryState::Conflict, record::ConflictReason::PossibleDuplicate, expected.type, d, p.patientId};
            if (!entry.ok())
                qWarning("administration refused (%s); recording a note instead", qPrintable(entry.error().message));
        }
        if (!entry.ok() && p.kind != record::EntryKind::ReportedAllergy) {
            entry = recorder.recordNote({p.patientId, record::NoteCategory::Nursing,
                                         QStringLiteral("Resting, observations unremarkable."), {}});
            expected = {record::EntryState::Uploaded, std::nullopt, QStringLiteral("DocumentReference"), d, p.patientId};
        } else if (p.kind == record::EntryKind::ReportedAllergy) {
            entry = recorder.recordReportedAllergy({p.patientId, QStringLiteral("penicillin"), QStringLiteral("rash"),
                                                    QStringLiteral("low")});
            expected.type = QStringLiteral("AllergyIntolerance");
        }
        if (!entry.ok()) {
            qWarning("recording failed: %s", qPrintable(entry.error().message));
            return false;
        }
        m_expected.insert(entry->uuid, expected);
        if (p.kind == record::EntryKind::Administration && p.backCharted && expected.reason) {
            // The same dose charted on paper and entered into the EHR by hand.
            m_fixture.admin(QStringLiteral("administer"),
                            {{QStringLiteral("medicationRequest"), p.orderId},
                             {QStringLiteral("effectiveDateTime"), sync::fhirInstant(p.at.addSecs(10 * 60))},
                             {QStringLiteral("identifier"),
                              QJsonObject{{QStringLiteral("system"), QStringLiteral("https://lantern.example/paper-mar")},
                                          {QStringLiteral("value"), QStringLiteral("paper-%1").arg(++paper)}}}});
        }
    }

    if (options.downtimeAdmission) {
        vault::Vault& vault = *vaults[0];
        // The mirror does not carry the ward's Location (yet); the admission needs it.
        const auto ward = m_fixture.sim().store().readObject(QStringLiteral("Location"), kWard);
        if (!ward) {
            qWarning("the simulator has no Location/%s", qPrintable(kWard));
            return false;
        }
        const QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                 {QStringLiteral("type"), QStringLiteral("collection")},
                                 {QStringLiteral("entry"), QJsonArray{QJsonObject{{QStringLiteral("resource"), *ward}}}}};
        if (!import::Importer(vault).importJson(QJsonDocument(bundle).toJson()).ok()) {
            qWarning("cannot import the ward Location");
            return false;
        }
        vault::DowntimeIdRange range{QStringLiteral("https://lantern.example/mrn"), QStringLiteral("DT-"), 1000, 1999, 1000};
        if (!vault::DowntimeIdRangeRepository(vault.db()).configure(range).ok()) {
            qWarning("cannot configure the downtime id range");
            return false;
        }
        clock.set(plan.last().at.addSecs(60));
        record::Recorder recorder = m_fixture.recorder(vault, m_devices.at(0), clock);
        auto admitted = recorder.recordDowntimeAdmission(
            {QStringLiteral("Muster"), QStringLiteral("Erika"), QDate(1970, 1, 1), QStringLiteral("female"), kWard, {}});
        if (!admitted.ok()) {
            qWarning("downtime admission refused: %s", qPrintable(admitted.error().message));
            return false;
        }
        const QString local = admitted->patientId;
        m_expected.insert(admitted->uuid, {record::EntryState::Uploaded, std::nullopt, QStringLiteral("Patient"), 0, local});
        clock.advanceSecs(120);
        auto note = recorder.recordNote({local, record::NoteCategory::Nursing, QStringLiteral("Admitted during downtime."), {}});
        auto allergy = recorder.recordReportedAllergy({local, QStringLiteral("latex"), {}, QStringLiteral("high")});
        if (!note.ok() || !allergy.ok()) {
            qWarning("recording for the downtime admission failed");
            return false;
        }
        m_expected.insert(note->uuid, {record::EntryState::Uploaded, std::nullopt, QStringLiteral("DocumentReference"), 0, local});
        m_expected.insert(allergy->uuid,
                          {record::EntryState::Uploaded, std::nullopt, QStringLiteral("AllergyIntolerance"), 0, local});
    }
    return true;
}

QString verifyDevice(ReconcileFixture& fixture, const Device& device, int deviceIndex, const Expectations& expected)
{
    QStringList problems;
    auto vault = fixture.open(device);
    if (Status integrity = vault->checkIntegrity(); !integrity.ok())
        problems << integrity.error().message;
    vault::OutboxRepository outbox(vault->db());
    auto items = outbox.items();
    if (!items.ok())
        return items.error().message;
    QSet<QString> patientsFiled;
    int seen = 0;
    for (const record::OutboxItem& item : std::as_const(*items)) {
        const auto it = expected.constFind(item.entry.uuid);
        if (it == expected.constEnd() || it->device != deviceIndex) {
            problems << QStringLiteral("unexpected entry %1").arg(item.entry.uuid);
            continue;
        }
        ++seen;
        const int hits = fixture.identifierHits(it->type, item.entry.uuid);
        if (item.state != it->state)
            problems << QStringLiteral("%1 %2: %3, expected %4 (%5)")
                            .arg(item.entry.uuid, it->type, record::entryStateName(item.state),
                                 record::entryStateName(it->state), item.conflictDetail);
        else if (it->reason && item.conflict != it->reason)
            problems << QStringLiteral("%1: reason %2, expected %3")
                            .arg(item.entry.uuid, item.conflict ? record::conflictReasonName(*item.conflict) : QString(),
                                 record::conflictReasonName(*it->reason));
        const int wantHits = it->state == record::EntryState::Uploaded ? 1 : 0;
        if (hits != wantHits)
            problems << QStringLiteral("%1 %2 is %3 times in the EHR, expected %4").arg(item.entry.uuid, it->type).arg(hits).arg(wantHits);
        if (item.state == record::EntryState::Uploaded)
            patientsFiled.insert(item.entry.patientId);
        if (problems.size() > 12)
            break;
    }
    int expectedHere = 0;
    for (const Expected& e : expected)
        expectedHere += e.device == deviceIndex ? 1 : 0;
    if (seen != expectedHere)
        problems << QStringLiteral("outbox holds %1 of %2 expected entries").arg(seen).arg(expectedHere);
    for (const QString& patient : std::as_const(patientsFiled)) {
        const int notes = fixture.identifierHits(QStringLiteral("DocumentReference"),
                                                 sync::DowntimeNotePoster::noteUuid(device.downtimeId, patient));
        if (notes != 1)
            problems << QStringLiteral("downtime note for a patient of %1 posted %2 times").arg(device.downtimeId).arg(notes);
        auto posted = outbox.downtimeNotePosted(device.downtimeId, patient);
        if (!posted.ok() || !*posted)
            problems << QStringLiteral("downtime note not marked posted");
    }
    return problems.mid(0, 15).join(QStringLiteral("\n"));
}

} // namespace lantern::test
