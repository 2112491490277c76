#pragma once
// One patient's medication orders as a table: drug, dose, route, schedule,
// PRN and the last dose given (time and by whom). Either the active orders,
// the discontinued ones, or the home medication (MedicationStatement: what the
// patient takes, not an order of this stay), so they never mix on screen.

#include "core/model/PatientChart.h"

#include <QAbstractTableModel>

namespace lantern::ui {

class MedicationPlanModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Active and Inactive: orders (MedicationRequest); Home: statements, active first.
    enum class Which { Active, Inactive, Home };
    enum Column { Drug, Dose, Route, Schedule, Prn, LastGiven, Status, ColumnCount };

    explicit MedicationPlanModel(Which which, QObject* parent = nullptr);

    void setChart(const model::PatientChart& chart);
    const model::MedicationOrder* orderAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Line
    {
        model::MedicationOrder order;
        std::optional<model::MedicationAdministration> lastGiven;
        QString annotations; // open annotations recorded in downtime (LocalMarks)
    };
    Which m_which;
    QList<Line> m_lines;
};

} // namespace lantern::ui
