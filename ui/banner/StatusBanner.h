#pragma once
// The strip on every screen with patient data: what state the EHR is in and
// how old the data on screen is. Green-grey when current, amber when older
// than the threshold, red in downtime. Re-reads the clock every minute so
// "N min ago" never lies. Below it, a red line per ward whose scope drop the
// mirror's purge guard holds for IT (sync/mirror/PurgeGuard.h decides; the
// banner only shows it). Above that, a red line when the mirror service's
// heartbeat is stale (core/service decides): nothing keeps the data current.
// A red line, in its own style, when the vault's disk is almost full or full
// (core/vault/DiskStatus decides, with what to do), and one when the mirror is
// failing: since when, of what kind, and the message.

#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"

#include <QFrame>

class QLabel;
class QTimer;

namespace lantern::ui {

class StatusBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Level { Current, Stale, Downtime };
    static constexpr int DefaultStaleMinutes = 15;

    explicit StatusBanner(const Clock& clock, QWidget* parent = nullptr);

    void setStaleThresholdMinutes(int minutes);
    const sync::MirrorStatus& status() const { return m_status; }
    Level level() const { return m_level; }
    QString stateText() const;
    QString ageText() const;
    QString dropAlarmText() const; // empty when no drop is held
    QString serviceDownText() const; // empty while the mirror service runs
    QString diskText() const;        // empty while the disk has room
    QString failingText() const;     // empty while the mirror works

    // "DRILL — not for clinical use": on the banner and every printed page while a drill is in force.
    static QString drillText();
    // Shared with the printouts: "DOWNTIME since 09:12", "data as of 09:40 (3 min ago)";
    // during a drill "DRILL — not for clinical use · downtime drill since 09:12".
    static QString stateText(const sync::MirrorStatus& status);
    static QString ageText(const sync::MirrorStatus& status, const QDateTime& now);
    // "EHR answer would remove 40 of 40 patients of ward-3b: kept, waiting for IT", one line per ward.
    static QString dropAlarmText(const sync::MirrorStatus& status);
    // "Mirror service not running since 05.12.2026 09:12: …" when its heartbeat is stale.
    static QString serviceDownText(const sync::MirrorStatus& status);
    // "Disk almost full: …" / "Disk full: …" with what to do; empty for ok.
    static QString diskText(const sync::MirrorStatus& status);
    // "Mirror failing since 05.12.2026 09:12 (timeout): …"; empty while it works.
    static QString failingText(const sync::MirrorStatus& status);

public Q_SLOTS:
    void setStatus(const lantern::sync::MirrorStatus& status);
    void refresh();

private:
    const Clock& m_clock;
    sync::MirrorStatus m_status;
    int m_staleMinutes = DefaultStaleMinutes;
    Level m_level = Level::Current;
    QLabel* m_state;
    QLabel* m_age;
    QLabel* m_downtimeId;
    QLabel* m_dropAlarm;
    QLabel* m_serviceDown;
    QLabel* m_disk;
    QLabel* m_failing;
    QTimer* m_timer;
};

} // namespace lantern::ui
