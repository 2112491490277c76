#pragma once
// When and how long to wait before trying a request again: Retry-After on 429
// and 503, otherwise exponential back-off with full jitter for transient
// network errors and 5xx.

#include <chrono>
#include <functional>

namespace lantern::sync {

struct RetryPolicy
{
    int maxAttempts = 5;                       // including the first; 1 disables retries
    std::chrono::milliseconds baseDelay{500};  // back-off before the 2nd attempt is drawn from [0, base]
    std::chrono::milliseconds maxDelay{60'000}; // back-off cap, and the longest Retry-After we honour
};

// Waits between attempts. Returns false when the wait was interrupted (the
// caller is shutting down); no further attempt is made then. Tests inject one
// that records the delays and returns at once.
using Sleeper = std::function<bool(std::chrono::milliseconds)>;
Sleeper threadSleeper();

// Full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(failedAttempts-1))].
std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int failedAttempts);

// 429, 500, 502, 503, 504: the server may answer differently a moment later.
bool isRetryableStatus(int status);

} // namespace lantern::sync
