#pragma once
// How the chart marks what this device recorded during a downtime and the
// EHR does not have yet: administrations ("recorded in downtime, not yet in
// EHR") and physicians' open annotations on orders, the same words on the
// plan, the MAR and the notes tab.

#include "core/model/PatientChart.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace lantern::ui {

class LocalMarks
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::LocalMarks)

public:
    // "recorded in downtime, not yet in EHR" (or "… in conflict, waits for review"); empty for EHR data.
    static QString administration(const model::MedicationAdministration& a);
    static QString state(const model::LocalEntryMark& mark);
    // "⚑ HOLD: text (Dr. X, 09:12)" one per line; empty when none. The author as the
    // chart has it: UserDirectory::withDisplayNames makes it the display name.
    static QString annotations(const QList<model::LocalAnnotation>& annotations);
    static QString annotationKind(const QString& kind);
    static QColor localBackground(); // amber: recorded here, not yet in the EHR
};

} // namespace lantern::ui
