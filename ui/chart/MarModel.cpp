#include "ui/chart/MarModel.h"

#include "ui/chart/OrderText.h"
#include "ui/common/PlainText.h"
#include "ui/common/Format.h"
#include "ui/record/LocalMarks.h"

#include <QBrush>
#include <QColor>
#include <QHash>

namespace lantern::ui {
namespace {

QString orderKeyOf(const QString& reference)
{
    if (reference.startsWith(QLatin1String("urn:uuid:")))
        return reference.mid(9);
    return reference.section(QLatin1Char('/'), -1);
}

} // namespace

MarModel::MarModel(const Clock& clock, QObject* parent) : QAbstractTableModel(parent), m_clock(clock) {}

QDateTime MarModel::shiftEndAfter(const QDateTime& utc)
{
    const QDateTime local = utc.toLocalTime();
    const int boundaries[] = {6, 14, 22};
    for (int h : boundaries) {
        const QDateTime b(local.date(), QTime(h, 0), Qt::LocalTime);
        if (b > local)
            return b.toUTC();
    }
    return QDateTime(local.date().addDays(1), QTime(6, 0), Qt::LocalTime).toUTC();
}

void MarModel::setChart(const model::PatientChart& chart)
{
    beginResetModel();
    m_rows.clear();
    const QDateTime end = shiftEndAfter(m_clock.now());
    m_windowStart = end.addSecs(-qint64(kHours) * 3600);

    QHash<QString, int> rowOfOrder;
    for (const model::MedicationOrder& o : chart.orders) {
        if (o.source != model::MedicationOrder::Source::Request || o.status == QLatin1String("entered-in-error"))
            continue;
        rowOfOrder.insert(o.meta.id, static_cast<int>(m_rows.size()));
        QString detail = OrderText::dose(o) + QStringLiteral(" · ") + OrderText::route(o);
        if (o.isPrn())
            detail += QStringLiteral(" · ") + OrderText::prn(o);
        if (!o.isActive())
            detail += QStringLiteral(" · ") + tr("stopped (%1)").arg(o.status);
        m_rows.append({OrderText::drug(o), detail, o.isActive(), o.meta.id, LocalMarks::annotations(chart.annotationsFor(o.meta.id)), {}});
    }
    for (const model::MedicationAdministration& a : chart.administrations) {
        const QDateTime at = a.givenAt().sortKey();
        if (a.isEnteredInError() || !at.isValid() || at < m_windowStart || at >= end)
            continue;
        const QString key = orderKeyOf(a.request.reference);
        auto it = rowOfOrder.constFind(key);
        if (it == rowOfOrder.constEnd()) {
            const QString label = a.medication.text.isEmpty() ? tr("(no order)") : a.medication.text;
            it = rowOfOrder.insert(QStringLiteral("text:") + label, static_cast<int>(m_rows.size()));
            m_rows.append({label, tr("no matching order"), true, {}, {}, {}});
        }
        m_rows[*it].doses.append(a);
    }
    // Rows of stopped orders without a dose in the window are noise on the MAR.
    QList<Row> kept;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).active || !m_rows.at(i).doses.isEmpty())
            kept.append(m_rows.at(i));
    }
    m_rows = kept;
    endResetModel();
}

QDateTime MarModel::columnStart(int column) const
{
    return m_windowStart.addSecs(qint64(column) * kShiftHours * 3600);
}

int MarModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MarModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : kColumns + 1;
}

QVariant MarModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    if (index.column() == 0) {
        if (role == Qt::DisplayRole)
            return QString(r.label + QLatin1Char('\n') + r.detail
                           + (r.annotations.isEmpty() ? QString() : QLatin1Char('\n') + r.annotations));
        if (role == OrderIdRole)
            return r.orderId;
        if (role == Qt::BackgroundRole && !r.annotations.isEmpty())
            return QBrush(LocalMarks::localBackground());
        return {};
    }
    const QDateTime from = columnStart(index.column() - 1);
    const QDateTime to = from.addSecs(qint64(kShiftHours) * 3600);
    QStringList lines;
    int given = 0;
    int notDone = 0;
    int otherwise = 0; // held, in progress, stopped, unknown: not given, and not a plain "not given" either
    int local = 0;
    QVariantList statuses;
    QStringList localNotes;
    for (const model::MedicationAdministration& a : r.doses) {
        const QDateTime at = a.givenAt().sortKey();
        if (at < from || at >= to)
            continue;
        const QString mark = a.local ? QStringLiteral(" ◆") : QString(); // recorded here in downtime (tooltip says more)
        if (a.local) {
            ++local;
            localNotes << (Format::time(at) + QStringLiteral(": ") + LocalMarks::administration(a));
        }
        const model::AdministrationStatus status = a.statusKind();
        statuses << static_cast<int>(status);
        if (a.isGiven()) {
            ++given;
            lines << (a.statusSymbol() + QLatin1Char(' ') + Format::time(at) + QLatin1Char(' ') + OrderText::performer(a) + mark);
            continue;
        }
        ++(status == model::AdministrationStatus::NotGiven ? notDone : otherwise);
        lines << (a.statusSymbol() + QLatin1Char(' ') + Format::time(at) + QLatin1Char(' ') + a.statusWords() + mark);
    }
    switch (role) {
    case Qt::DisplayRole:
        return lines.join(QLatin1Char('\n'));
    case Qt::ToolTipRole:
        return localNotes.isEmpty() ? QVariant() : QVariant(PlainText::toolTip(localNotes.join(QLatin1Char('\n'))));
    case LocalCountRole:
        return local;
    case Qt::BackgroundRole:
        if (local > 0)
            return QBrush(LocalMarks::localBackground());
        if (notDone > 0)
            return QBrush(QColor(0xFF, 0xEB, 0xEE));
        if (otherwise > 0)
            return QBrush(QColor(0xEC, 0xEF, 0xF1)); // grey: neither given nor a plain "not given"
        if (given > 0)
            return QBrush(QColor(0xE8, 0xF5, 0xE9));
        return {};
    case GivenCountRole:
        return given;
    case NotGivenCountRole:
        return notDone + otherwise;
    case StatusesRole:
        return statuses;
    default:
        return {};
    }
}

QVariant MarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0)
        return tr("Order");
    const QDateTime from = columnStart(section - 1);
    const QDateTime to = from.addSecs(qint64(kShiftHours) * 3600);
    return QString(Format::weekdayDate(from) + QLatin1Char('\n') + Format::time(from) + QStringLiteral("–") + Format::time(to));
}

} // namespace lantern::ui
