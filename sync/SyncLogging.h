#pragma once
// Logging categories of lantern_sync. Messages name hosts, paths and resource
// ids, never query strings (they can carry identifiers) or response bodies.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcFhirClient)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcHealth)
