#pragma once
// The emergency sheet (IPS / Notfalldatensatz shape) as HTML, for the chart
// tab and for paper alike. Every section states its content or says
// explicitly "none known" (a recorded statement) or "no information".

#include "core/model/PatientChart.h"

#include <QCoreApplication>
#include <QString>

namespace lantern::ui {

class EmergencySheetHtml
{
    Q_DECLARE_TR_FUNCTIONS(lantern::ui::EmergencySheetHtml)

public:
    static QString build(const model::PatientChart& chart);

    static QString allergies(const model::PatientChart& chart);
    static QString medications(const model::PatientChart& chart);
    static QString diagnoses(const model::PatientChart& chart);
    static QString devices(const model::PatientChart& chart);
    static QString codeStatus(const model::PatientChart& chart);
    static QString contacts(const model::PatientChart& chart);
    static QString pregnancy(const model::PatientChart& chart);
    static QString alerts(const model::PatientChart& chart);

private:
    static QString section(const QString& title, const QString& body);
    static QString noInformation();
    static QString noneKnown();
    static bool sectionSaysNoneKnown(const model::PatientChart& chart, const QString& loinc);
};

} // namespace lantern::ui
