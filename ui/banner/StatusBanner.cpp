#include "ui/banner/StatusBanner.h"

#include "ui/common/Format.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace lantern::ui {

StatusBanner::StatusBanner(const Clock& clock, QWidget* parent)
    : QFrame(parent), m_clock(clock), m_state(new QLabel(this)), m_age(new QLabel(this)),
      m_downtimeId(new QLabel(this)), m_dropAlarm(new QLabel(this)), m_serviceDown(new QLabel(this)),
      m_disk(new QLabel(this)), m_failing(new QLabel(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("statusBanner"));
    m_state->setObjectName(QStringLiteral("bannerState"));
    m_age->setObjectName(QStringLiteral("bannerAge"));
    m_downtimeId->setObjectName(QStringLiteral("bannerDowntimeId"));
    m_dropAlarm->setObjectName(QStringLiteral("bannerDropAlarm"));
    m_dropAlarm->setWordWrap(true);
    m_dropAlarm->hide();
    m_serviceDown->setObjectName(QStringLiteral("bannerServiceDown"));
    m_serviceDown->setWordWrap(true);
    m_serviceDown->setTextFormat(Qt::PlainText);
    m_serviceDown->hide();
    for (QLabel* line : {m_disk, m_failing}) {
        line->setWordWrap(true);
        line->setTextFormat(Qt::PlainText); // messages come from the disk and the EHR, not from us
        line->hide();
    }
    m_disk->setObjectName(QStringLiteral("bannerDisk"));
    m_failing->setObjectName(QStringLiteral("bannerFailing"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(12, 6, 12, 6);
    column->setSpacing(4);
    auto* layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addSpacing(24);
    layout->addWidget(m_age);
    layout->addStretch();
    layout->addWidget(m_downtimeId);
    column->addLayout(layout);
    column->addWidget(m_serviceDown);
    column->addWidget(m_disk);
    column->addWidget(m_failing);
    column->addWidget(m_dropAlarm);
    m_timer->setInterval(60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &StatusBanner::refresh);
    m_timer->start();
    refresh();
}

void StatusBanner::setStaleThresholdMinutes(int minutes)
{
    m_staleMinutes = qMax(1, minutes);
    refresh();
}

void StatusBanner::setStatus(const sync::MirrorStatus& status)
{
    m_status = status;
    refresh();
}

QString StatusBanner::drillText()
{
    return tr("DRILL — not for clinical use");
}

QString StatusBanner::stateText(const sync::MirrorStatus& s)
{
    // A drill is shown as the downtime it rehearses, marked on every screen and page;
    // a real downtime wins (MirrorStatus::drillInForce).
    if (s.drillInForce())
        return drillText() + QStringLiteral(" · ") +
               tr("downtime drill since %1").arg(Format::time(s.drill->startedAt));
    switch (s.state) {
    case sync::EhrState::Online:
        return tr("EHR online");
    case sync::EhrState::Degraded:
        return tr("EHR degraded — connection problems");
    case sync::EhrState::Downtime: {
        const QDateTime since = s.downtime ? s.downtime->start : s.stateSince;
        return since.isValid() ? tr("DOWNTIME since %1").arg(Format::time(since)) : tr("DOWNTIME");
    }
    case sync::EhrState::Recovery:
        return tr("EHR recovery — catching up");
    }
    return QString();
}

QString StatusBanner::ageText(const sync::MirrorStatus& s, const QDateTime& now)
{
    if (!s.dataAsOf.isValid())
        return tr("data as of: unknown — never synchronised");
    return tr("data as of %1 (%2)").arg(Format::dateTime(s.dataAsOf), Format::ago(s.dataAsOf.secsTo(now)));
}

QString StatusBanner::dropAlarmText(const sync::MirrorStatus& s)
{
    QStringList lines;
    for (const sync::ScopeDropAlarm& a : s.dropAlarms)
        lines << tr("EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT")
                     .arg(a.removed)
                     .arg(a.before)
                     .arg(a.ward);
    return lines.join(QLatin1Char('\n'));
}

QString StatusBanner::serviceDownText(const sync::MirrorStatus& s)
{
    if (!s.serviceDown)
        return QString();
    const QString tail = tr("the data on this device is not being updated; tell IT");
    if (!s.serviceDownSince.isValid())
        return tr("Mirror service not running: %1").arg(tail);
    return tr("Mirror service not running since %1: %2").arg(Format::dateTime(s.serviceDownSince), tail);
}

QString StatusBanner::diskText(const sync::MirrorStatus& s)
{
    switch (s.disk.level) {
    case vault::DiskLevel::Ok:
        return QString();
    case vault::DiskLevel::AlmostFull:
        return tr("Disk almost full: %1").arg(vault::diskAdvice(s.disk));
    case vault::DiskLevel::Full:
        return tr("Disk full: %1").arg(vault::diskAdvice(s.disk));
    }
    return QString();
}

QString StatusBanner::failingText(const sync::MirrorStatus& s)
{
    const sync::MirrorFailure& f = s.lastFailure;
    // A held drop has its own line; a stopped service has its own line.
    if (f.isNone() || f.kind == QLatin1String("purge_guard") || s.serviceDown)
        return QString();
    if (!f.since.isValid())
        return tr("Mirror failing (%1): %2").arg(f.kind, f.message);
    return tr("Mirror failing since %1 (%2): %3").arg(Format::dateTime(f.since), f.kind, f.message);
}

QString StatusBanner::diskText() const
{
    return m_disk->isHidden() ? QString() : m_disk->text();
}

QString StatusBanner::failingText() const
{
    return m_failing->isHidden() ? QString() : m_failing->text();
}

QString StatusBanner::serviceDownText() const
{
    return m_serviceDown->isHidden() ? QString() : m_serviceDown->text();
}

QString StatusBanner::dropAlarmText() const
{
    return m_dropAlarm->isHidden() ? QString() : m_dropAlarm->text();
}

QString StatusBanner::stateText() const
{
    return m_state->text();
}

QString StatusBanner::ageText() const
{
    return m_age->text();
}

void StatusBanner::refresh()
{
    const QDateTime now = m_clock.now();
    m_state->setText(stateText(m_status));
    m_age->setText(ageText(m_status, now));
    if (m_status.drillInForce())
        m_downtimeId->setText(tr("Drill %1").arg(m_status.drill->id));
    else
        m_downtimeId->setText(m_status.downtime && m_status.state == sync::EhrState::Downtime
                                  ? tr("Downtime id %1").arg(m_status.downtime->id.toString(QUuid::WithoutBraces).left(8))
                                  : QString());
    const QString alarm = dropAlarmText(m_status);
    m_dropAlarm->setText(alarm);
    m_dropAlarm->setVisible(!alarm.isEmpty());
    const QString serviceDown = serviceDownText(m_status);
    m_serviceDown->setText(serviceDown);
    m_serviceDown->setVisible(!serviceDown.isEmpty());
    const QString disk = diskText(m_status);
    m_disk->setText(disk);
    m_disk->setVisible(!disk.isEmpty());
    const QString failing = failingText(m_status);
    m_failing->setText(failing);
    m_failing->setVisible(!failing.isEmpty());
    const bool stale = !m_status.dataAsOf.isValid() || m_status.dataAsOf.secsTo(now) > qint64(m_staleMinutes) * 60;
    if (m_status.state == sync::EhrState::Downtime || m_status.drillInForce())
        m_level = Level::Downtime;
    else if (stale || m_status.state == sync::EhrState::Degraded || m_status.serviceDown || !failing.isEmpty())
        m_level = Level::Stale;
    else
        m_level = Level::Current;
    QString style;
    switch (m_level) {
    case Level::Current:
        style = QStringLiteral("#statusBanner { background: #E8F0F7; border-bottom: 1px solid #B0C4D8; }"
                               " QLabel { color: #17324D; font-weight: bold; }");
        break;
    case Level::Stale:
        style = QStringLiteral("#statusBanner { background: #FFC107; border-bottom: 1px solid #C79100; }"
                               " QLabel { color: #3E2A00; font-weight: bold; }");
        break;
    case Level::Downtime:
        style = QStringLiteral("#statusBanner { background: #C62828; border-bottom: 1px solid #8E0000; }"
                               " QLabel { color: white; font-weight: bold; }");
        break;
    }
    // The held drop is red on every level: someone has to act.
    style += QStringLiteral(" #bannerDropAlarm, #bannerServiceDown, #bannerFailing { background: #C62828; color: white; padding: 2px 6px; }");
    // The disk line stands apart from the EHR's lines: a dark red with a white
    // border, since the cure lies on this PC, not at the EHR.
    style += QStringLiteral(" #bannerDisk { background: #8E0000; color: white; border: 2px solid white; padding: 2px 6px; }");
    setStyleSheet(style);
    setProperty("level", static_cast<int>(m_level));
}

} // namespace lantern::ui
