#include "sync/reconcile/ReconcileLogging.h"

Q_LOGGING_CATEGORY(lcReconcile, "lantern.sync.reconcile")
