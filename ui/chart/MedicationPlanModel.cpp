#include "ui/chart/MedicationPlanModel.h"

#include "ui/chart/OrderText.h"
#include "ui/common/PlainText.h"
#include "ui/record/LocalMarks.h"

#include <QBrush>
#include <QFont>

namespace lantern::ui {

MedicationPlanModel::MedicationPlanModel(Which which, QObject* parent) : QAbstractTableModel(parent), m_which(which) {}

void MedicationPlanModel::setChart(const model::PatientChart& chart)
{
    beginResetModel();
    m_lines.clear();
    for (const model::MedicationOrder& o : chart.orders) {
        if (o.status == QLatin1String("entered-in-error"))
            continue;
        const bool statement = o.source == model::MedicationOrder::Source::Statement;
        if (statement != (m_which == Which::Home))
            continue;
        if (!statement && o.isActive() != (m_which == Which::Active))
            continue;
        m_lines.append({o, chart.lastGiven(o.meta.id), LocalMarks::annotations(chart.annotationsFor(o.meta.id))});
    }
    std::stable_sort(m_lines.begin(), m_lines.end(), [](const Line& a, const Line& b) {
        if (a.order.isActive() != b.order.isActive())
            return a.order.isActive(); // home medication: what is taken now first
        return OrderText::drug(a.order).compare(OrderText::drug(b.order), Qt::CaseInsensitive) < 0;
    });
    endResetModel();
}

const model::MedicationOrder* MedicationPlanModel::orderAt(int row) const
{
    return row >= 0 && row < m_lines.size() ? &m_lines.at(row).order : nullptr;
}

int MedicationPlanModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int MedicationPlanModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MedicationPlanModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line& l = m_lines.at(index.row());
    if (role == Qt::FontRole && index.column() == Drug) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole && index.column() == Drug && !l.order.notes.isEmpty())
        return PlainText::toolTip(l.order.notes.join(QLatin1Char('\n'))); // the EHR's text, shown literally
    const bool localDose = index.column() == LastGiven && l.lastGiven && l.lastGiven->local;
    const bool annotated = index.column() == Status && !l.annotations.isEmpty();
    if (role == Qt::BackgroundRole && (localDose || annotated))
        return QBrush(LocalMarks::localBackground());
    if (role == Qt::DisplayRole && localDose)
        return QString(OrderText::lastGiven(l.lastGiven) + QLatin1Char('\n') + LocalMarks::administration(*l.lastGiven));
    if (role == Qt::DisplayRole && annotated)
        return QString(OrderText::status(l.order) + QLatin1Char('\n') + l.annotations);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Drug:
        return OrderText::drug(l.order);
    case Dose:
        return OrderText::dose(l.order);
    case Route:
        return OrderText::route(l.order);
    case Schedule:
        return OrderText::schedule(l.order);
    case Prn:
        return OrderText::prn(l.order);
    case LastGiven:
        return OrderText::lastGiven(l.lastGiven);
    case Status:
        return OrderText::status(l.order);
    default:
        return {};
    }
}

QVariant MedicationPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Drug:
        return tr("Medication");
    case Dose:
        return tr("Dose");
    case Route:
        return tr("Route");
    case Schedule:
        return tr("Schedule");
    case Prn:
        return tr("As needed");
    case LastGiven:
        return tr("Last given");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace lantern::ui
