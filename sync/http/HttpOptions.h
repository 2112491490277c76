#pragma once
// Settings of the HTTP transport. There is deliberately no switch to turn TLS
// certificate or host name verification off: a hospital with an internal CA
// configures that CA's bundle instead.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace lantern::sync {

struct ProxySettings
{
    QString host;
    quint16 port = 3128;
    QString username; // empty: no proxy authentication
    QString password;
    QStringList bypassHosts; // exact host names reached directly, e.g. the on-site simulator
};

struct TlsSettings
{
    // PEM file with additional trusted CA certificates (an internal hospital CA).
    QString caBundleFile;
    // Trust the operating system's CA store as well (on by default).
    bool useSystemCaStore = true;
};

struct HttpOptions
{
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds readTimeout{30'000}; // also used for sending
    // The read timeout bounds each read: a server that trickles a few bytes at
    // a time never trips it. An answer kept in memory (a FHIR page, an error)
    // must therefore arrive whole within this, counted from sending the
    // request. Streamed downloads (bulk NDJSON files, any size) have only the
    // read timeout.
    std::chrono::milliseconds responseTimeout{120'000};
    // Largest body kept in memory (after decompression). Streamed downloads
    // (bulk NDJSON) go to a sink piece by piece and are not capped here.
    qint64 maxBodyBytes = 64LL * 1024 * 1024;
    std::optional<ProxySettings> proxy;
    TlsSettings tls;
    QByteArray userAgent = QByteArrayLiteral("Lantern/0.1");
};

} // namespace lantern::sync
