#pragma once
// Logging category of the mirror engine. Messages carry counts, resource
// types, ward ids and resource ids, never patient data.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcMirror)
