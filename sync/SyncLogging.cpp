#include "sync/SyncLogging.h"

Q_LOGGING_CATEGORY(lcHttp, "lantern.sync.http")
Q_LOGGING_CATEGORY(lcFhirClient, "lantern.sync.fhir")
Q_LOGGING_CATEGORY(lcAuth, "lantern.sync.auth")
Q_LOGGING_CATEGORY(lcHealth, "lantern.sync.health")
