#include "Faults.h"

#include "SimLogging.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

struct ModeName
{
    FaultMode mode;
    const char* name;
};

const ModeName kModes[] = {{FaultMode::None, "none"}, {FaultMode::Down, "down"}, {FaultMode::Refuse, "refuse"},
    {FaultMode::Http503, "503"}, {FaultMode::Http429, "429"}, {FaultMode::Slow, "slow"},
    {FaultMode::Timeout, "timeout"}, {FaultMode::Truncated, "truncated"}, {FaultMode::Malformed, "malformed"},
    {FaultMode::Drop, "drop"}, {FaultMode::Http500, "500"}, {FaultMode::Html, "html"},
    {FaultMode::Trickle, "trickle"}, {FaultMode::Http412, "412"}};

Error invalid(const QString& m)
{
    return Error(ErrorCode::InvalidInput, m);
}

Status checkRanges(const FaultSpec& s)
{
    if (s.durationSeconds < 0 || s.percent < 1 || s.percent > 100 || s.delayMs < 0 || s.retryAfterSeconds < 0
        || s.afterRequests < 0)
        return invalid(u"Fault values out of range: durationSeconds >= 0, percent 1..100, delayMs >= 0, "
                       u"retryAfterSeconds >= 0, afterRequests >= 0."_s);
    return {};
}

} // namespace

QString FaultSpec::modeName(FaultMode mode)
{
    for (const ModeName& m : kModes)
        if (m.mode == mode)
            return QString::fromLatin1(m.name);
    return u"none"_s;
}

std::optional<FaultMode> FaultSpec::modeFromName(const QString& name)
{
    for (const ModeName& m : kModes)
        if (name.compare(QLatin1String(m.name), Qt::CaseInsensitive) == 0)
            return m.mode;
    return std::nullopt;
}

QJsonObject FaultSpec::toJson() const
{
    return QJsonObject{{u"mode"_s, modeName(mode)}, {u"durationSeconds"_s, durationSeconds},
        {u"percent"_s, percent}, {u"delayMs"_s, delayMs}, {u"retryAfterSeconds"_s, retryAfterSeconds},
        {u"afterRequests"_s, afterRequests}};
}

Result<FaultSpec> FaultSpec::fromJson(const QJsonObject& json)
{
    FaultSpec s;
    const auto mode = modeFromName(json.value(u"mode"_s).toString());
    if (!mode)
        return invalid(u"Unknown fault mode; use one of down, refuse, 503, 429, slow, timeout, truncated, malformed, drop, 500, html, trickle, 412."_s);
    s.mode = *mode;
    s.durationSeconds = json.value(u"durationSeconds"_s).toInt(0);
    s.percent = json.value(u"percent"_s).toInt(100);
    s.delayMs = json.value(u"delayMs"_s).toInt(2000);
    s.retryAfterSeconds = json.value(u"retryAfterSeconds"_s).toInt(5);
    s.afterRequests = json.value(u"afterRequests"_s).toInt(0);
    LANTERN_TRY(checkRanges(s));
    return s;
}

Result<FaultSpec> FaultSpec::parse(const QString& text)
{
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return invalid(u"--fault needs a mode, e.g. --fault slow,delay=800"_s);
    FaultSpec s;
    const auto mode = modeFromName(parts.first().trimmed());
    if (!mode)
        return invalid(u"Unknown fault mode '"_s + parts.first()
            + u"'; use down, refuse, 503, 429, slow, timeout, truncated, malformed, drop, 500, html, trickle or 412."_s);
    s.mode = *mode;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QString key = parts.at(i).section(u'=', 0, 0).trimmed();
        bool ok = false;
        const int value = parts.at(i).section(u'=', 1).trimmed().toInt(&ok);
        if (!ok)
            return invalid(u"Fault option '"_s + parts.at(i) + u"' needs a whole number, e.g. delay=800."_s);
        if (key == u"duration"_s)
            s.durationSeconds = value;
        else if (key == u"percent"_s)
            s.percent = value;
        else if (key == u"delay"_s)
            s.delayMs = value;
        else if (key == u"retry-after"_s)
            s.retryAfterSeconds = value;
        else if (key == u"after"_s)
            s.afterRequests = value;
        else
            return invalid(u"Unknown fault option '"_s + key + u"'; use duration, percent, delay, retry-after or after."_s);
    }
    LANTERN_TRY(checkRanges(s));
    return s;
}

