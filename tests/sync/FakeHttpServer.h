#pragma once
// A small real HTTP(S) server on 127.0.0.1 for the sync tests: every request
// is recorded and answered by a handler the test supplies. Poco::Net, like the
// transport under test, but sharing no code with it.

#include "sync/fhir/RetryPolicy.h"
#include "sync/http/HttpTypes.h"

#include <QJsonObject>
#include <QStringList>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

namespace lantern::test {

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // path and query as sent
    sync::HttpHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const { return sync::findHeader(headers, name); }
    QString path() const;
    QString queryValue(const QString& name) const; // decoded
};

struct FakeResponse
{
    int status = 200;
    sync::HttpHeaders headers;
    QByteArray body;
    bool gzip = false;                     // compress the body and say so
    std::chrono::milliseconds delay{0};    // wait before answering (cut short when the server stops)

    static FakeResponse json(int status, const QByteArray& body);
};

using Handler = std::function<FakeResponse(const RecordedRequest& request)>;

class FakeHttpServer
{
public:
    explicit FakeHttpServer(Handler handler);
    // HTTPS with the given PEM certificate (chain) and key.
    FakeHttpServer(Handler handler, const QString& certificateFile, const QString& privateKeyFile);
    ~FakeHttpServer();

    quint16 port() const;
    QUrl url(const QString& path = QString()) const; // http(s)://127.0.0.1:<port><path>
    QList<RecordedRequest> requests() const;
    void setHandler(Handler handler);

    struct State;

private:
    std::shared_ptr<State> m_state;
};

// The error message of a failed result, empty on success: QVERIFY2 evaluates
// its message even when the check passes.
template <typename R>
QString failureText(const R& result)
{
    return result.ok() ? QString() : result.error().message;
}

FakeResponse withHeader(FakeResponse response, const QByteArray& name, const QByteArray& value);

// Records the waits between attempts instead of sleeping.
struct RecordingSleeper
{
    QList<std::chrono::milliseconds> waits;
    sync::Sleeper sleeper();
};

// Small FHIR JSON bodies for the fake server's answers.
QByteArray compactJson(const QJsonObject& object);
QByteArray patientJson(const QString& id);
QByteArray searchBundle(const QStringList& patientIds, const QString& nextLink);
QByteArray operationOutcome(const QString& severity, const QString& code, const QString& diagnostics);

// A port on 127.0.0.1 where nothing listens.
quint16 unusedPort();
// Gzip bytes (for checking the transport decodes them).
QByteArray gzipped(const QByteArray& data);

} // namespace lantern::test
