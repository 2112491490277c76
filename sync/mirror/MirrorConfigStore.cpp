#include "sync/mirror/MirrorConfigStore.h"

#include "sync/fhir/FhirTypes.h"
#include "sync/mirror/EhrUrlPolicy.h"
#include "core/vault/Vault.h"

namespace lantern::sync {
namespace {

QStringList idList(const QString& text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& p : parts)
        if (!p.trimmed().isEmpty())
            out.append(p.trimmed());
    return out;
}

const QStringList kNumberKeys = {QStringLiteral("mirror.interval"), QStringLiteral("mirror.heartbeat"),
                                 QStringLiteral("mirror.purge_grace_hours"), QStringLiteral("mirror.overlap"),
                                 QStringLiteral("mirror.history_days"), QStringLiteral("mirror.timeout"),
                                 QStringLiteral("mirror.deletion_sweep"), QStringLiteral("mirror.max_drop_percent")};

} // namespace

const QStringList& mirrorConfigKeys()
{
    static const QStringList keys = {
        QStringLiteral("mirror.base_url"),        QStringLiteral("mirror.wards"),
        QStringLiteral("mirror.group"),           QStringLiteral("mirror.patients"),
        QStringLiteral("mirror.interval"),        QStringLiteral("mirror.heartbeat"),
        QStringLiteral("mirror.purge_grace_hours"), QStringLiteral("mirror.overlap"),
        QStringLiteral("mirror.history_days"),    QStringLiteral("mirror.bulk"),
        QStringLiteral("mirror.timeout"),         QStringLiteral("mirror.auth"),
        QStringLiteral("mirror.bearer_token"),    QStringLiteral("mirror.smart_client_id"),
        QStringLiteral("mirror.smart_key_file"),  QStringLiteral("mirror.ca_bundle"),
        QStringLiteral("mirror.proxy"),           QStringLiteral("mirror.deletion_sweep"),
        QStringLiteral("mirror.max_drop_percent"), QStringLiteral("service.metrics_port"),
    };
    return keys;
}

Result<MirrorConfig> loadMirrorConfig(vault::Vault& vault)
{
    QHash<QString, QString> v;
    for (const QString& key : mirrorConfigKeys()) {
        auto value = vault.meta(key);
        if (!value.ok())
            return value.error();
        v.insert(key, *value);
    }
    MirrorConfig c;
    c.baseUrl = QUrl(v.value(QStringLiteral("mirror.base_url")));
    c.scope.wardLocationIds = idList(v.value(QStringLiteral("mirror.wards")));
    c.scope.groupId = v.value(QStringLiteral("mirror.group")).trimmed();
    c.scope.patientIds = idList(v.value(QStringLiteral("mirror.patients")));
    auto number = [&](const char* key, int fallback) {
        bool ok = false;
        const int n = v.value(QString::fromLatin1(key)).toInt(&ok);
        return ok && n >= 0 ? n : fallback;
    };
    c.intervalSeconds = std::max(1, number("mirror.interval", c.intervalSeconds));
    c.heartbeatSeconds = std::max(1, number("mirror.heartbeat", c.heartbeatSeconds));
    c.purgeGraceHours = number("mirror.purge_grace_hours", c.purgeGraceHours);
    c.overlapSeconds = number("mirror.overlap", c.overlapSeconds);
    c.administrationHistoryDays = number("mirror.history_days", c.administrationHistoryDays);
    c.deletionSweepMinutes = number("mirror.deletion_sweep", c.deletionSweepMinutes);
    c.maxDropPercent = std::min(100, number("mirror.max_drop_percent", c.maxDropPercent));
    c.readTimeoutMs = number("mirror.timeout", c.readTimeoutMs / 1000) * 1000;
    c.metricsPort = number("service.metrics_port", c.metricsPort);
    if (c.metricsPort != 0 && (c.metricsPort < 1024 || c.metricsPort > 65535))
        c.metricsPort = MirrorConfig{}.metricsPort; // stored before validation existed: the default, not a stray port
    c.preferBulkExport = v.value(QStringLiteral("mirror.bulk")) != QLatin1String("off");
    if (!v.value(QStringLiteral("mirror.auth")).isEmpty())
        c.authMode = v.value(QStringLiteral("mirror.auth"));
    c.bearerToken = v.value(QStringLiteral("mirror.bearer_token"));
    c.smartClientId = v.value(QStringLiteral("mirror.smart_client_id"));
    c.smartKeyFile = v.value(QStringLiteral("mirror.smart_key_file"));
    c.caBundleFile = v.value(QStringLiteral("mirror.ca_bundle"));
    c.proxyUrl = v.value(QStringLiteral("mirror.proxy"));
    return c;
}

Status setMirrorConfigValue(vault::Vault& vault, const QString& key, const QString& rawValue)
{
    const QString value = rawValue.trimmed();
    if (!mirrorConfigKeys().contains(key))
        return Error(ErrorCode::InvalidInput, QStringLiteral("unknown setting \"%1\"; known: %2")
                                                  .arg(key, mirrorConfigKeys().join(QStringLiteral(", "))));
    auto invalid = [&](const QString& why) { return Error(ErrorCode::InvalidInput, key + QStringLiteral(": ") + why); };
    if (key == QLatin1String("mirror.base_url"))
        LANTERN_TRY(checkEhrBaseUrl(QUrl(value)));
    if (key == QLatin1String("mirror.wards") || key == QLatin1String("mirror.patients") || key == QLatin1String("mirror.group")) {
        const QStringList ids = idList(value);
        for (const QString& id : ids)
            if (!isValidResourceId(id))
                return invalid(QStringLiteral("\"%1\" is not a FHIR id").arg(id.left(64)));
        if (key == QLatin1String("mirror.group") && ids.size() > 1)
            return invalid(QStringLiteral("one Group id"));
    }
    if (kNumberKeys.contains(key) && !value.isEmpty()) {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 0)
            return invalid(QStringLiteral("a whole number of at least 0"));
        // The share of the scope one answer may remove before the purge guard waits for IT.
        if (key == QLatin1String("mirror.max_drop_percent") && n > 100)
            return invalid(QStringLiteral("a percentage from 0 to 100 (default 20)"));
    }
    // Prometheus metrics on 127.0.0.1: 0 turns them off; no privileged ports (the service is no root).
    if (key == QLatin1String("service.metrics_port") && !value.isEmpty()) {
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || (n != 0 && (n < 1024 || n > 65535)))
            return invalid(QStringLiteral("0 (off) or a port from 1024 to 65535 (default 9464)"));
    }
    if (key == QLatin1String("mirror.auth") && !value.isEmpty() &&
        !QStringList{QStringLiteral("none"), QStringLiteral("bearer"), QStringLiteral("smart")}.contains(value))
        return invalid(QStringLiteral("none, bearer or smart"));
    if (key == QLatin1String("mirror.bulk") && !value.isEmpty() && value != QLatin1String("on") && value != QLatin1String("off"))
        return invalid(QStringLiteral("on or off"));
    return vault.setMeta(key, value);
}

Result<QList<QPair<QString, QString>>> mirrorConfigForDisplay(vault::Vault& vault)
{
    QList<QPair<QString, QString>> out;
    for (const QString& key : mirrorConfigKeys()) {
        auto value = vault.meta(key);
        if (!value.ok())
            return value.error();
        out.append({key, redactedSettingValue(key, *value)});
    }
    return out;
}

} // namespace lantern::sync
