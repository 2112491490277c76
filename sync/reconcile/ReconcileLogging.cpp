#include "reconcile/ReconcileLogging.h"

Q_LOGGING_CATEGORY(lcReconcile, "lantern.sync.reconcile")
