#pragma once
// Turns the exception in flight (Poco's or the standard library's) into an
// Error a person can act on: who refused, what timed out after how long,
// which certificate could not be verified.

#include "sync/http/HttpTypes.h"

#include <chrono>

namespace lantern::sync {

enum class ExchangePhase { Connecting, Sending, Reading };

struct ExchangeContext
{
    QString endpoint;      // "ehr.example:443"
    QString proxyEndpoint; // "proxy.local:3128" when connecting through a proxy, else empty
    ExchangePhase phase = ExchangePhase::Connecting;
    bool responseStarted = false; // the status line and headers arrived
    QString certificateProblem;   // OpenSSL's reason when it rejected the server's certificate
    std::chrono::milliseconds connectTimeout{0};
    std::chrono::milliseconds readTimeout{0};
};

// Call only inside a catch block: rethrows and classifies the current exception.
HttpResult failureFromCurrentException(const ExchangeContext& context);

QString formatSeconds(std::chrono::milliseconds duration); // "10 s", "0.25 s"

} // namespace lantern::sync
