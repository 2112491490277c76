#pragma once
// Time as a dependency: audit timestamps, throttling delays, staleness and
// conflict windows are all tested with a ManualClock instead of sleeping.

#include <QDateTime>

namespace lantern {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC
    qint64 nowMSecs() const { return now().toMSecsSinceEpoch(); }
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
    static const SystemClock& instance();
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC))
        : m_now(start.toUTC())
    {
    }
    QDateTime now() const override { return m_now; }
    void set(const QDateTime& t) { m_now = t.toUTC(); }
    void advanceSecs(qint64 s) { m_now = m_now.addSecs(s); }
    void advanceMSecs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

} // namespace lantern
