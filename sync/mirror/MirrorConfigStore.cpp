#include "sync/mirror/MirrorConfigStore.h"

#include "core/snapshot/BackupSettings.h"
#include "core/snapshot/DeviceIdentity.h"

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

using Kind = MirrorSettingKind;

MirrorSettingSpec number(const char* key, int minimum, int maximum, const char* unit, int fallback)
{
    return {QString::fromLatin1(key), Kind::Number, minimum, maximum, {}, QString::fromLatin1(unit), QString::number(fallback)};
}

MirrorSettingSpec plain(const char* key, Kind kind, const QString& fallback = {})
{
    return {QString::fromLatin1(key), kind, 0, 0, {}, {}, fallback};
}

MirrorSettingSpec choice(const char* key, const QStringList& choices, const QString& fallback)
{
    return {QString::fromLatin1(key), Kind::Choice, 0, 0, choices, {}, fallback};
}

const MirrorSettingSpec* specOf(const QString& key)
{
    for (const MirrorSettingSpec& spec : mirrorSettingSpecs())
        if (spec.key == key)
            return &spec;
    return nullptr;
}

} // namespace

const QList<MirrorSettingSpec>& mirrorSettingSpecs()
{
    // Bounds: what still makes sense on a ward PC, and far enough from INT_MAX
    // that seconds to milliseconds (timers, socket timeouts) cannot overflow.
    // Defaults are MirrorConfig's own, so the two cannot disagree.
    static const MirrorConfig d;
    static const QList<MirrorSettingSpec> specs = {
        plain("mirror.base_url", Kind::Url),
        plain("mirror.wards", Kind::Ids),
        plain("mirror.group", Kind::OneId),
        plain("mirror.patients", Kind::Ids),
        number("mirror.interval", 1, 86400, "seconds between cycles", d.intervalSeconds),
        number("mirror.heartbeat", 1, 3600, "seconds", d.heartbeatSeconds),
        number("mirror.purge_grace_hours", 0, 8760, "hours", d.purgeGraceHours),
        number("mirror.overlap", 0, 3600, "seconds", d.overlapSeconds),
        number("mirror.history_days", 0, 3650, "days of administrations", d.administrationHistoryDays),
        choice("mirror.bulk", {QStringLiteral("on"), QStringLiteral("off")}, d.preferBulkExport ? QStringLiteral("on") : QStringLiteral("off")),
        number("mirror.timeout", 1, 600, "seconds", d.readTimeoutMs / 1000),
        choice("mirror.auth", {QStringLiteral("none"), QStringLiteral("bearer"), QStringLiteral("smart")}, d.authMode),
        plain("mirror.bearer_token", Kind::Secret),
        plain("mirror.smart_client_id", Kind::Text),
        plain("mirror.smart_key_file", Kind::Text),
        plain("mirror.ca_bundle", Kind::Text),
        plain("mirror.proxy", Kind::Text),
        number("mirror.deletion_sweep", 0, 1440, "minutes, 0: every cycle", d.deletionSweepMinutes),
        number("mirror.max_drop_percent", 0, 100, "percent of the scope", d.maxDropPercent),
        number("mirror.min_free_mb", 8, 1048576, "MB free on the vault's disk", d.minFreeMb),
        number("service.metrics_port", 0, 65535, "0: off, else a port from 1024 on 127.0.0.1", d.metricsPort),
        // Backups (core/snapshot/BackupSettings holds the defaults; docs/it/backups.md).
        plain("backup.dir", Kind::Text),
        plain("backup.recovery_key", Kind::Text),
        number("backup.interval_hours", 0, 720, "hours between backups the service makes, 0: none",
               snapshot::BackupSettings::kDefaultIntervalHours),
        number("backup.keep_daily", 0, 366, "days", snapshot::BackupSettings::kDefaultKeepDaily),
        number("backup.keep_weekly", 0, 520, "weeks", snapshot::BackupSettings::kDefaultKeepWeekly),
    };
    return specs;
}

const QStringList& mirrorConfigKeys()
{
    static const QStringList keys = [] {
        QStringList out;
        for (const MirrorSettingSpec& spec : mirrorSettingSpecs())
            out << spec.key;
        return out;
    }();
    return keys;
}

