#pragma once
// Logging category of reconciliation. Messages carry entry uuids, kinds,
// states, counts and HTTP statuses, never patient data.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcReconcile)
