#pragma once
// The parts of the network fault matrix (test_network_faults) that the
// simulator cannot play itself: a listener whose accept queue is full (connects
// time out), test certificates made with the openssl CLI at test time (nothing
// private is committed), and an EHR front on 127.0.0.1 that speaks SMART
// Backend Services and can let a token expire, forwarding FHIR to the simulator.

#include "FakeHttpServer.h"

#include <QString>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <vector>

namespace lantern::test {

// A TCP listener on 127.0.0.1 with a backlog of 0, its one queue slot taken by
// a connection nobody accepts: further SYNs are dropped by the kernel, so a
// client's connect hangs until its own timeout. Closed in the destructor.
class StalledListener
{
public:
    StalledListener();
    ~StalledListener();
    StalledListener(const StalledListener&) = delete;
    StalledListener& operator=(const StalledListener&) = delete;

    bool ready() const { return m_ready; } // the queue is full: a connect will hang
    quint16 port() const { return m_port; }

private:
    int m_listener = -1;
    std::vector<int> m_fillers;
    quint16 m_port = 0;
    bool m_ready = false;
};

// A test CA and server certificates it signed, in a temporary folder.
class TestCertificates
{
public:
    bool make(); // false (warned) when openssl fails
    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    // For 127.0.0.1 (IP SAN), signed by the CA.
    QString loopbackCert() const { return path(QStringLiteral("loopback.pem")); }
    QString loopbackKey() const { return path(QStringLiteral("loopback.key")); }
    // For ehr.other.example only, signed by the same CA.
    QString otherHostCert() const { return path(QStringLiteral("other.pem")); }
    QString otherHostKey() const { return path(QStringLiteral("other.key")); }

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList& arguments) const;
    bool issue(const QString& name, const QString& commonName, const QString& subjectAltName) const;

    QTemporaryDir m_dir;
};

// An EHR with SMART Backend Services in front of the simulator: discovery,
// a token endpoint that hands out "token-1", "token-2", ..., and FHIR requests
// forwarded to the simulator when they carry the newest token that has not
// been expired by expireIssuedTokens(); otherwise 401 invalid_token.
class SmartFront
{
public:
    explicit SmartFront(quint16 simulatorPort);

    QUrl baseUrl() const { return m_server.url(QStringLiteral("/fhir")); }
    int tokensIssued() const { return m_issued; }
    int unauthorized() const { return m_unauthorized; } // 401s answered
    // From now on every token issued so far is refused, as after its expiry on the server.
    void expireIssuedTokens() { m_expiredUpTo = m_issued.load(); }

private:
    FakeResponse handle(const RecordedRequest& request);
    FakeResponse forward(const RecordedRequest& request) const;

    quint16 m_simulatorPort;
    std::atomic<int> m_issued{0};
    std::atomic<int> m_expiredUpTo{0};
    std::atomic<int> m_unauthorized{0};
    FakeHttpServer m_server; // last: its threads call handle() until it is gone
};

} // namespace lantern::test
