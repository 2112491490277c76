#pragma once
// Everything shown while the vault is unlocked: the status banner, the
// census and the open chart, and the print actions. It owns the Session, so
// destroying it (locking) drops every patient datum and closes the vault in
// one step.

#include "core/access/PatientAccess.h"
#include "core/access/Session.h"
#include "core/audit/AuditEvent.h"
#include "core/common/Clock.h"
#include "core/service/ServiceMailbox.h"
#include "sync/mirror/MirrorEngine.h"
#include "ui/print/PagedReport.h"
#include "core/records/CensusQuery.h"
#include "core/records/PatientRecords.h"

#include <QSet>
#include <QWidget>

#include <memory>

class QStackedWidget;

namespace lantern::ui {

class CensusModel;
class CensusView;
class ChartRecorder;
class ChartView;
class ReconcileView;
struct RecordEnv;
class PrintService;
class StatusBanner;

class WardDesktop : public QWidget
{
    Q_OBJECT

public:
    enum class Printout { Mar, WardMar, Census, EmergencySheet };

    WardDesktop(std::unique_ptr<access::Session> session, const Clock& clock, const sync::MirrorStatus& status,
                QWidget* parent = nullptr);
    ~WardDesktop() override;

    access::Session& session() { return *m_session; }
    StatusBanner* banner() const { return m_banner; }
    // Recording from the open chart (null without a chart) and the reconciliation view (null unless shown).
    ChartRecorder* chartRecorder() const { return m_recorder; }
    ReconcileView* reconcileView() const { return m_reconcile; }
    CensusView* censusView() const { return m_census; }
    CensusModel* censusModel() const { return m_censusModel; }
    ChartView* chartView() const { return m_chart; }
    QString currentPatientId() const;
    int currentTab() const;

    // Re-reads the census of the user's wards; the selected patient stays selected.
    Status reloadCensus();
    // Opens a patient's chart (audited as ViewPatient). Denied (and audited
    // so) for a patient outside the user's wards unless the glass was broken.
    Status openChart(const QString& patientId, int tab = 0);
    // Break-glass: opens the chart of the patient with this MRN on any ward,
    // audited as BreakGlass with the coded reason (see BreakGlassDialog).
    Status breakGlass(const QString& mrn, const QString& reasonCode);
    void showCensus();
    // The reconciliation view of this device's downtime entries (see ui/reconcile).
    Status showReconciliation();
    // Downtime admission from the census (dialog); the new identifier is announced through noticeShown.
    void admitPatient();
    // After a mirror cycle brought changes: census and open chart re-read,
    // selection and tab kept, no new audit entry for the chart already open.
    Status refreshData();

    // Writes a printout to a PDF file without a dialog (tests, screenshots, "save as PDF").
    Result<int> printToPdf(Printout what, const QString& patientId, const QString& path);

public Q_SLOTS:
    void setStatus(const lantern::sync::MirrorStatus& status);
    // The mirror service's report on a reconciliation someone asked for.
    void setReconcileProgress(const lantern::service::ReconcileProgress& progress);

Q_SIGNALS:
    // The window title to show: user on the census, the patient in a chart.
    void titleChanged(const QString& title);
    void errorOccurred(const QString& message);
    // Something the person should read that is not an error ("Recorded: …").
    void noticeShown(const QString& message);

private:
    Result<QList<PrintSection>> sections(Printout what, const QString& patientId);
    std::optional<records::CensusRow> rowOf(const QString& patientId) const;
    void print(Printout what, const QString& patientId);
    void showChart(const model::PatientChart& chart, int tab);
    RecordEnv recordEnv() const;
    void afterRecording(const QString& message);
    void askBreakGlass();
    // The gate's refusal in the desktop's words (translated).
    Error refusal(const Error& error) const;
    static QString kindName(Printout what);

    std::unique_ptr<access::Session> m_session;
    const Clock& m_clock;
    records::PatientRecords m_records;
    // Every chart, census and printout goes through it: role, ward scope,
    // break-glass (remembered for this session) and the audit entry first.
    std::unique_ptr<access::PatientAccess> m_gate;
    std::unique_ptr<PrintService> m_printer;
    QList<records::CensusRow> m_rows;    // the user's wards: what the census shows and prints
    StatusBanner* m_banner;
    CensusModel* m_censusModel;
    CensusView* m_census;
    QStackedWidget* m_stack;
    ChartView* m_chart = nullptr;
    ChartRecorder* m_recorder = nullptr;
    ReconcileView* m_reconcile = nullptr;
    sync::MirrorStatus m_status;
};

} // namespace lantern::ui
