#pragma once
// Fault injection: the ways a real EHR fails, on command. One fault is active
// at a time, optionally for a duration (measured on the injected Clock) and
// for a percentage of requests (decided by a seeded random stream, so a run
// can be repeated). The admin endpoints (/$sim/...) are never faulted.

#include "Rng.h"

#include "core/common/Clock.h"
#include "core/common/Result.h"

#include <QJsonObject>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <optional>

namespace lantern::sim {

enum class FaultMode {
    None,
    Down,        // every request: 503 with an OperationOutcome (planned downtime)
    Refuse,      // the listening socket is closed: connections are refused
    Http503,     // 503 with a load balancer's HTML page, not FHIR, with Retry-After
    Http429,     // 429 Too Many Requests with Retry-After
    Slow,        // each response delayed by delayMs
    Timeout,     // request read, never answered; the connection closes when the fault ends
    Truncated,   // Content-Length promises more than is sent, then the connection closes
    Malformed,   // 200 with a body that is not valid JSON
    Drop,        // a write (POST, PUT, DELETE) is carried out, then the connection closes without an answer; reads pass
    Http500,     // 500 Internal Server Error with an OperationOutcome
    Html,        // 200 with a text/html page (a portal's login page), not FHIR: the wrong content type
    Trickle,     // the real answer, its body 16 bytes every delayMs: each read is quick, the whole is slow
    Http412      // a write (POST, PUT, DELETE) is refused with 412 Precondition Failed; reads pass
};

struct FaultSpec
{
    FaultMode mode = FaultMode::None;
    int durationSeconds = 0; // 0: until cleared
    int percent = 100;       // share of requests affected (not for down/refuse)
    int delayMs = 2000;      // slow; trickle: between two pieces of the body
    int retryAfterSeconds = 5; // 429 and 503
    int afterRequests = 0;   // the first n FHIR requests after setting pass untouched ("mid-batch")

    QJsonObject toJson() const;
    // {"mode": "slow", "durationSeconds": 30, "percent": 50, "delayMs": 800, "retryAfterSeconds": 5,
    //  "afterRequests": 0}
    static Result<FaultSpec> fromJson(const QJsonObject& json);
    // Command line: MODE[,duration=S][,percent=P][,delay=MS][,retry-after=S][,after=N], e.g. "slow,delay=800,percent=50"
    static Result<FaultSpec> parse(const QString& text);
    static QString modeName(FaultMode mode);
    static std::optional<FaultMode> modeFromName(const QString& name);
};

class FaultInjector
{
public:
    FaultInjector(const Clock& clock, quint64 seed);

    void set(const FaultSpec& spec);
    void clear();
    // The active fault, None once its duration has passed.
    FaultSpec active() const;
    qint64 expiresAtMs() const; // 0: no expiry
    // Decides the fault for one request (draws for percent < 100).
    FaultMode decide();
    // Reads the Clock only while a "refuse" fault is set (the listener thread polls this).
    bool refusing() const;

    // Blocks up to `ms` or until the fault changes or shutdown(); false if woken early.
    bool sleepFor(int ms);
    // Blocks while a Timeout fault that started no later than now stays active.
    void holdWhileTimeout(int maxMs);
    void shutdown();
    bool isShutDown() const;

private:
    void expireLocked() const;

    const Clock& m_clock;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    mutable FaultSpec m_spec;
    mutable qint64 m_expiresAtMs = 0;
    quint64 m_generation = 0;
    int m_passed = 0; // requests decided since the fault was set (for afterRequests)
    bool m_shutdown = false;
    Rng m_rng;
};

} // namespace lantern::sim
