#pragma once
// The chart's notes tab: notes and order annotations recorded on this
// device during the downtime, newest first, each marked with where it stands
// (not yet in the EHR, in conflict). The EHR's own notes are not mirrored.

#include "core/model/PatientChart.h"

#include <QTextBrowser>

namespace lantern::ui {

class LocalNotesView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LocalNotesView(const model::PatientChart& chart, QWidget* parent = nullptr);
    static QString html(const model::PatientChart& chart);
};

} // namespace lantern::ui
