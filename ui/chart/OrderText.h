#pragma once
// Medication orders as a nurse reads them: "500 mg", "oral", "3× daily at
// 08:00, 14:00, 20:00", "as needed: pain". Shared by the plan, the MAR and paper.

#include "core/model/Administration.h"
#include "core/model/Medication.h"

#include <QCoreApplication>
#include <QString>

namespace lantern::ui {

class OrderText
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::OrderText)

public:
    static QString drug(const model::MedicationOrder& order);
    static QString dose(const model::MedicationOrder& order);
    static QString route(const model::MedicationOrder& order);
    // The timing; empty for a dose given only as needed (prn() says so).
    static QString schedule(const model::MedicationOrder& order);
    // "as needed: pain" or "as needed"; empty unless the order is PRN.
    static QString prn(const model::MedicationOrder& order);
    // One line: "500 mg · oral · 1× every 6 h · as needed: pain", each part once.
    static QString instructions(const model::MedicationOrder& order);
    static QString quantity(const model::Quantity& q);
    static QString status(const model::MedicationOrder& order);
    // "14.03.2026 08:05 by N. Nurse", or "not given since import"
    static QString lastGiven(const std::optional<model::MedicationAdministration>& given);
    static QString performer(const model::MedicationAdministration& a);
};

} // namespace lantern::ui
