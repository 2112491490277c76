#pragma once
// The simulator's control endpoints under /$sim (never faulted):
//   GET    /$sim/status                       counts, wards, active fault, listener
//   POST   /$sim/fault   {"mode","durationSeconds","percent","delayMs","retryAfterSeconds"}
//   DELETE /$sim/fault
//   GET    /$sim/stats                        what crossed the FHIR listener (WireStats); DELETE resets
//   POST   /$sim/tick    {"changes": n}       apply change-stream changes now
//   POST   /$sim/discontinue {"medicationRequest": id, "status": "stopped", "reason": text}
//   POST   /$sim/change-dose {"medicationRequest": id, "value": 2.5, "unit": "mg"}
//   POST   /$sim/administer  {"medicationRequest": id, "effectiveDateTime", "notDone", "reason",
//                              "identifier": {"system", "value"}}   (back-charting)
//   POST   /$sim/admit       {"ward": "ward-1"}
//   POST   /$sim/discharge   {"patient": "Patient/pat-1"}

#include "ApiTypes.h"

#include <QJsonObject>

#include <functional>

namespace lantern::sim {

class Simulator;

class AdminApi
{
public:
    struct Hooks
    {
        std::function<void()> faultChanged;        // e.g. close or reopen the listener
        std::function<QJsonObject()> listenerInfo; // port, listening, base URL
    };

    AdminApi(Simulator& simulator, Hooks hooks);

    // `req.path` is the part after "$sim/".
    ApiResponse handle(const ApiRequest& req);
    QJsonObject status() const;

private:
    ApiResponse fault(const ApiRequest& req);
    ApiResponse clinical(const QString& action, const QJsonObject& body);

    Simulator& m_sim;
    Hooks m_hooks;
};

} // namespace lantern::sim
