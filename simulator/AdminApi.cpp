#include "AdminApi.h"

#include "FhirJson.h"
#include "Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

ApiResponse ok(const QJsonObject& body)
{
    return ApiResponse::json(200, body, QByteArrayLiteral("application/json"));
}

QString idOf(const QString& value, const QString& type)
{
    return value.startsWith(type + u'/') ? value.mid(type.size() + 1) : value;
}

} // namespace

AdminApi::AdminApi(Simulator& simulator, Hooks hooks) : m_sim(simulator), m_hooks(std::move(hooks)) {}

QJsonObject AdminApi::status() const
{
    QJsonObject resources;
    const auto counts = m_sim.store().counts();
    int total = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        resources.insert(it.key(), it.value());
        total += it.value();
    }
    const QList<Stay> stays = m_sim.census().stays();
    QJsonArray wards;
    for (const WardInfo& w : m_sim.census().wards()) {
        int occupied = 0;
        for (const Stay& s : stays)
            occupied += s.wardId == w.id ? 1 : 0;
        wards.append(QJsonObject{{u"id"_s, w.id}, {u"name"_s, w.name}, {u"group"_s, QString(u"Group/"_s + w.id)},
            {u"beds"_s, int(w.beds.size())}, {u"occupied"_s, occupied}});
    }
    QJsonObject fault = m_sim.faults().active().toJson();
    const qint64 expires = m_sim.faults().expiresAtMs();
    if (expires > 0)
        fault.insert(u"expiresAt"_s, fhir::instant(expires));
    QJsonObject out{{u"serverTime"_s, fhir::instant(m_sim.store().clock().nowMSecs())},
        {u"seed"_s, QString::number(m_sim.options().generator.seed)}, {u"fault"_s, fault},
        {u"resources"_s, resources}, {u"resourceTotal"_s, total},
        {u"versions"_s, double(m_sim.store().versionCount())}, {u"inpatients"_s, int(stays.size())},
        {u"wards"_s, wards}, {u"changesApplied"_s, double(m_sim.changes().applied())},
        {u"exportJobs"_s, m_sim.exports().jobCount()}};
    if (m_hooks.listenerInfo)
        out.insert(u"listener"_s, m_hooks.listenerInfo());
    return out;
}

ApiResponse AdminApi::handle(const ApiRequest& req)
{
    const QString action = req.path;
    if (action == u"status"_s)
        return req.method == "GET" ? ok(status()) : ApiResponse::outcome(405, u"not-supported"_s, u"Use GET."_s);
    if (action == u"fault"_s)
        return fault(req);
    if (action == u"stats"_s) {
        if (req.method == "DELETE")
            m_sim.wire().reset();
        else if (req.method != "GET")
            return ApiResponse::outcome(405, u"not-supported"_s, u"Use GET or DELETE on /$sim/stats."_s);
        return ok(m_sim.wire().snapshot().toJson());
    }
    if (req.method != "POST")
        return ApiResponse::outcome(405, u"not-supported"_s, u"Use POST for /$sim/"_s + action + u"."_s);
    QJsonObject body;
    if (!req.body.trimmed().isEmpty()) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(req.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return ApiResponse::outcome(400, u"invalid"_s, u"The body must be a JSON object."_s);
        body = doc.object();
    }
    if (action == u"tick"_s) {
        const int n = body.value(u"changes"_s).toInt(m_sim.changes().batchSize());
        if (n < 0 || n > 10000)
            return ApiResponse::outcome(400, u"invalid"_s, u"changes must be between 0 and 10000."_s);
        const QJsonArray applied = m_sim.changes().tick(n);
        return ok(QJsonObject{{u"applied"_s, applied}, {u"serverTime"_s, fhir::instant(m_sim.store().clock().nowMSecs())}});
    }
    return clinical(action, body);
}

ApiResponse AdminApi::fault(const ApiRequest& req)
{
    if (req.method == "GET")
        return ok(m_sim.faults().active().toJson());
    if (req.method == "DELETE") {
        m_sim.faults().clear();
        if (m_hooks.faultChanged)
            m_hooks.faultChanged();
        return ok(QJsonObject{{u"mode"_s, u"none"_s}});
    }
    if (req.method != "POST")
        return ApiResponse::outcome(405, u"not-supported"_s, u"Use GET, POST or DELETE on /$sim/fault."_s);
    const QJsonDocument doc = QJsonDocument::fromJson(req.body);
    auto spec = FaultSpec::fromJson(doc.object());
    if (!spec)
        return ApiResponse::fromError(spec.error());
    m_sim.faults().set(spec.value());
    if (m_hooks.faultChanged)
        m_hooks.faultChanged();
    return ok(spec->toJson());
}

ApiResponse AdminApi::clinical(const QString& action, const QJsonObject& body)
{
    ClinicalActions& actions = m_sim.actions();
    const QString order = idOf(body.value(u"medicationRequest"_s).toString(), u"MedicationRequest"_s);
    auto written = [](const Result<WriteOutcome>& r) {
        if (!r)
            return ApiResponse::fromError(r.error());
        return ApiResponse::json(200, QJsonDocument::fromJson(r->version.json).object());
    };
    if (action == u"discontinue"_s)
        return written(actions.discontinue(order, body.value(u"status"_s).toString(u"stopped"_s),
            body.value(u"reason"_s).toString()));
    if (action == u"change-dose"_s) {
        if (!body.value(u"value"_s).isDouble())
            return ApiResponse::outcome(400, u"invalid"_s, u"value must be a number."_s);
        return written(actions.changeDose(order, body.value(u"value"_s).toDouble(), body.value(u"unit"_s).toString()));
    }
    if (action == u"administer"_s) {
        AdministerOptions o;
        if (body.contains(u"effectiveDateTime"_s)) {
            o.effectiveMs = fhir::parseInstant(body.value(u"effectiveDateTime"_s).toString());
            if (!o.effectiveMs)
                return ApiResponse::outcome(400, u"invalid"_s, u"effectiveDateTime must be a FHIR dateTime."_s);
        }
        o.notDone = body.value(u"notDone"_s).toBool();
        o.reasonText = body.value(u"reason"_s).toString();
        o.performer = body.value(u"performer"_s).toString();
        const QJsonObject identifier = body.value(u"identifier"_s).toObject();
        o.identifierSystem = identifier.value(u"system"_s).toString();
        o.identifierValue = identifier.value(u"value"_s).toString();
        return written(actions.administer(order, o));
    }
    if (action == u"admit"_s) {
        auto admitted = actions.admit(body.value(u"ward"_s).toString());
        if (!admitted)
            return ApiResponse::fromError(admitted.error());
        return ok(QJsonObject{{u"patient"_s, QString(u"Patient/"_s + admitted->patientId)},
            {u"encounter"_s, QString(u"Encounter/"_s + admitted->encounterId)}, {u"ward"_s, admitted->wardId},
            {u"bed"_s, admitted->bedId}});
    }
    if (action == u"discharge"_s) {
        QString patient = body.value(u"patient"_s).toString();
        if (!patient.startsWith(u"Patient/"_s))
            patient = u"Patient/"_s + patient;
        return written(actions.discharge(patient));
    }
    return ApiResponse::outcome(404, u"not-found"_s, u"No admin action '"_s + action + u"'."_s);
}

} // namespace lantern::sim
