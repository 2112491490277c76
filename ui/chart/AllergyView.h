#pragma once
// The allergy tab. Recorded allergies (red, with reactions and criticality),
// a recorded "no known allergies" (green, says who stated it when) and "no
// information" (grey, dashed, asks to ask) never look alike.

#include "core/model/PatientChart.h"

#include <QScrollArea>

namespace lantern::ui {

class AllergyView : public QScrollArea
{
    Q_OBJECT

public:
    explicit AllergyView(const model::PatientChart& chart, QWidget* parent = nullptr);

    // Substances shown as recorded allergies, in order (for tests).
    QStringList shownSubstances() const { return m_substances; }

private:
    QStringList m_substances;
};

} // namespace lantern::ui
