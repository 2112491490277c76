#include "ui/reconcile/OutboxModel.h"

#include "ui/common/Format.h"
#include "ui/common/PlainText.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QJsonObject>

namespace lantern::ui {

OutboxModel::OutboxModel(vault::Vault& vault, QObject* parent) : QAbstractTableModel(parent), m_vault(vault) {}

Status OutboxModel::reload()
{
    vault::OutboxFilter filter;
    filter.state = m_state;
    filter.downtimeId = m_downtime;
    auto items = vault::OutboxRepository(m_vault.db()).items(filter);
    if (!items.ok())
        return items.error();
    beginResetModel();
    m_items = std::move(*items);
    endResetModel();
    return {};
}

const record::OutboxItem* OutboxModel::itemAt(int row) const
{
    return row >= 0 && row < m_items.size() ? &m_items.at(row) : nullptr;
}

int OutboxModel::rowOf(const QString& uuid) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).entry.uuid == uuid)
            return i;
    }
    return -1;
}

QString OutboxModel::patientName(const QString& patientId) const
{
    return m_names.value(patientId, patientId);
}

int OutboxModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int OutboxModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString OutboxModel::kindText(record::EntryKind kind)
{
    switch (kind) {
    case record::EntryKind::Administration:
        return tr("Administration");
    case record::EntryKind::Note:
        return tr("Note");
    case record::EntryKind::OrderAnnotation:
        return tr("Order annotation");
    case record::EntryKind::ReportedAllergy:
        return tr("Reported allergy");
    case record::EntryKind::DowntimeAdmission:
        return tr("Downtime admission");
    }
    return {};
}

QString OutboxModel::stateText(record::EntryState state)
{
    switch (state) {
    case record::EntryState::Pending:
        return tr("Pending");
    case record::EntryState::Uploaded:
        return tr("Uploaded");
    case record::EntryState::Conflict:
        return tr("Conflict");
    case record::EntryState::Duplicate:
        return tr("Duplicate");
    case record::EntryState::Superseded:
        return tr("Superseded");
    case record::EntryState::EnteredInError:
        return tr("Entered in error");
    }
    return {};
}

QString OutboxModel::reasonText(record::ConflictReason reason)
{
    switch (reason) {
    case record::ConflictReason::OrderChanged:
        return tr("Order changed");
    case record::ConflictReason::OrderDiscontinued:
        return tr("Order discontinued");
    case record::ConflictReason::PossibleDuplicate:
        return tr("Possible duplicate");
    case record::ConflictReason::ServerRejected:
        return tr("Rejected by the EHR");
    case record::ConflictReason::PatientMerged:
        return tr("Patient record merged");
    }
    return {};
}

QString OutboxModel::decisionText(record::Decision decision)
{
    switch (decision) {
    case record::Decision::UploadAnyway:
        return tr("Upload anyway");
    case record::Decision::MarkDuplicate:
        return tr("Marked duplicate");
    case record::Decision::Amend:
        return tr("Amended");
    }
    return {};
}

QColor OutboxModel::stateColor(record::EntryState state)
{
    switch (state) {
    case record::EntryState::Conflict:
        return QColor(0xFF, 0xEB, 0xEE);
    case record::EntryState::Pending:
        return QColor(0xFF, 0xF3, 0xCD);
    case record::EntryState::Uploaded:
        return QColor(0xE8, 0xF5, 0xE9);
    default:
        return QColor(0xEE, 0xEE, 0xEE);
    }
}

QVariant OutboxModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const record::OutboxItem& it = m_items.at(index.row());
    const record::RecordEntry& e = it.entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Patient:
            return patientName(e.patientId);
        case Kind: {
            // What it is about (drug, substance), on this screen only; the report leaves it out.
            QString what = kindText(e.kind);
            const QString about = e.kind == record::EntryKind::Administration
                                      ? e.resource.value(QLatin1String("medicationCodeableConcept")).toObject().value(QLatin1String("text")).toString()
                                  : e.kind == record::EntryKind::ReportedAllergy
                                      ? e.resource.value(QLatin1String("code")).toObject().value(QLatin1String("text")).toString()
                                      : QString();
            if (!about.isEmpty())
                what += QStringLiteral(" · ") + about;
            return e.corrects.isEmpty() ? what : tr("%1 (amends an earlier entry)").arg(what);
        }
        case ClinicalTime:
            return Format::dateTime(e.clinicalTime);
        case Author:
            return e.witness.isEmpty() ? e.author : tr("%1, witness %2").arg(e.author, e.witness);
        case State:
            return stateText(it.state);
        case Conflict:
            if (!it.conflict)
                return it.lastError.isEmpty() ? QString() : tr("last attempt: %1").arg(it.lastError);
            return it.conflictDetail.isEmpty() ? reasonText(*it.conflict)
                                               : reasonText(*it.conflict) + QStringLiteral(": ") + it.conflictDetail;
        case Decision:
            if (!it.decision)
                return it.state == record::EntryState::Conflict ? tr("open") : QString();
            return tr("%1 by %2, %3").arg(decisionText(*it.decision), it.decidedBy, Format::dateTime(it.decidedAt));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Decision && !it.decisionNote.isEmpty())
            return PlainText::toolTip(it.decisionNote);
        if (index.column() == Conflict && !it.conflictDetail.isEmpty())
            return PlainText::toolTip(it.conflictDetail); // may quote the server's OperationOutcome
        return {};
    case Qt::BackgroundRole:
        if (index.column() == State)
            return QBrush(stateColor(it.state));
        return {};
    case Qt::FontRole:
        if (index.column() == State && it.state == record::EntryState::Conflict) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case UuidRole:
        return e.uuid;
    case StateRole:
        return static_cast<int>(it.state);
    case SortRole:
        return index.column() == ClinicalTime ? QVariant(e.clinicalTime.toMSecsSinceEpoch())
                                              : data(index, Qt::DisplayRole);
    default:
        return {};
    }
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Patient:
        return tr("Patient");
    case Kind:
        return tr("Entry");
    case ClinicalTime:
        return tr("Clinical time");
    case Author:
        return tr("Recorded by");
    case State:
        return tr("State");
    case Conflict:
        return tr("Conflict / problem");
    case Decision:
        return tr("Decision");
    default:
        return {};
    }
}

} // namespace lantern::ui
