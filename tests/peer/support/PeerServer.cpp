#include "PeerServer.h"

#include "ChildProcess.h"
#include "TestConfig.h"
#include "sync/http/HttpTransport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

namespace lantern::test {

namespace {

Error failed(const QString& message)
{
    return Error(ErrorCode::Internal, message);
}

} // namespace

class PeerServer::Private
{
public:
    QProcess process;
    QUrl baseUrl;
    std::shared_ptr<sync::HttpTransport> transport;
};

QByteArray PeerServer::Response::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

PeerServer::PeerServer() : d(std::make_unique<Private>()) {}

PeerServer::~PeerServer()
{
    stop();
}

QString PeerServer::serverDir()
{
    return QStringLiteral(LANTERN_SOURCE_DIR "/tests/peer/server");
}

QString PeerServer::installCommand()
{
    return QStringLiteral("npm ci --prefix tests/peer/server");
}

Status PeerServer::start(std::chrono::milliseconds timeout)
{
    if (isRunning())
        return {};
    const QString dir = serverDir();
    if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/@medplum/fhir-router/package.json")))
        return failed(QStringLiteral("Medplum's FHIR router is not installed in %1/node_modules; run `%2` in %3 "
                                     "(scripts/test.sh does this when npm is present)")
                          .arg(dir, installCommand(), QStringLiteral(LANTERN_SOURCE_DIR)));
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return failed(QStringLiteral("node is not on PATH; install Node.js 20 or newer (scripts/install-deps.sh does) "
                                     "and run `%1`").arg(installCommand()));

    auto transport = sync::makeHttpTransport(sync::HttpOptions{});
    if (!transport.ok())
        return transport.error();
    d->transport = *transport;

    d->process.setWorkingDirectory(dir);
    // stderr goes straight to the test's own (nobody reads a pipe while a test
    // blocks in HTTP calls, and a full pipe would stall node).
    d->process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // node ends with this process however it ends (std::exit in a benchmark,
    // ctest's SIGTERM on a timeout); server.mjs also exits when its stdin closes.
    endWithThisProcess(d->process);
    d->process.start(node, {QStringLiteral("server.mjs"), QStringLiteral("0")});
    if (!d->process.waitForStarted(10'000))
        return failed(QStringLiteral("cannot start %1: %2").arg(node, d->process.errorString()));

    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (timer.elapsed() < timeout.count()) {
        if (d->process.state() != QProcess::Running)
            break;
        d->process.waitForReadyRead(200);
        out += d->process.readAllStandardOutput();
        const qsizetype eol = out.indexOf('\n');
        if (eol < 0)
            continue;
        const QByteArray line = out.left(eol).trimmed();
        if (!line.startsWith("listening 127.0.0.1:"))
            break;
        const int port = line.mid(int(qstrlen("listening 127.0.0.1:"))).toInt();
        if (port <= 0)
            break;
        d->baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/fhir/R4").arg(port));
        return {};
    }
    const QString why = d->process.state() == QProcess::Running
                            ? QStringLiteral("it did not report its port within %1 ms").arg(timeout.count())
                            : QStringLiteral("it exited with code %1").arg(d->process.exitCode());
    stop();
    return failed(QStringLiteral("the peer FHIR server (node %1/server.mjs) did not start: %2 (its messages are above)")
                      .arg(dir, why));
}

void PeerServer::stop()
{
    if (d->process.state() != QProcess::NotRunning) {
        d->process.terminate();
        if (!d->process.waitForFinished(5000)) {
            d->process.kill();
            d->process.waitForFinished(5000);
        }
    }
    d->baseUrl.clear();
}

qint64 PeerServer::processId() const
{
    return d->process.state() == QProcess::Running ? d->process.processId() : 0;
}

bool PeerServer::isRunning() const
{
    return d->process.state() == QProcess::Running && d->baseUrl.isValid();
}

QUrl PeerServer::baseUrl() const
{
    return d->baseUrl;
}

Result<PeerServer::Response> PeerServer::request(const QByteArray& method, const QString& relative,
                                                 const QJsonObject& body,
                                                 const QList<QPair<QByteArray, QByteArray>>& headers) const
{
    if (!isRunning())
        return failed(QStringLiteral("the peer FHIR server is not running"));
    sync::HttpRequest req;
    req.method = method;
    QString base = d->baseUrl.toString();
    req.url = QUrl(relative.isEmpty() ? base : base + QLatin1Char('/') + relative);
    req.setHeader("Accept", "application/fhir+json");
    if (!body.isEmpty()) {
        req.setHeader("Content-Type", "application/fhir+json");
        req.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    for (const auto& [name, value] : headers)
        req.setHeader(name, value);
    sync::HttpResult result = d->transport->send(req);
    if (!result.ok())
        return result.error();
    Response out;
    out.status = result.value().status;
    out.body = result.value().body;
    for (const auto& [name, value] : result.value().headers)
        out.headers.append({name, value});
    const QJsonDocument doc = QJsonDocument::fromJson(out.body);
    if (doc.isObject())
        out.json = doc.object();
    return out;
}

Result<QJsonObject> PeerServer::seedBundle(const QJsonObject& bundle) const
{
    if (bundle.value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle"))
        return failed(QStringLiteral("only Bundles can be seeded"));
    QJsonObject toSend = bundle;
    const QString type = bundle.value(QLatin1String("type")).toString();
    if (type != QLatin1String("transaction") && type != QLatin1String("batch")) {
        QJsonArray entries;
        const QJsonArray in = bundle.value(QLatin1String("entry")).toArray();
        for (const QJsonValue& e : in) {
            const QJsonObject entry = e.toObject();
            const QJsonObject resource = entry.value(QLatin1String("resource")).toObject();
            const QString rt = resource.value(QLatin1String("resourceType")).toString();
            const QString id = resource.value(QLatin1String("id")).toString();
            if (rt.isEmpty() || id.isEmpty())
                return failed(QStringLiteral("a %1 Bundle entry has no resourceType or id; it cannot be PUT").arg(type));
            QJsonObject out{{QStringLiteral("resource"), resource},
                            {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("PUT")},
                                                                    {QStringLiteral("url"), QString(rt + QLatin1Char('/') + id)}}}};
            if (entry.contains(QLatin1String("fullUrl")))
                out.insert(QStringLiteral("fullUrl"), entry.value(QLatin1String("fullUrl")));
            entries.append(out);
        }
        toSend = QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                             {QStringLiteral("type"), QStringLiteral("transaction")},
                             {QStringLiteral("entry"), entries}};
    }
    auto response = request("POST", QString(), toSend);
    if (!response.ok())
        return response.error();
    if (response->status != 200)
        return failed(QStringLiteral("the peer server refused the Bundle: HTTP %1: %2")
                          .arg(response->status)
                          .arg(QString::fromUtf8(response->body.left(400))));
    const QJsonArray results = response->json.value(QLatin1String("entry")).toArray();
    for (const QJsonValue& r : results) {
        const QString status = r.toObject().value(QLatin1String("response")).toObject().value(QLatin1String("status")).toString();
        if (!status.startsWith(QLatin1Char('2')))
            return failed(QStringLiteral("the peer server refused a Bundle entry: %1").arg(status));
    }
    return response->json;
}

Status PeerServer::seedFile(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1").arg(path));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject())
        return failed(QStringLiteral("%1 is not a JSON object").arg(path));
    auto seeded = seedBundle(doc.object());
    if (!seeded.ok())
        return seeded.error().prefixed(QFileInfo(path).fileName());
    return {};
}

Result<int> PeerServer::seedFolder(const QString& dir) const
{
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return Error(ErrorCode::Io, QStringLiteral("no *.json files in %1").arg(dir));
    for (const QString& f : files)
        LANTERN_TRY(seedFile(QDir(dir).filePath(f)));
    return int(files.size());
}

} // namespace lantern::test
