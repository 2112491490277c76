#include "ui/census/CensusModel.h"

#include "ui/chart/ChartNotices.h"
#include "ui/common/Format.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace lantern::ui {

CensusModel::CensusModel(const Clock& clock, QObject* parent) : QAbstractTableModel(parent), m_clock(clock) {}

void CensusModel::setRows(QList<records::CensusRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void CensusModel::clear()
{
    setRows({});
}

const records::CensusRow* CensusModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int CensusModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CensusModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CensusModel::display(const records::CensusRow& r, int column) const
{
    switch (column) {
    case Ward:
        return r.ward;
    case Bed:
        return r.bed.isEmpty() ? tr("—") : r.bed;
    case Name: { // marks: merged away / inactive (core decides), unreadable resources (the chart lists them)
        QString name = r.displayName();
        if (r.mark.isMarked())
            name += QStringLiteral("  ") + markText(r.mark);
        if (r.unreadableResources > 0)
            name += QStringLiteral("  ") + ChartNotices::unreadableMark(r.unreadableResources);
        return name;
    }
    case Mrn:
        return r.mrn;
    case AgeSex: {
        const QString age = Format::age(r.birthDate, m_clock.now().toLocalTime().date());
        return QString((age.isEmpty() ? tr("age ?") : age) + QStringLiteral(" · ") + Format::sexShort(r.sex));
    }
    case Allergies:
        if (r.allergyStatus == model::AllergyStatus::HasAllergies)
            return r.allergies.isEmpty() ? Format::allergyBadgeText(r.allergyStatus) : r.allergies.join(QStringLiteral(", "));
        return Format::allergyBadgeText(r.allergyStatus);
    case ActiveMeds:
        return r.activeMedications;
    case LastGiven:
        return r.lastAdministration.isValid() ? Format::dateTime(r.lastAdministration) : tr("none");
    case Pending:
        return r.pendingEntries;
    default:
        return {};
    }
}

QString CensusModel::markText(const records::PatientMark& mark)
{
    switch (mark.kind) {
    case records::PatientMark::Kind::MergedAway:
        return tr("MERGED into %1 - do not use").arg(mark.mergedInto);
    case records::PatientMark::Kind::Inactive:
        return tr("INACTIVE record");
    case records::PatientMark::Kind::None:
        break;
    }
    return {};
}

QVariant CensusModel::sortKey(const records::CensusRow& r, int column) const
{
    switch (column) {
    case Name:
        return r.displayName().toLower(); // the mark does not move the row away from the survivor
    case AgeSex:
        return r.birthDate.isValid() ? QVariant(r.birthDate.toJulianDay()) : QVariant(qint64(0));
    case Allergies:
        return static_cast<int>(r.allergyStatus);
    case ActiveMeds:
        return r.activeMedications;
    case LastGiven:
        return r.lastAdministration.isValid() ? r.lastAdministration.toMSecsSinceEpoch() : qint64(0);
    case Pending:
        return r.pendingEntries;
    default:
        return display(r, column).toString().toLower();
    }
}

QVariant CensusModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const records::CensusRow& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Allergies)
            return Format::allergyLongText(r.allergyStatus);
        if (index.column() == Name && r.mark.isMarked())
            return tr("The EHR no longer uses this record; nothing can be recorded against it.");
        if (index.column() == Name && r.unreadableResources > 0)
            return tr("%n record(s) of this patient could not be read: open the chart to see which, check the paper record",
                      nullptr, int(r.unreadableResources));
        if (index.column() == Pending && r.pendingEntries > 0)
            return QString(tr("%n entries recorded in downtime, not yet in the EHR (pending or in conflict)", nullptr,
                              int(r.pendingEntries))
                           + QLatin1Char('\n') + ChartNotices::thisPcOnly());
        if (index.column() == Pending || index.column() == LastGiven)
            return ChartNotices::thisPcOnly();
        return {};
    case Qt::BackgroundRole:
        if (index.column() == Allergies)
            return QBrush(Format::allergyBackground(r.allergyStatus));
        if (index.column() == Pending && r.pendingEntries > 0)
            return QBrush(QColor(0xFF, 0xE0, 0x82)); // badge: recorded here, not yet in the EHR
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Allergies)
            return QBrush(Format::allergyForeground(r.allergyStatus));
        if (index.column() == Name && r.mark.isMarked())
            return QBrush(QColor(0xB0, 0x00, 0x20)); // a record the EHR no longer uses
        return {};
    case Qt::FontRole:
        if (index.column() == Name || (index.column() == Pending && r.pendingEntries > 0)
            || (index.column() == Allergies && r.allergyStatus != model::AllergyStatus::NoInformation)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (index.column() == Allergies) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ActiveMeds || index.column() == Pending)
            return int(Qt::AlignCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case PatientIdRole:
        return r.patientId;
    case SortRole:
        return sortKey(r, index.column());
    case FilterRole:
        return QString(r.displayName() + QLatin1Char('\n') + r.given + QLatin1Char(' ') + r.family + QLatin1Char('\n')
                       + r.bed + QLatin1Char('\n') + r.mrn);
    case AllergyStatusRole:
        return static_cast<int>(r.allergyStatus);
    case UnreadableRole:
        return r.unreadableResources;
    default:
        return {};
    }
}

QVariant CensusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && (section == Pending || section == LastGiven))
        return ChartNotices::thisPcOnly(); // downtime entries of other PCs are not counted here
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Ward:
        return tr("Ward");
    case Bed:
        return tr("Bed");
    case Name:
        return tr("Patient");
    case Mrn:
        return tr("MRN");
    case AgeSex:
        return tr("Age · Sex");
    case Allergies:
        return tr("Allergies");
    case ActiveMeds:
        return tr("Active meds");
    case LastGiven:
        return tr("Last dose given");
    case Pending:
        return tr("Pending (this PC)");
    default:
        return {};
    }
}

} // namespace lantern::ui
