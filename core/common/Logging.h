#pragma once
// One logging category per area. Log messages never contain patient data:
// identifiers of resources are fine, names, birth dates and free text are not.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcVault)
Q_DECLARE_LOGGING_CATEGORY(lcKeys)
Q_DECLARE_LOGGING_CATEGORY(lcAccess)
Q_DECLARE_LOGGING_CATEGORY(lcFhir)
Q_DECLARE_LOGGING_CATEGORY(lcAudit)
Q_DECLARE_LOGGING_CATEGORY(lcImport)
