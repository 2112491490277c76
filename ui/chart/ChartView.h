#pragma once
// One patient's chart: the fixed identity header and the tabs (medication
// plan, MAR, allergies, emergency sheet, notes). Read-only for now.

#include "core/common/Clock.h"
#include "core/model/PatientChart.h"

#include <QWidget>

class QAbstractItemModel;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace lantern::ui {

class MarModel;
class MedicationPlanModel;
class PatientHeader;

class ChartView : public QWidget
{
    Q_OBJECT

public:
    enum Tab { PlanTab, MarTab, AllergyTab, EmergencyTab, NotesTab };

    ChartView(const model::PatientChart& chart, const QString& ward, const QString& bed, const Clock& clock,
              QWidget* parent = nullptr);

    QString patientId() const { return m_patientId; }
    QTabWidget* tabs() const { return m_tabs; }
    PatientHeader* header() const { return m_header; }
    MedicationPlanModel* activePlan() const { return m_active; }
    MedicationPlanModel* inactivePlan() const { return m_inactive; }
    MedicationPlanModel* homePlan() const { return m_home; }
    MarModel* mar() const { return m_mar; }

Q_SIGNALS:
    void backRequested();
    void printMarRequested(const QString& patientId);
    void printEmergencySheetRequested(const QString& patientId);

private:
    QWidget* buildPlanTab();
    QTableView* makeTable(QAbstractItemModel* model);

    QString m_patientId;
    PatientHeader* m_header;
    QTabWidget* m_tabs;
    MedicationPlanModel* m_active;
    MedicationPlanModel* m_inactive;
    MedicationPlanModel* m_home;
    MarModel* m_mar;
};

} // namespace lantern::ui
