#pragma once
// Safety warnings in the reader's language: core reports what it found as
// data (record::SafetyFinding), this words it. A warning read back from the
// outbox has no finding; its stored English sentence is shown as it is.

#include "core/record/RecordEntry.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace lantern::ui {

class SafetyWarningText
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::SafetyWarningText)

public:
    // The sentence under the warning's title.
    static QString text(const record::SafetyWarning& warning);
    static QString text(const record::SafetyFinding& finding);
    // "penicillins" / "Penicilline" for a class key of record/DrugClasses.
    static QString drugClass(const QString& classKey);
    // "stopped" / "abgesetzt" for a MedicationRequest status.
    static QString orderStatus(const QString& status);
    // "45 min", "6 h", "2 h 30 min"
    static QString duration(qint64 minutes);
};

} // namespace lantern::ui
