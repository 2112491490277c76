#pragma once
// What the reconciliation tests share: the in-process simulator on 127.0.0.1,
// ward devices (a vault folder created like `lanternctl init`, with a nurse and
// a physician, the mirror configured and one ward mirrored), recording through
// record::Recorder, one reconciliation run, and questions to the EHR's store
// ("how many resources carry this entry's identifier?").

#include "core/common/Clock.h"
#include "sync/reconcile/ReconcileTypes.h"
#include "core/record/Recorder.h"
#include "core/vault/Vault.h"

#include <SimServer.h>

#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace lantern::test {

inline const QString kWard = QStringLiteral("ward-1");
inline const QString kNurse = QStringLiteral("n.berger");
inline const QString kPhysician = QStringLiteral("dr.wolf");
inline const QString kAdmin = QStringLiteral("it.meyer");
inline const QString kPassphrase = QStringLiteral("Lantern-ward-test-passphrase-2026");

struct Device
{
    QString dir;
    QString deviceId; // the vault id
    QString downtimeId;
};

class ReconcileFixture
{
public:
    // Starts the simulator: one ward of `patients` patients.
    bool start(int patients, quint64 seed = 5);
    sim::SimServer& server() { return *m_server; }
    sim::Simulator& sim() { return m_server->simulator(); }
    QString baseUrl() const { return m_server->baseUrl(); }

    // A device mirroring the ward (fails the test run with qFatal when it cannot).
    Device makeDevice(const QString& name);
    std::unique_ptr<vault::Vault> open(const Device& device) const;
    record::Recorder recorder(vault::Vault& vault, const Device& device, const Clock& clock,
                              const QString& author = kNurse) const;

    // One reconciliation of the device's outbox (in-process ReconcileEngine, short retries).
    sync::ReconcileReport reconcile(const Device& device, int retryAttempts = 2) const;

    // The simulator's admin API, as a test harness would call it over HTTP.
    QJsonObject admin(const QString& action, const QJsonObject& body);
    // Resources of `type` in the EHR whose identifier is the entry's (urn:uuid:<uuid>).
    int identifierHits(const QString& type, const QString& uuid);
    // MedicationAdministrations in the EHR that carry any Lantern entry identifier.
    int lanternAdministrations();
    QStringList patients();                                   // in-progress patients on the ward
    QStringList activeOrders(const QString& patientId);       // MedicationRequest ids

    QString tempPath(const QString& name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sim::SimServer> m_server;
};

// A run's report as text for failure messages.
QByteArray describe(const sync::ReconcileReport& report);

} // namespace lantern::test
