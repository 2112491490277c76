#include "SimServer.h"

#include "HttpFrontend.h"
#include "SimLogging.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <QJsonObject>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace lantern::sim {

struct SimServer::Impl
{
    SimulatorOptions options;
    std::unique_ptr<Simulator> sim;
    Poco::ThreadPool pool{2, 128};
    Poco::ThreadPool adminPool{1, 16};
    std::mutex listenerMutex;
    std::unique_ptr<Poco::Net::HTTPServer> http;
    Poco::Net::ServerSocket socket;
    std::unique_ptr<Poco::Net::HTTPServer> adminHttp;
    std::atomic<quint16> port{0};
    std::atomic<quint16> adminPort{0};
    std::atomic<bool> running{false};

    // Watches the fault state and opens or closes the listener ("refuse", and its expiry).
    std::thread supervisor;
    std::mutex wakeMutex;
    std::condition_variable wake;
    bool stopping = false;

    Status openListener();
    void closeListener();
    Status syncListener();
    void superviseLoop();
    Poco::Net::HTTPServerParams::Ptr params() const;
};

Poco::Net::HTTPServerParams::Ptr SimServer::Impl::params() const
{
    Poco::Net::HTTPServerParams::Ptr p = new Poco::Net::HTTPServerParams;
    p->setMaxThreads(options.maxThreads);
    p->setMaxQueued(256);
    p->setKeepAlive(true);
    p->setTimeout(Poco::Timespan(30, 0));
    p->setServerName("lantern-ehr-sim");
    p->setSoftwareVersion("lantern-ehr-sim");
    return p;
}

Status SimServer::Impl::openListener()
{
    try {
        socket = Poco::Net::ServerSocket(Poco::Net::SocketAddress(options.host.toStdString(), port.load()), 64);
        port = socket.address().port();
        http = std::make_unique<Poco::Net::HTTPServer>(makeHandlerFactory(*sim, false), pool, socket, params());
        http->start();
    } catch (const Poco::Exception& e) {
        http.reset();
        return Error(ErrorCode::Network, u"Cannot listen on "_s + options.host + u':' + QString::number(port.load())
            + u" ("_s + QString::fromStdString(e.displayText())
            + u"). Choose another --port, or 0 for a free one."_s);
    }
    qCInfo(lcSim) << "listening on port" << port.load();
    return {};
}

void SimServer::Impl::closeListener()
{
    if (!http)
        return;
    // Lets requests in progress finish (the one that asked for "refuse" gets its answer),
    // then shuts every connection, idle keep-alive ones included.
    http->stopAll(false);
    try {
        socket.close();
    } catch (const Poco::Exception&) {
        // already closed: nothing to undo
    }
    http.reset();
    qCInfo(lcSim) << "listener closed";
}

Status SimServer::Impl::syncListener()
{
    std::lock_guard lock(listenerMutex);
    const bool wanted = running && !sim->faults().refusing();
    if (wanted && !http)
        return openListener();
    if (!wanted && http)
        closeListener();
    return {};
}

void SimServer::Impl::superviseLoop()
{
    std::unique_lock lock(wakeMutex);
    while (!stopping) {
        wake.wait_for(lock, std::chrono::milliseconds(100));
        if (stopping)
            break;
        lock.unlock();
        if (auto synced = syncListener(); !synced)
            qCWarning(lcSim) << "could not reopen the listener:" << synced.error().message;
        lock.lock();
    }
}

SimServer::SimServer(SimulatorOptions options, const Clock& clock) : d(std::make_unique<Impl>())
{
    d->options = options;
    AdminApi::Hooks hooks;
    Impl* impl = d.get();
    hooks.faultChanged = [impl] { impl->wake.notify_all(); };
    hooks.listenerInfo = [impl] {
        return QJsonObject{{u"port"_s, int(impl->port.load())}, {u"adminPort"_s, int(impl->adminPort.load())},
            {u"listening"_s, impl->running.load() && !impl->sim->faults().refusing()}};
    };
    d->sim = std::make_unique<Simulator>(std::move(options), clock, hooks);
}

SimServer::~SimServer()
{
    stop();
}

Status SimServer::start()
{
    LANTERN_TRY(d->options.validate());
    LANTERN_TRY(d->sim->populate());
    d->port = quint16(d->options.port);
    if (d->options.fault)
        d->sim->faults().set(*d->options.fault);
    d->running = true;
    if (d->options.fault && d->options.fault->mode == FaultMode::Refuse) {
        // Bind once so the port is known, then close it as the fault asks.
        std::lock_guard lock(d->listenerMutex);
        LANTERN_TRY(d->openListener());
        d->closeListener();
    } else {
        LANTERN_TRY(d->syncListener());
    }
    if (d->options.adminPort) {
        try {
            Poco::Net::ServerSocket adminSocket(
                Poco::Net::SocketAddress(d->options.host.toStdString(), quint16(*d->options.adminPort)), 16);
            d->adminPort = adminSocket.address().port();
            d->adminHttp = std::make_unique<Poco::Net::HTTPServer>(makeHandlerFactory(*d->sim, true), d->adminPool,
                adminSocket, d->params());
            d->adminHttp->start();
        } catch (const Poco::Exception& e) {
            stop();
            return Error(ErrorCode::Network, u"Cannot listen on the admin port ("_s
                + QString::fromStdString(e.displayText()) + u")."_s);
        }
    }
    {
        std::lock_guard lock(d->wakeMutex);
        d->stopping = false;
    }
    d->supervisor = std::thread([impl = d.get()] { impl->superviseLoop(); });
    d->sim->changes().start(d->options.changesPerMinute, d->options.changeIntervalSeconds);
    return {};
}

void SimServer::stop()
{
    if (!d)
        return;
    {
        std::lock_guard lock(d->wakeMutex);
        d->stopping = true;
    }
    d->wake.notify_all();
    if (d->supervisor.joinable())
        d->supervisor.join();
    d->sim->changes().stop();
    d->running = false;
    d->sim->faults().shutdown(); // wakes requests held by "timeout" and "slow"
    d->sim->fhirApi().transactionGate().shutdown(); // and transactions held by a test
    {
        std::lock_guard lock(d->listenerMutex);
        d->closeListener();
    }
    if (d->adminHttp) {
        d->adminHttp->stopAll(false);
        d->adminHttp.reset();
    }
    d->pool.joinAll();
    d->adminPool.joinAll();
}

quint16 SimServer::port() const
{
    return d->port;
}

quint16 SimServer::adminPort() const
{
    return d->adminPort;
}

QString SimServer::baseUrl() const
{
    return u"http://"_s + d->options.host + u':' + QString::number(d->port.load()) + u"/fhir"_s;
}

QString SimServer::adminUrl() const
{
    const quint16 p = d->adminPort ? d->adminPort.load() : d->port.load();
    return u"http://"_s + d->options.host + u':' + QString::number(p) + u"/$sim"_s;
}

bool SimServer::listening() const
{
    std::lock_guard lock(d->listenerMutex);
    return d->http != nullptr;
}

void SimServer::setFault(const FaultSpec& fault)
{
    d->sim->faults().set(fault);
    if (auto synced = d->syncListener(); !synced)
        qCWarning(lcSim) << synced.error().message;
}

void SimServer::clearFault()
{
    d->sim->faults().clear();
    if (auto synced = d->syncListener(); !synced)
        qCWarning(lcSim) << synced.error().message;
}

Simulator& SimServer::simulator()
{
    return *d->sim;
}

} // namespace lantern::sim
