#pragma once
// The desktop's view of the device's mirror service. The desktop never reads
// device.key and runs no engine: the service (lanternctl service run, its own
// system account) mirrors and reconciles; this reads what it stored in the
// vault through the signed-in person's session, every few seconds:
//  - the mirror status (EHR state, data as of, held drops) for the banner,
//    marked serviceDown when the service's heartbeat is stale (core/service
//    decides what stale means), so the banner says "Mirror service not
//    running since …";
//  - new data (a cycle wrote something, or a ward's data-as-of moved): census
//    and chart are re-read;
//  - the progress of a reconciliation someone asked for.
// It belongs to the unlocked desktop and ends with its session.

#include "core/common/Clock.h"
#include "core/service/ServiceMailbox.h"
#include "sync/mirror/MirrorEngine.h"

#include <QHash>
#include <QObject>

class QTimer;

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

class ServiceFollower : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPollMs = 3000;

    ServiceFollower(vault::Vault& vault, const Clock& clock, int pollMs = DefaultPollMs, QObject* parent = nullptr);

    // Tests and drills: how old a heartbeat may be before the service counts as gone.
    void setStaleSeconds(int seconds) { m_staleSeconds = seconds; }
    void start(); // reads now, then every pollMs
    void stop();
    const sync::MirrorStatus& status() const { return m_status; }

public Q_SLOTS:
    void poll();

Q_SIGNALS:
    void statusChanged(const lantern::sync::MirrorStatus& status);
    void dataChanged();
    void reconcileProgress(const lantern::service::ReconcileProgress& progress);
    void errorOccurred(const QString& message);

private:
    vault::Vault& m_vault;
    const Clock& m_clock;
    QTimer* m_timer;
    int m_staleSeconds = service::ServiceMailbox::DefaultStaleSeconds;
    sync::MirrorStatus m_status;
    bool m_first = true;
    // Per ward: with a drop held one ward's data-as-of stands still while the others move.
    QHash<QString, QDateTime> m_lastAsOf;
    qint64 m_lastGeneration = 0;
    QString m_lastProgress;
};

} // namespace lantern::ui
