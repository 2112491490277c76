#pragma once
// Serves GET /metrics (Prometheus text exposition 0.0.4) on 127.0.0.1 only:
// the figures say nothing about patients, but a ward PC should not offer a
// port to the hospital network; a local Prometheus agent or node exporter
// textfile relay scrapes it. Poco's HTTPServer answers in its own threads,
// so `body` must be thread-safe (the service hands it a cached snapshot).
// The server stops in the destructor at the latest: it lives exactly as long
// as whoever owns it (the mirror service).

#include "core/common/Result.h"

#include <QByteArray>

#include <functional>
#include <memory>

namespace lantern::sync {

class MetricsServer
{
public:
    using BodyProvider = std::function<QByteArray()>;

    explicit MetricsServer(BodyProvider body);
    ~MetricsServer(); // stops

    // Binds 127.0.0.1:port (never any other address) and starts answering.
    // Port 0 picks a free one (tests); boundPort() says which.
    Status start(quint16 port);
    void stop(); // closes the port; waits for answers in progress
    bool isRunning() const;
    QString boundAddress() const; // "127.0.0.1" while running
    quint16 boundPort() const;

    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lantern::sync
