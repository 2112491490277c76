#pragma once
// The outbox as a table for the reconciliation view: one row per entry
// recorded on this device, with the patient, what it is, when it happened,
// who recorded it, where it stands, why it waits (conflict) and what a
// person decided. A thin model over vault::OutboxRepository::items(); the
// filters (state, downtime) are applied by the repository.

#include "core/common/Result.h"
#include "core/record/RecordEntry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::ui {

class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Patient, Kind, ClinicalTime, Author, State, Conflict, Decision, ColumnCount };
    enum Role { UuidRole = Qt::UserRole + 1, StateRole, SortRole };

    explicit OutboxModel(vault::Vault& vault, QObject* parent = nullptr);

    // Patient id -> "FAMILY, Given (MRN)"; unknown ids show as the id.
    void setPatientNames(QHash<QString, QString> names) { m_names = std::move(names); }
    void setStateFilter(std::optional<record::EntryState> state) { m_state = state; }
    void setDowntimeFilter(const QString& downtimeId) { m_downtime = downtimeId; }
    std::optional<record::EntryState> stateFilter() const { return m_state; }
    QString downtimeFilter() const { return m_downtime; }
    // Re-reads the outbox with the current filters.
    Status reload();

    const record::OutboxItem* itemAt(int row) const;
    int rowOf(const QString& uuid) const;
    QString patientName(const QString& patientId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(record::EntryKind kind);
    static QString stateText(record::EntryState state);
    static QString reasonText(record::ConflictReason reason);
    static QString decisionText(record::Decision decision);
    static QColor stateColor(record::EntryState state);

private:
    vault::Vault& m_vault;
    QHash<QString, QString> m_names;
    std::optional<record::EntryState> m_state;
    QString m_downtime;
    QList<record::OutboxItem> m_items;
};

} // namespace lantern::ui