FaultInjector::FaultInjector(const Clock& clock, quint64 seed) : m_clock(clock), m_rng(Rng::derived(seed, 0xFA17))
{
}

void FaultInjector::set(const FaultSpec& spec)
{
    {
        std::lock_guard lock(m_mutex);
        m_spec = spec;
        m_passed = 0;
        m_expiresAtMs = spec.durationSeconds > 0 ? m_clock.nowMSecs() + qint64(spec.durationSeconds) * 1000 : 0;
        ++m_generation;
    }
    qCInfo(lcSim) << "fault set:" << FaultSpec::modeName(spec.mode) << "percent" << spec.percent << "duration"
                  << spec.durationSeconds << "s";
    m_changed.notify_all();
}

void FaultInjector::clear()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_spec.mode == FaultMode::None)
            return;
        m_spec = FaultSpec{};
        m_expiresAtMs = 0;
        ++m_generation;
    }
    qCInfo(lcSim) << "fault cleared";
    m_changed.notify_all();
}

void FaultInjector::expireLocked() const
{
    if (m_expiresAtMs > 0 && m_clock.nowMSecs() >= m_expiresAtMs) {
        m_spec = FaultSpec{};
        m_expiresAtMs = 0;
    }
}

FaultSpec FaultInjector::active() const
{
    std::lock_guard lock(m_mutex);
    expireLocked();
    return m_spec;
}

qint64 FaultInjector::expiresAtMs() const
{
    std::lock_guard lock(m_mutex);
    expireLocked();
    return m_expiresAtMs;
}

bool FaultInjector::refusing() const
{
    std::lock_guard lock(m_mutex);
    if (m_spec.mode != FaultMode::Refuse)
        return false;
    expireLocked();
    return m_spec.mode == FaultMode::Refuse;
}

FaultMode FaultInjector::decide()
{
    std::lock_guard lock(m_mutex);
    expireLocked();
    const FaultMode mode = m_spec.mode;
    if (mode != FaultMode::None && m_passed < m_spec.afterRequests) {
        ++m_passed;
        return FaultMode::None;
    }
    if (mode == FaultMode::None || mode == FaultMode::Down || mode == FaultMode::Refuse || m_spec.percent >= 100)
        return mode;
    return m_rng.below(100) < m_spec.percent ? mode : FaultMode::None;
}

bool FaultInjector::sleepFor(int ms)
{
    std::unique_lock lock(m_mutex);
    const quint64 generation = m_generation;
    return !m_changed.wait_for(lock, std::chrono::milliseconds(ms),
        [&] { return m_shutdown || m_generation != generation; });
}

void FaultInjector::holdWhileTimeout(int maxMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(maxMs);
    std::unique_lock lock(m_mutex);
    const quint64 generation = m_generation;
    // Re-check every 100 ms: a fault that expires on the Clock wakes nobody by itself.
    while (!m_shutdown && m_generation == generation && std::chrono::steady_clock::now() < deadline) {
        expireLocked();
        if (m_spec.mode != FaultMode::Timeout)
            return;
        m_changed.wait_for(lock, std::chrono::milliseconds(100));
    }
}

void FaultInjector::shutdown()
{
    {
        std::lock_guard lock(m_mutex);
        m_shutdown = true;
    }
    m_changed.notify_all();
}

bool FaultInjector::isShutDown() const
{
    std::lock_guard lock(m_mutex);
    return m_shutdown;
}

} // namespace lantern::sim
