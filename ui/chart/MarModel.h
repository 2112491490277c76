#pragma once
// The medication administration record of the last 72 hours as a grid:
// one row per order, one column per nursing shift (06–14, 14–22, 22–06 local
// time). A cell lists each administration with the symbol and words of its
// status (model/AdministrationStatus.h): "✓ 08:05" given, "✗ 08:00 not given",
// "‖ 08:00 held, not given: <reason>", ... Only a completed administration has ✓.

#include "core/common/Clock.h"
#include "core/model/PatientChart.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace lantern::ui {

class MarModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kHours = 72;
    static constexpr int kShiftHours = 8;
    static constexpr int kColumns = kHours / kShiftHours;
    enum Role {
        GivenCountRole = Qt::UserRole + 1, // completed administrations in the cell
        NotGivenCountRole,                 // every other status shown (not done, held, in progress, stopped, unknown)
        OrderIdRole,
        LocalCountRole,
        StatusesRole                       // QVariantList of int(model::AdministrationStatus), in cell order
    };

    explicit MarModel(const Clock& clock, QObject* parent = nullptr);

    void setChart(const model::PatientChart& chart);
    QDateTime columnStart(int column) const; // UTC

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The end of the current shift (local 06:00, 14:00 or 22:00), in UTC.
    static QDateTime shiftEndAfter(const QDateTime& utc);

private:
    struct Row
    {
        QString label;
        QString detail;
        bool active = true;
        QString orderId;     // MedicationRequest id; empty for doses without an order
        QString annotations; // open annotations recorded in downtime (LocalMarks)
        QList<model::MedicationAdministration> doses;
    };
    const Clock& m_clock;
    QDateTime m_windowStart;
    QList<Row> m_rows;
};

} // namespace lantern::ui
