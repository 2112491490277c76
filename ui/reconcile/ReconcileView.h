#pragma once
// The reconciliation view: every entry recorded on this device during a
// downtime, where it stands (pending, uploaded, conflict, duplicate, …), why
// it waits and what a person decided; filters by state and downtime; for a
// physician the decisions on a conflict (upload anyway, mark as duplicate,
// amend); "Reconcile now" (asks the device's mirror service, which uploads
// and reports its progress back through the vault); the report as PDF.
// Decisions go through record::ConflictResolver / record::Recorder, which
// check the role and write the audit entries.

#include "core/common/Clock.h"
#include "core/service/ServiceMailbox.h"
#include "sync/mirror/MirrorEngine.h"
#include "ui/print/PagedReport.h"
#include "sync/reconcile/ReconcileTypes.h"
#include "ui/record/RecordEnv.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace lantern::ui {

class OutboxModel;
class PrintService;

class ReconcileView : public QWidget
{
    Q_OBJECT

public:
    ReconcileView(const RecordEnv& env, const sync::MirrorStatus& status, QWidget* parent = nullptr);
    ~ReconcileView() override;

    OutboxModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QComboBox* stateFilter() const { return m_stateFilter; }
    QComboBox* downtimeFilter() const { return m_downtimeFilter; }
    QPushButton* uploadAnywayButton() const { return m_uploadAnyway; }
    QPushButton* duplicateButton() const { return m_duplicate; }
    QPushButton* amendButton() const { return m_amend; }
    QPushButton* reconcileButton() const { return m_reconcile; }

    // Re-reads the outbox, the downtimes and the patients; the selection stays.
    Status reload();
    bool selectEntry(const QString& uuid);
    QString selectedUuid() const;

    // A physician's decision on the selected entry (or `uuid`), through core.
    Status decide(record::Decision decision, const QString& uuid = {});
    // Amend: the record dialog prefilled from the entry; the new entry supersedes it.
    Status amend(const QString& uuid = {});
    // The report of the downtime chosen in the filter (or all) as PDF, audited.
    Result<int> printReportToPdf(const QString& path);

public Q_SLOTS:
    void setStatus(const lantern::sync::MirrorStatus& status);
    void reconcileNow();
    void cancelReconcile();
    // The service's progress on the request posted here (others are ignored).
    void setServiceProgress(const lantern::service::ReconcileProgress& progress);

Q_SIGNALS:
    void backRequested();
    // Entries changed state: census badges and charts should be re-read.
    void entriesChanged();
    void message(const QString& text);
    void dialogOpened(QWidget* dialog);
    void reconcileFinished(const lantern::service::ReconcileProgress& result);

private:
    void updateActions();
    void applyFilters();
    void printReport();
    QHash<QString, PrintIdentity> identities();
    void onReconcileFinished(const service::ReconcileProgress& result);
    QString currentDowntime() const;

    RecordEnv m_env;
    std::unique_ptr<PrintService> m_printer;
    OutboxModel* m_model;
    QTableView* m_table;
    QComboBox* m_stateFilter;
    QComboBox* m_downtimeFilter;
    QLabel* m_counts;
    QLabel* m_detail;
    QLineEdit* m_note;
    QPushButton* m_uploadAnyway;
    QPushButton* m_duplicate;
    QPushButton* m_amend;
    QPushButton* m_reconcile;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    sync::MirrorStatus m_status;
    QString m_pendingRequest; // the request id posted here, until the service reports it finished
};

} // namespace lantern::ui
