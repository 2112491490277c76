#pragma once
// Slows down guessing at the unlock screen: after 5 consecutive failed unlocks of
// one username, each further attempt waits 30 s, then 60 s, 120 s ... up to 15 min
// after the latest failure. A successful unlock clears that user's count.
//
// State lives in throttle.json next to the vault (replaced atomically), so closing
// and restarting Lantern does not reset it, and the GUI and CLI see the same
// counts. It is per username, so a stranger can delay one user's unlock by failing
// on purpose - at most 15 minutes at a time, which is why the cap is low.
// This guards the unlock screen only: someone who copies keyslots.json attacks it
// offline, where Argon2id's cost and the passphrase policy are the defence.
// Each attempt holds throttle.lock (flock, next to throttle.json) from the check
// through the key derivation to the recorded outcome, so parallel processes
// (several lanternctl runs, the desktop) take turns: N wrong guesses count N,
// and none gets a free guess by racing another's check.
// A damaged throttle.json is logged and treated as empty (refusing every unlock
// would lock a ward out during downtime; whoever can write the file could delete
// it anyway).

#include "core/common/Clock.h"
#include "core/common/FileLock.h"
#include "core/common/Result.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace lantern::access {

class UnlockThrottle
{
public:
    static constexpr int FreeAttempts = 5;
    static constexpr qint64 FirstDelaySecs = 30;
    static constexpr qint64 MaxDelaySecs = 15 * 60;

    UnlockThrottle(QString path, const Clock& clock) : m_path(std::move(path)), m_clock(clock) {}

    // Waits for the other processes' attempts to finish; hold the lock from
    // check() until recordFailure()/recordSuccess().
    Result<std::unique_ptr<FileLock>> lockAttempt() const;

    // Seconds before `username` may try again; 0 when an attempt is allowed now.
    qint64 secondsToWait(const QString& username) const;
    // Throttled, saying how long to wait, or success.
    Status check(const QString& username) const;
    int failures(const QString& username) const;

    Status recordFailure(const QString& username);
    Status recordSuccess(const QString& username);

    // Wait imposed after the given number of consecutive failures.
    static qint64 delayAfter(int failures);

private:
    struct Entry
    {
        int failures = 0;
        QDateTime lastFailure;
    };
    using State = QHash<QString, Entry>;

    State load() const;
    Status save(const State& state) const;
    qint64 secondsToWait(const Entry& entry) const;

    QString m_path;
    const Clock& m_clock;
};

} // namespace lantern::access
