#pragma once
// A drop of the mirror scope that the purge guard refused (see PurgeGuard.h):
// the EHR's answer for a ward would have removed too many of its patients, so
// the vault keeps them and waits for IT (`lanternctl mirror confirm-drop`).
// Counts and the ward id only, never patient data.

#include <QDateTime>
#include <QList>
#include <QString>

namespace lantern::sync {

struct ScopeDropAlarm
{
    QString ward;       // ward Location id, or the scope key ("group:<id>")
    qint64 before = 0;  // the ward's patients in scope before the answer
    qint64 after = 0;   // patients the answer still names for the ward
    qint64 removed = 0; // of `before`, how many the answer would take out of the scope
    QDateTime since;    // device time of the first cycle that held this drop

    bool operator==(const ScopeDropAlarm&) const = default;
};

using ScopeDropAlarms = QList<ScopeDropAlarm>;

} // namespace lantern::sync
