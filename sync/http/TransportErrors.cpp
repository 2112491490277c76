#include "sync/http/TransportErrors.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <exception>

namespace lantern::sync {

QString formatSeconds(std::chrono::milliseconds duration)
{
    const qint64 ms = duration.count();
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QStringLiteral(" s");
    return QString::number(static_cast<double>(ms) / 1000.0, 'g', 3) + QStringLiteral(" s");
}

namespace {

QString detail(const Poco::Exception& e)
{
    // displayText() is "<name>: <message>"; the message alone reads better.
    const std::string message = e.message().empty() ? e.displayText() : e.message();
    return QString::fromStdString(message);
}

HttpResult network(const QString& message, bool transient = true)
{
    return HttpResult(Error(ErrorCode::Network, message), transient);
}

QString target(const ExchangeContext& c)
{
    return c.proxyEndpoint.isEmpty() ? c.endpoint : QStringLiteral("proxy %1 (for %2)").arg(c.proxyEndpoint, c.endpoint);
}

HttpResult timeout(const ExchangeContext& c)
{
    switch (c.phase) {
    case ExchangePhase::Connecting:
        return network(QStringLiteral("timed out after %1 connecting to %2; check the network and that the server is up")
                           .arg(formatSeconds(c.connectTimeout), target(c)));
    case ExchangePhase::Sending:
        return network(QStringLiteral("timed out after %1 sending to %2").arg(formatSeconds(c.readTimeout), c.endpoint));
    case ExchangePhase::Reading:
        break;
    }
    return network(QStringLiteral("timed out after %1 reading from %2").arg(formatSeconds(c.readTimeout), c.endpoint));
}

bool isCertificateProblem(const Poco::Exception& e)
{
    const QString text = QString::fromStdString(e.displayText()).toLower();
    return text.contains(QLatin1String("certificate")) || text.contains(QLatin1String("verify failed"));
}

} // namespace

HttpResult failureFromCurrentException(const ExchangeContext& c)
{
    try {
        throw;
    } catch (const Poco::TimeoutException&) {
        return timeout(c);
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return network(QStringLiteral("connection refused by %1; the server is down or not listening on that port").arg(target(c)));
    } catch (const Poco::Net::HostNotFoundException& e) {
        return network(QStringLiteral("host name of %1 could not be resolved (%2); check the address and DNS").arg(target(c), detail(e)));
    } catch (const Poco::Net::NoAddressFoundException& e) {
        return network(QStringLiteral("host name of %1 could not be resolved (%2); check the address and DNS").arg(target(c), detail(e)));
    } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException&) {
        return network(QStringLiteral("%1 closed the connection during the TLS handshake").arg(c.endpoint));
    } catch (const Poco::Net::CertificateValidationException&) {
        // Poco raises this after a good chain when the certificate names another host.
        return network(QStringLiteral("TLS certificate of %1 could not be verified: it was not issued for the host name %2; "
                                      "check the EHR address in the settings")
                           .arg(c.endpoint, c.endpoint.section(QLatin1Char(':'), 0, -2)),
                       false);
    } catch (const Poco::Net::SSLException& e) {
        if (!c.certificateProblem.isEmpty() || isCertificateProblem(e)) {
            return network(QStringLiteral("TLS certificate of %1 could not be verified: %2. If the EHR uses an internal "
                                          "certificate authority, configure its CA bundle")
                               .arg(c.endpoint, c.certificateProblem.isEmpty() ? detail(e) : c.certificateProblem),
                           false);
        }
        return network(QStringLiteral("TLS handshake with %1 failed: %2").arg(c.endpoint, detail(e)), false);
    } catch (const Poco::Net::HTTPException& e) {
        if (!c.proxyEndpoint.isEmpty())
            return network(QStringLiteral("proxy %1 did not open a connection to %2: %3").arg(c.proxyEndpoint, c.endpoint, detail(e)));
        return network(QStringLiteral("HTTP exchange with %1 failed: %2").arg(c.endpoint, detail(e)));
    } catch (const Poco::Net::NoMessageException&) {
        return network(QStringLiteral("%1 closed the connection without answering").arg(c.endpoint));
    } catch (const Poco::Net::MessageException& e) {
        return network(QStringLiteral("%1 sent a malformed HTTP response: %2").arg(c.endpoint, detail(e)));
    } catch (const Poco::Net::NetException& e) {
        return network(QStringLiteral("connection to %1 failed: %2").arg(target(c), detail(e)));
    } catch (const Poco::IOException& e) {
        if (c.phase == ExchangePhase::Reading)
            return network(QStringLiteral("the response from %1 could not be read: %2").arg(c.endpoint, detail(e)));
        return network(QStringLiteral("connection to %1 failed: %2").arg(target(c), detail(e)));
    } catch (const Poco::Exception& e) {
        return HttpResult(Error(ErrorCode::Internal, QStringLiteral("unexpected error talking to %1: %2").arg(c.endpoint, QString::fromStdString(e.displayText()))), false);
    } catch (const std::exception& e) {
        return HttpResult(Error(ErrorCode::Internal, QStringLiteral("unexpected error talking to %1: %2").arg(c.endpoint, QString::fromLocal8Bit(e.what()))), false);
    } catch (...) {
        return HttpResult(Error(ErrorCode::Internal, QStringLiteral("unexpected error talking to %1").arg(c.endpoint)), false);
    }
}

} // namespace lantern::sync
