#include "sync/fhir/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <thread>

namespace lantern::sync {

Sleeper threadSleeper()
{
    return [](std::chrono::milliseconds delay) {
        std::this_thread::sleep_for(delay);
        return true;
    };
}

std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int failedAttempts)
{
    const int exponent = std::clamp(failedAttempts - 1, 0, 30);
    const double ceiling = std::min(static_cast<double>(policy.maxDelay.count()),
                                    static_cast<double>(policy.baseDelay.count()) * static_cast<double>(1LL << exponent));
    const double drawn = QRandomGenerator::global()->generateDouble() * ceiling;
    return std::chrono::milliseconds(static_cast<qint64>(drawn));
}

bool isRetryableStatus(int status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

} // namespace lantern::sync
