#pragma once
// Recording from an open chart: a row of actions above the tabs (record a
// dose for the selected order, annotate the order, add a note, report an
// allergy), the same on double-click in the plan or the MAR and on keyboard
// shortcuts. Each opens its dialog; what the Recorder stored is announced
// through recorded(), and the desktop re-reads census and chart.
// Only offered to users with the Record permission; annotations only to physicians.
// It also puts the notes tab in place and has the plan, MAR and notes name who
// recorded an entry by display name (UserDirectory), for every user.

#include "core/model/PatientChart.h"
#include "ui/record/RecordEnv.h"

#include <QObject>
#include <QPointer>

class QPushButton;
class QTableView;

namespace lantern::ui {

class ChartView;

class ChartRecorder : public QObject
{
    Q_OBJECT

public:
    ChartRecorder(const RecordEnv& env, const model::PatientChart& chart, ChartView* view);

    // The order selected on the plan (active orders) or MAR tab; empty when none.
    QString selectedOrderId() const;
    const model::MedicationOrder* order(const QString& orderId) const;

    QPushButton* administerButton() const { return m_administer; }
    QPushButton* annotateButton() const { return m_annotate; }
    QPushButton* noteButton() const { return m_note; }
    QPushButton* allergyButton() const { return m_allergy; }

public Q_SLOTS:
    // Denied/NotFound are shown in the chart's status line through failed().
    Status administer(const QString& orderId = {});
    Status annotate(const QString& orderId = {});
    Status addNote();
    Status reportAllergy();

Q_SIGNALS:
    // An entry was stored: what to tell the person (no patient data in logs: this goes to the screen only).
    void recorded(const QString& message);
    void failed(const QString& message);
    // Tests and screenshots: a dialog is about to run (exec()).
    void dialogOpened(QWidget* dialog);

private:
    int run(QWidget* dialog);
    void install();
    QTableView* table(const char* name) const;

    RecordEnv m_env;
    model::PatientChart m_chart;
    QPointer<ChartView> m_view;
    QPushButton* m_administer = nullptr;
    QPushButton* m_annotate = nullptr;
    QPushButton* m_note = nullptr;
    QPushButton* m_allergy = nullptr;
};

} // namespace lantern::ui
