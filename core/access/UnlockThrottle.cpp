#include "core/access/UnlockThrottle.h"

#include "core/common/AtomicFile.h"
#include "core/common/Logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <algorithm>

namespace lantern::access {
namespace {

const QString FormatName = QStringLiteral("lantern-throttle");
constexpr int FormatVersion = 1;
constexpr int LockTimeoutMs = 10000;

} // namespace

qint64 UnlockThrottle::delayAfter(int failures)
{
    if (failures < FreeAttempts)
        return 0;
    const int doublings = std::min(failures - FreeAttempts, 10); // 30 s * 2^10 is far past the cap
    return std::min(FirstDelaySecs << doublings, MaxDelaySecs);
}

Result<std::unique_ptr<FileLock>> UnlockThrottle::lockAttempt() const
{
    auto lock = FileLock::acquire(QFileInfo(m_path).absolutePath() + QStringLiteral("/throttle.lock"));
    if (!lock.ok())
        return lock.error().prefixed(QStringLiteral("taking turns with other unlocks"));
    return lock;
}

qint64 UnlockThrottle::secondsToWait(const Entry& entry) const
{
    const qint64 delay = delayAfter(entry.failures);
    if (delay == 0 || !entry.lastFailure.isValid())
        return 0;
    const qint64 elapsedMs = entry.lastFailure.msecsTo(m_clock.now());
    // A clock set backwards must not stretch the wait beyond one full delay.
    const qint64 remainingMs = std::clamp<qint64>(delay * 1000 - elapsedMs, 0, delay * 1000);
    return (remainingMs + 999) / 1000; // round up: "wait 1 s" rather than "wait 0 s"
}

qint64 UnlockThrottle::secondsToWait(const QString& username) const
{
    return secondsToWait(load().value(username));
}

int UnlockThrottle::failures(const QString& username) const
{
    return load().value(username).failures;
}

Status UnlockThrottle::check(const QString& username) const
{
    const qint64 wait = secondsToWait(username);
    if (wait == 0)
        return {};
    return Error(ErrorCode::Throttled,
                 QStringLiteral("too many failed unlock attempts for %1; wait %2 seconds, then try "
                                "again (or ask IT if you forgot your passphrase)")
                     .arg(username)
                     .arg(wait));
}

Status UnlockThrottle::recordFailure(const QString& username)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.tryLock(LockTimeoutMs); // best effort: a lost count is better than a refused unlock
    State state = load();
    Entry& entry = state[username];
    ++entry.failures;
    entry.lastFailure = m_clock.now();
    if (entry.failures >= FreeAttempts)
        qCWarning(lcAccess) << "unlock of" << username << "failed" << entry.failures
                            << "times in a row; next attempt in" << delayAfter(entry.failures) << "s";
    return save(state);
}

Status UnlockThrottle::recordSuccess(const QString& username)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.tryLock(LockTimeoutMs);
    State state = load();
    if (!state.remove(username))
        return {}; // nothing to reset: do not touch the file on every unlock
    return save(state);
}

UnlockThrottle::State UnlockThrottle::load() const
{
    State state;
    QFile file(m_path);
    if (!file.exists())
        return state;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcAccess) << "cannot read" << m_path << file.errorString()
                            << "- unlock throttling starts afresh";
        return state;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(QStringLiteral("format")).toString() != FormatName ||
        root.value(QStringLiteral("version")).toInt() != FormatVersion) {
        qCWarning(lcAccess) << m_path << "is damaged - unlock throttling starts afresh";
        return state;
    }
    const QJsonObject users = root.value(QStringLiteral("users")).toObject();
    for (auto it = users.begin(); it != users.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        Entry entry;
        entry.failures = std::max(0, o.value(QStringLiteral("failures")).toInt());
        entry.lastFailure =
            QDateTime::fromString(o.value(QStringLiteral("last_failure")).toString(), Qt::ISODateWithMs);
        if (entry.failures > 0)
            state.insert(it.key(), entry);
    }
    return state;
}

Status UnlockThrottle::save(const State& state) const
{
    QJsonObject users;
    for (auto it = state.begin(); it != state.end(); ++it) {
        QJsonObject o;
        o.insert(QStringLiteral("failures"), it->failures);
        o.insert(QStringLiteral("last_failure"), it->lastFailure.toUTC().toString(Qt::ISODateWithMs));
        users.insert(it.key(), o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("format"), FormatName);
    root.insert(QStringLiteral("version"), FormatVersion);
    root.insert(QStringLiteral("users"), users);
    Status written = writeFileAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented), AtomicWriteOptions{0600, true});
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("saving the unlock attempt count"));
    return {};
}

} // namespace lantern::access
