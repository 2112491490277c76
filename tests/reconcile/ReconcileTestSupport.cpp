#include "ReconcileTestSupport.h"

#include "core/access/VaultAccess.h"
#include "sync/mirror/MirrorConfigStore.h"
#include "sync/mirror/MirrorEngine.h"
#include "sync/reconcile/ReconcileEngine.h"

#include <Simulator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace lantern::test {

bool ReconcileFixture::start(int patients, quint64 seed)
{
    if (!m_dir.isValid())
        return false;
    sim::SimulatorOptions options;
    options.generator.wards = 1;
    options.generator.patientsPerWard = patients;
    options.generator.seed = seed;
    m_server = std::make_unique<sim::SimServer>(options);
    Status started = m_server->start();
    if (!started.ok())
        qWarning("simulator: %s", qPrintable(started.error().message));
    return started.ok();
}

Device ReconcileFixture::makeDevice(const QString& name)
{
    Device device;
    device.dir = m_dir.filePath(name);
    device.downtimeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto session = access.initialise(device.dir, kAdmin, QStringLiteral("IT Meyer"), kPassphrase);
        if (!session.ok())
            qFatal("cannot create the vault: %s", qPrintable(session.error().message));
        const access::User nurse{kNurse, QStringLiteral("Nina Berger"), access::Role::Nurse, {kWard}, {}, false};
        const access::User physician{kPhysician, QStringLiteral("Dr. Wolf"), access::Role::Physician, {kWard}, {}, false};
        for (const access::User& user : {nurse, physician})
            if (Status added = access.addUser(*session, user, kPassphrase); !added.ok())
                qFatal("cannot add %s: %s", qPrintable(user.username), qPrintable(added.error().message));
        vault::Vault& vault = session->vault();
        if (!sync::setMirrorConfigValue(vault, QStringLiteral("mirror.base_url"), baseUrl()).ok() ||
            !sync::setMirrorConfigValue(vault, QStringLiteral("mirror.wards"), kWard).ok())
            qFatal("cannot configure the mirror");
        device.deviceId = session->vaultId();
    }
    sync::MirrorConfig config;
    config.baseUrl = QUrl(baseUrl());
    config.scope.wardLocationIds = {kWard};
    config.retryAttempts = 2;
    config.retryMaxDelayMs = 200;
    const QString dir = device.dir;
    sync::MirrorEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    auto cycle = engine.runCycle();
    if (!cycle.ok())
        qFatal("cannot mirror the ward: %s", qPrintable(cycle.error().message));
    return device;
}

std::unique_ptr<vault::Vault> ReconcileFixture::open(const Device& device) const
{
    auto vault = access::VaultAccess().unlockAsDevice(device.dir);
    if (!vault.ok())
        qFatal("cannot open the device vault: %s", qPrintable(vault.error().message));
    return std::move(*vault);
}

record::Recorder ReconcileFixture::recorder(vault::Vault& vault, const Device& device, const Clock& clock,
                                            const QString& author) const
{
    return record::Recorder(vault, author, device.deviceId, device.downtimeId, clock);
}

sync::ReconcileReport ReconcileFixture::reconcile(const Device& device, int retryAttempts) const
{
    sync::ReconcileEngineConfig config;
    config.ehr.baseUrl = QUrl(baseUrl());
    config.ehr.retryAttempts = retryAttempts;
    config.ehr.retryMaxDelayMs = 100;
    config.ehr.connectTimeoutMs = 2000;
    config.ehr.readTimeoutMs = 5000;
    const QString dir = device.dir;
    sync::ReconcileEngine engine(config, [dir] { return access::VaultAccess().unlockAsDevice(dir); });
    return engine.runOnce();
}

QJsonObject ReconcileFixture::admin(const QString& action, const QJsonObject& body)
{
    sim::ApiRequest request;
    request.method = "POST";
    request.path = action;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const sim::ApiResponse response = sim().adminApi().handle(request);
    if (response.status != 200)
        qWarning("admin %s: HTTP %d %s", qPrintable(action), response.status, response.body.constData());
    return QJsonDocument::fromJson(response.body).object();
}

int ReconcileFixture::identifierHits(const QString& type, const QString& uuid)
{
    auto query = sim::parseSearch(
        type, {{QStringLiteral("identifier"), QStringLiteral("urn:ietf:rfc:3986|urn:uuid:") + uuid}}, false);
    return query.ok() ? int(sim().store().matchIds(*query).size()) : -1;
}

int ReconcileFixture::lanternAdministrations()
{
    sim::ExportSelection selection;
    selection.types = {QStringLiteral("MedicationAdministration")};
    const auto snapshot = sim().store().exportSnapshot(selection);
    int count = 0;
    for (const QByteArray& json : snapshot.value(QStringLiteral("MedicationAdministration"))) {
        const QJsonArray identifiers = QJsonDocument::fromJson(json).object().value(QLatin1String("identifier")).toArray();
        for (const QJsonValue& identifier : identifiers) {
            if (identifier.toObject().value(QLatin1String("system")).toString() == QLatin1String("urn:ietf:rfc:3986")) {
                ++count;
                break;
            }
        }
    }
    return count;
}

QStringList ReconcileFixture::patients()
{
    QStringList out;
    const QList<sim::Stay> stays = sim().census().stays();
    for (const sim::Stay& stay : stays)
        if (stay.wardId == kWard)
            out.append(stay.patientRef.section(QLatin1Char('/'), -1));
    out.sort();
    return out;
}

QStringList ReconcileFixture::activeOrders(const QString& patientId)
{
    return sim().actions().ordersOf(QStringLiteral("Patient/") + patientId);
}

QByteArray describe(const sync::ReconcileReport& r)
{
    return QStringLiteral("%1 (%2): processed %3, uploaded %4 (%5 present), conflicts %6, waiting %7, notes %8, "
                          "pending %9, open conflicts %10, %11 Bundles")
        .arg(sync::runEndName(r.end), r.message)
        .arg(r.processed)
        .arg(r.uploaded)
        .arg(r.alreadyPresent)
        .arg(r.conflicts)
        .arg(r.waiting)
        .arg(r.notesPosted)
        .arg(r.pendingLeft)
        .arg(r.conflictsOpen)
        .arg(r.transactions)
        .toUtf8();
}

} // namespace lantern::test
