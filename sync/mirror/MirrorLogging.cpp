#include "sync/mirror/MirrorLogging.h"

Q_LOGGING_CATEGORY(lcMirror, "lantern.sync.mirror")
