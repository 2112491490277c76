#include "SimLogging.h"

Q_LOGGING_CATEGORY(lcSim, "lantern.sim", QtInfoMsg)
