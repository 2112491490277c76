#pragma once
// The simulator's logging category. Like everywhere in Lantern, messages carry
// resource ids, counts and fault modes, never names, birth dates or free text.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSim)
