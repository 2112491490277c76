#pragma once
// A FHIR R4 server written by others for integration tests: Medplum's FHIR
// router over its in-memory repository (tests/peer/server/server.mjs), run as
// `node server.mjs 0` on 127.0.0.1 on a port the system chooses.
//
//     test::PeerServer server;
//     QVERIFY2(server.start().ok(), ...);          // fails, naming `npm ci --prefix tests/peer/server`,
//                                                  // when Medplum is not installed: it never skips
//     server.seedFile(path);                       // a transaction Bundle as is; a document Bundle as PUTs
//     FhirClient(... server.baseUrl() ...);        // http://127.0.0.1:PORT/fhir/R4
//     server.request("DELETE", "AllergyIntolerance/x");
//
// What Medplum's router does and does not do: tests/peer/README.md. Every
// server starts empty; stop() (or the destructor) ends the process.

#include "core/common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace lantern::test {

class PeerServer
{
public:
    struct Response
    {
        int status = 0;
        QJsonObject json; // empty when the body was empty or not a JSON object
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(const QByteArray& name) const;
    };

    PeerServer();
    ~PeerServer();
    PeerServer(const PeerServer&) = delete;
    PeerServer& operator=(const PeerServer&) = delete;

    // Starts node and waits until the server listens (Medplum needs a few
    // seconds to index the FHIR definitions).
    Status start(std::chrono::milliseconds timeout = std::chrono::seconds(90));
    void stop();
    bool isRunning() const;
    // node's process id while it runs, else 0 (for the harness cleanup test).
    qint64 processId() const;

    QUrl baseUrl() const; // empty before start()

    // One HTTP request below baseUrl ("Patient?name=x", "AllergyIntolerance/1").
    Result<Response> request(const QByteArray& method, const QString& relative, const QJsonObject& body = {},
                             const QList<QPair<QByteArray, QByteArray>>& headers = {}) const;

    // Seeds one Bundle: a transaction or batch is POSTed as it is; any other
    // Bundle (document, collection) becomes a transaction of PUT <Type>/<id>
    // per entry, so ids are kept and the server resolves urn:uuid references.
    // Fails when the server refuses it or any entry.
    Result<QJsonObject> seedBundle(const QJsonObject& bundle) const;
    Status seedFile(const QString& path) const;
    // Every *.json directly in `dir`, sorted; returns how many were seeded.
    Result<int> seedFolder(const QString& dir) const;

    // tests/peer/server in the source tree.
    static QString serverDir();
    // The command that installs Medplum for the peer tests.
    static QString installCommand();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace lantern::test
