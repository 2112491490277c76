#pragma once
// The ward census as a table: one row per patient, read from CensusQuery.
// A thin model: it formats CensusRows, nothing else.

#include "core/common/Clock.h"
#include "core/records/CensusQuery.h"

#include <QAbstractTableModel>
#include <QList>

namespace lantern::ui {

class CensusModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Ward, Bed, Name, Mrn, AgeSex, Allergies, ActiveMeds, LastGiven, Pending, ColumnCount };
    enum Role {
        PatientIdRole = Qt::UserRole + 1,
        SortRole,
        FilterRole,       // name, bed and MRN in one string
        AllergyStatusRole, // int(model::AllergyStatus)
        UnreadableRole     // qint64: resources of the patient Lantern could not read
    };

    explicit CensusModel(const Clock& clock, QObject* parent = nullptr);

    void setRows(QList<records::CensusRow> rows);
    void clear();
    const records::CensusRow* rowAt(int row) const;
    // "MERGED into <MRN or id> - do not use" / "INACTIVE record"; empty for an ordinary record.
    static QString markText(const records::PatientMark& mark);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const records::CensusRow& r, int column) const;
    QVariant sortKey(const records::CensusRow& r, int column) const;

    const Clock& m_clock;
    QList<records::CensusRow> m_rows;
};

} // namespace lantern::ui
