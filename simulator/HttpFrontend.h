#pragma once
// Poco glue: turns HTTP requests into ApiRequests for the FHIR or admin API,
// and applies faults on the wire (status codes, delays, hung or truncated
// responses, broken JSON). Internal to the simulator library.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace lantern::sim {

class Simulator;

// FHIR base is /fhir; the admin API is /$sim (also /fhir/$sim). With adminOnly,
// only /$sim is served (the separate admin listener).
Poco::Net::HTTPRequestHandlerFactory::Ptr makeHandlerFactory(Simulator& simulator, bool adminOnly);

} // namespace lantern::sim