QString allowedValuesText(const MirrorSettingSpec& spec)
{
    switch (spec.kind) {
    case Kind::Number:
        return QStringLiteral("a whole number from %1 to %2 (%3)").arg(spec.minimum).arg(spec.maximum).arg(spec.unit);
    case Kind::Choice: {
        QStringList words = spec.choices;
        const QString last = words.takeLast();
        return words.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
    }
    case Kind::Url:
        return QStringLiteral("an https:// URL (http:// only to this machine)");
    case Kind::Ids:
        return QStringLiteral("FHIR ids, separated by commas");
    case Kind::OneId:
        return QStringLiteral("one FHIR id");
    case Kind::Secret:
        return QStringLiteral("a secret, from standard input only");
    case Kind::Text:
        break;
    }
    return QStringLiteral("text");
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
    // A value outside the bounds (stored before they existed) counts as not set.
    auto number = [&](const char* key, int fallback) {
        const MirrorSettingSpec* spec = specOf(QString::fromLatin1(key));
        bool ok = false;
        const int n = v.value(QString::fromLatin1(key)).toInt(&ok);
        return ok && spec && n >= spec->minimum && n <= spec->maximum ? n : fallback;
    };
    c.intervalSeconds = number("mirror.interval", c.intervalSeconds);
    c.heartbeatSeconds = number("mirror.heartbeat", c.heartbeatSeconds);
    c.purgeGraceHours = number("mirror.purge_grace_hours", c.purgeGraceHours);
    c.overlapSeconds = number("mirror.overlap", c.overlapSeconds);
    c.administrationHistoryDays = number("mirror.history_days", c.administrationHistoryDays);
    c.deletionSweepMinutes = number("mirror.deletion_sweep", c.deletionSweepMinutes);
    c.maxDropPercent = number("mirror.max_drop_percent", c.maxDropPercent);
    c.minFreeMb = number("mirror.min_free_mb", c.minFreeMb);
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
    const MirrorSettingSpec* spec = specOf(key);
    if (!spec)
        return Error(ErrorCode::InvalidInput, QStringLiteral("unknown setting \"%1\"; known: %2")
                                                  .arg(key, mirrorConfigKeys().join(QStringLiteral(", "))));
    // Every refusal names the rule, so the next try can be right.
    auto invalid = [&](const QString& why) {
        return Error(ErrorCode::InvalidInput, key + QStringLiteral(": ") + why + QStringLiteral("; allowed: ") + allowedValuesText(*spec));
    };
    if (value.isEmpty()) // empty: back to the default
        return vault.setMeta(key, value);
    switch (spec->kind) {
    case Kind::Url:
        LANTERN_TRY(checkEhrBaseUrl(QUrl(value)));
        break;
    case Kind::Ids:
    case Kind::OneId: {
        const QStringList ids = idList(value);
        for (const QString& id : ids)
            if (!isValidResourceId(id))
                return invalid(QStringLiteral("\"%1\" is not a FHIR id").arg(id.left(64)));
        if (spec->kind == Kind::OneId && ids.size() > 1)
            return invalid(QStringLiteral("more than one id"));
        break;
    }
    case Kind::Number: {
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        if (!ok)
            return invalid(QStringLiteral("\"%1\" is not a whole number").arg(value.left(32)));
        if (n < spec->minimum || n > spec->maximum)
            return invalid(QStringLiteral("%1 is out of range").arg(n));
        break;
    }
    case Kind::Choice:
        if (!spec->choices.contains(value))
            return invalid(QStringLiteral("\"%1\" is not one of the values").arg(value.left(32)));
        break;
    case Kind::Text:
    case Kind::Secret:
        break;
    }
    if (key == QLatin1String("backup.recovery_key")) {
        auto parsed = snapshot::parsePublicKey(value);
        if (!parsed.ok())
            return invalid(parsed.error().message);
    }
    // Prometheus metrics on 127.0.0.1: 0 turns them off; no privileged ports (the service is no root).
    if (key == QLatin1String("service.metrics_port") && !value.isEmpty() && value.toInt() != 0 && value.toInt() < 1024)
        return invalid(QStringLiteral("0 (off) or a port from 1024 to 65535 (default 9464)"));
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


Result<QList<MirrorSettingView>> mirrorSettingsForDisplay(vault::Vault& vault)
{
    QList<MirrorSettingView> out;
    for (const MirrorSettingSpec& spec : mirrorSettingSpecs()) {
        auto stored = vault.meta(spec.key);
        if (!stored.ok())
            return stored.error();
        const bool set = !stored->trimmed().isEmpty();
        out.append({spec.key, set ? redactedSettingValue(spec.key, *stored) : spec.defaultValue, spec.defaultValue, set,
                    allowedValuesText(spec)});
    }
    return out;
}

} // namespace lantern::sync
