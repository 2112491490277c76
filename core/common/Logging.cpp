#include "core/common/Logging.h"

Q_LOGGING_CATEGORY(lcVault, "lantern.core.vault")
Q_LOGGING_CATEGORY(lcKeys, "lantern.core.keys")
Q_LOGGING_CATEGORY(lcAccess, "lantern.core.access")
Q_LOGGING_CATEGORY(lcFhir, "lantern.core.fhir")
Q_LOGGING_CATEGORY(lcAudit, "lantern.core.audit")
Q_LOGGING_CATEGORY(lcImport, "lantern.core.import")
