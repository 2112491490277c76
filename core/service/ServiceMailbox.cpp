#include "core/service/ServiceMailbox.h"

#include "core/vault/MirrorRepository.h"
#include "core/vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace lantern::service {
namespace {

const QString kStarted = QStringLiteral("service/started_at");
const QString kBeat = QStringLiteral("service/heartbeat");
const QString kStopped = QStringLiteral("service/stopped_at");
const QString kRequest = QStringLiteral("reconcile/request");
const QString kProgress = QStringLiteral("reconcile/progress");
const QString kCancel = QStringLiteral("reconcile/cancel");
const QString kDowntime = QStringLiteral("downtime/declared");

QString instant(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseInstant(const QString& text)
{
    return text.isEmpty() ? QDateTime() : QDateTime::fromString(text, Qt::ISODateWithMs);
}

QString toJson(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

ServiceMailbox::ServiceMailbox(vault::Vault& vault, const Clock& clock) : m_vault(vault), m_clock(clock) {}

Status ServiceMailbox::markStarted()
{
    vault::MirrorRepository rows(m_vault.db());
    const QString now = instant(m_clock.now());
    LANTERN_TRY(rows.setState(kStarted, now));
    LANTERN_TRY(rows.setState(kBeat, now));
    return rows.removeState(kStopped);
}

Status ServiceMailbox::beat()
{
    return vault::MirrorRepository(m_vault.db()).setState(kBeat, instant(m_clock.now()));
}

Status ServiceMailbox::markStopped()
{
    vault::MirrorRepository rows(m_vault.db());
    const QString now = instant(m_clock.now());
    LANTERN_TRY(rows.setState(kBeat, now));
    return rows.setState(kStopped, now);
}

Result<Heartbeat> ServiceMailbox::heartbeat()
{
    vault::MirrorRepository rows(m_vault.db());
    Heartbeat h;
    for (auto [key, field] : {std::pair{kStarted, &Heartbeat::startedAt}, std::pair{kBeat, &Heartbeat::lastBeat},
                              std::pair{kStopped, &Heartbeat::stoppedAt}}) {
        auto value = rows.state(key);
        if (!value.ok())
            return value.error();
        h.*field = parseInstant(*value);
    }
    return h;
}

Liveness ServiceMailbox::liveness(const Heartbeat& beat, const QDateTime& now, int staleSeconds)
{
    Liveness l;
    l.everRan = beat.lastBeat.isValid();
    if (!l.everRan)
        return l;
    if (beat.stoppedAt.isValid()) {
        l.downSince = beat.stoppedAt;
        return l;
    }
    // A beat from the future (clock set back) counts as fresh rather than as a false alarm.
    l.running = beat.lastBeat.secsTo(now) <= staleSeconds;
    if (!l.running)
        l.downSince = beat.lastBeat;
    return l;
}

Result<Liveness> ServiceMailbox::liveness(int staleSeconds)
{
    auto h = heartbeat();
    if (!h.ok())
        return h.error();
    return liveness(*h, m_clock.now(), staleSeconds);
}

Result<ReconcileRequest> ServiceMailbox::postReconcileRequest(const QString& by)
{
    auto open = reconcileRequest();
    if (!open.ok())
        return open.error();
    if (*open)
        return **open;
    ReconcileRequest r{QUuid::createUuid().toString(QUuid::WithoutBraces), by, m_clock.now()};
    vault::MirrorRepository rows(m_vault.db());
    LANTERN_TRY(rows.removeState(kCancel));
    LANTERN_TRY(rows.setState(kRequest, toJson({{QStringLiteral("id"), r.id},
                                                {QStringLiteral("by"), r.by},
                                                {QStringLiteral("at"), instant(r.at)}})));
    return r;
}

Result<std::optional<ReconcileRequest>> ServiceMailbox::reconcileRequest()
{
    auto value = vault::MirrorRepository(m_vault.db()).state(kRequest);
    if (!value.ok())
        return value.error();
    if (value->isEmpty())
        return std::optional<ReconcileRequest>();
    const QJsonObject o = fromJson(*value);
    return std::optional<ReconcileRequest>(ReconcileRequest{o.value(QLatin1String("id")).toString(),
                                                            o.value(QLatin1String("by")).toString(),
                                                            parseInstant(o.value(QLatin1String("at")).toString())});
}

Status ServiceMailbox::takeReconcileRequest(const ReconcileRequest& request)
{
    ReconcileProgress started;
    started.requestId = request.id;
    started.by = request.by;
    LANTERN_TRY(saveReconcileProgress(started));
    return vault::MirrorRepository(m_vault.db()).removeState(kRequest);
}

Status ServiceMailbox::saveReconcileProgress(const ReconcileProgress& p)
{
    const QJsonObject o{{QStringLiteral("request"), p.requestId},   {QStringLiteral("by"), p.by},
                        {QStringLiteral("finished"), p.finished},   {QStringLiteral("end"), p.end},
                        {QStringLiteral("done"), p.done},           {QStringLiteral("total"), p.total},
                        {QStringLiteral("uploaded"), p.uploaded},   {QStringLiteral("conflicts"), p.conflicts},
                        {QStringLiteral("pending"), p.pendingLeft}, {QStringLiteral("open"), p.conflictsOpen},
                        {QStringLiteral("message"), p.message},     {QStringLiteral("at"), instant(m_clock.now())}};
    return vault::MirrorRepository(m_vault.db()).setState(kProgress, toJson(o));
}

Result<std::optional<ReconcileProgress>> ServiceMailbox::reconcileProgress()
{
    auto value = vault::MirrorRepository(m_vault.db()).state(kProgress);
    if (!value.ok())
        return value.error();
    if (value->isEmpty())
        return std::optional<ReconcileProgress>();
    const QJsonObject o = fromJson(*value);
    ReconcileProgress p;
    p.requestId = o.value(QLatin1String("request")).toString();
    p.by = o.value(QLatin1String("by")).toString();
    p.finished = o.value(QLatin1String("finished")).toBool();
    p.end = o.value(QLatin1String("end")).toString();
    p.done = o.value(QLatin1String("done")).toInt();
    p.total = o.value(QLatin1String("total")).toInt();
    p.uploaded = o.value(QLatin1String("uploaded")).toInt();
    p.conflicts = o.value(QLatin1String("conflicts")).toInt();
    p.pendingLeft = o.value(QLatin1String("pending")).toInt();
    p.conflictsOpen = o.value(QLatin1String("open")).toInt();
    p.message = o.value(QLatin1String("message")).toString();
    p.at = parseInstant(o.value(QLatin1String("at")).toString());
    return std::optional<ReconcileProgress>(p);
}

Status ServiceMailbox::requestReconcileCancel(const QString& by)
{
    vault::MirrorRepository rows(m_vault.db());
    // A request not yet taken is simply withdrawn.
    LANTERN_TRY(rows.removeState(kRequest));
    return rows.setState(kCancel, toJson({{QStringLiteral("by"), by}, {QStringLiteral("at"), instant(m_clock.now())}}));
}

Result<bool> ServiceMailbox::reconcileCancelRequested()
{
    auto value = vault::MirrorRepository(m_vault.db()).state(kCancel);
    if (!value.ok())
        return value.error();
    return !value->isEmpty();
}

Status ServiceMailbox::clearReconcileCancel()
{
    return vault::MirrorRepository(m_vault.db()).removeState(kCancel);
}

Status ServiceMailbox::declareDowntime(const QString& by)
{
    vault::MirrorRepository rows(m_vault.db());
    auto open = declaredDowntime();
    if (!open.ok())
        return open.error();
    if (*open)
        return Error(ErrorCode::Conflict, QStringLiteral("a downtime is already declared (by %1 since %2); end it first")
                                              .arg((*open)->by, instant((*open)->since)));
    return rows.setState(kDowntime, toJson({{QStringLiteral("by"), by}, {QStringLiteral("since"), instant(m_clock.now())}}));
}

Status ServiceMailbox::endDowntime()
{
    auto open = declaredDowntime();
    if (!open.ok())
        return open.error();
    if (!*open)
        return Error(ErrorCode::NotFound, QStringLiteral("no downtime is declared on this device"));
    return vault::MirrorRepository(m_vault.db()).removeState(kDowntime);
}

Result<std::optional<DeclaredDowntime>> ServiceMailbox::declaredDowntime()
{
    auto value = vault::MirrorRepository(m_vault.db()).state(kDowntime);
    if (!value.ok())
        return value.error();
    if (value->isEmpty())
        return std::optional<DeclaredDowntime>();
    const QJsonObject o = fromJson(*value);
    return std::optional<DeclaredDowntime>(
        DeclaredDowntime{o.value(QLatin1String("by")).toString(), parseInstant(o.value(QLatin1String("since")).toString())});
}

} // namespace lantern::service
