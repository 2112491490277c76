#include "ui/app/WardDesktop.h"

#include "ui/access/BreakGlassDialog.h"
#include "ui/banner/StatusBanner.h"
#include "ui/census/CensusModel.h"
#include "ui/census/CensusView.h"
#include "ui/chart/ChartView.h"
#include "ui/chart/PatientHeader.h"
#include "ui/print/PrintJobs.h"
#include "ui/print/PrintService.h"
#include "ui/reconcile/ReconcileView.h"
#include "ui/record/ChartRecorder.h"
#include "ui/record/RecordEnv.h"
#include "ui/record/SimpleRecordDialogs.h"

#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace lantern::ui {

WardDesktop::WardDesktop(std::unique_ptr<access::Session> session, const Clock& clock,
                         const sync::MirrorStatus& status, QWidget* parent)
    : QWidget(parent), m_session(std::move(session)), m_clock(clock), m_records(m_session->vault()),
      m_gate(std::make_unique<access::PatientAccess>(*m_session, clock)), m_printer(std::make_unique<PrintService>(*m_session, clock)), m_banner(new StatusBanner(clock, this)),
      m_censusModel(new CensusModel(clock, this)), m_census(new CensusView(m_censusModel, this)),
      m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("wardDesktop"));
    m_stack->addWidget(m_census);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    setStatus(status);

    connect(m_census, &CensusView::patientActivated, this, [this](const QString& id) {
        const Status s = openChart(id);
        if (!s.ok())
            Q_EMIT errorOccurred(s.error().message);
    });
    connect(m_census, &CensusView::printCensusRequested, this, [this] { print(Printout::Census, {}); });
    connect(m_census, &CensusView::printWardMarRequested, this, [this] { print(Printout::WardMar, {}); });
    m_census->setBreakGlassAvailable(m_session->user().hasPermission(access::Permission::BreakGlass));
    connect(m_census, &CensusView::breakGlassRequested, this, &WardDesktop::askBreakGlass);
    m_census->setAdmissionAvailable(m_session->user().hasPermission(access::Permission::Record));
    connect(m_census, &CensusView::admissionRequested, this, &WardDesktop::admitPatient);
    connect(m_census, &CensusView::reconciliationRequested, this, [this] { (void)showReconciliation(); });
}

WardDesktop::~WardDesktop() = default;

void WardDesktop::setStatus(const sync::MirrorStatus& status)
{
    m_status = status;
    m_banner->setStatus(status);
    m_printer->setStatus(status);
    if (m_reconcile)
        m_reconcile->setStatus(status);
}

void WardDesktop::setReconcileProgress(const service::ReconcileProgress& progress)
{
    if (m_reconcile)
        m_reconcile->setServiceProgress(progress);
}

QString WardDesktop::currentPatientId() const
{
    return m_chart && m_stack->currentWidget() == m_chart ? m_chart->patientId() : QString();
}

int WardDesktop::currentTab() const
{
    return m_chart ? m_chart->tabs()->currentIndex() : 0;
}

Status WardDesktop::reloadCensus()
{
    auto rows = m_gate->census();
    const QString selected = m_census->currentPatientId();
    m_rows = rows.ok() ? std::move(*rows) : QList<records::CensusRow>();
    m_censusModel->setRows(m_rows);
    if (!rows.ok())
        return refusal(rows.error());
    if (!selected.isEmpty())
        m_census->selectPatient(selected);
    return {};
}

std::optional<records::CensusRow> WardDesktop::rowOf(const QString& patientId) const
{
    return m_gate->rowOf(patientId);
}

Error WardDesktop::refusal(const Error& error) const
{
    if (error.code != ErrorCode::Denied)
        return error;
    switch (m_gate->lastRefusal()) {
    case access::Refusal::NeedsBreakGlass:
        return Error(ErrorCode::Denied, tr("This patient is not on your wards. Use \"Other ward…\" to open the "
                                           "chart with a reason (break-glass, audited)."));
    case access::Refusal::Role:
        if (m_session->user().role == access::Role::ItAdmin)
            return Error(ErrorCode::Denied, tr("IT administrators manage the device and see no patient data."));
        return Error(ErrorCode::Denied, tr("Your role may not do this."));
    case access::Refusal::Disabled:
        return Error(ErrorCode::Denied, tr("Your account has been disabled. Lock the screen and ask IT."));
    case access::Refusal::None:
        break;
    }
    return error;
}

Status WardDesktop::openChart(const QString& patientId, int tab)
{
    auto chart = m_gate->chart(patientId); // audited before it is read; no audit entry, no chart
    if (!chart.ok())
        return refusal(chart.error());
    showChart(*chart, tab);
    return {};
}

Status WardDesktop::breakGlass(const QString& mrn, const QString& reasonCode)
{
    // Whether this role may open any patient at all: decided (and a refusal audited) before any look-up.
    if (auto may = m_gate->check({access::Action::ShowChart, {}, QStringLiteral("break-glass"), {}, {}}); !may.ok())
        return refusal(may.error());
    auto reason = access::BreakGlassReason::parse(reasonCode);
    if (!BreakGlassDialog::reasonCodes().contains(reasonCode) || !reason.ok())
        return Error(ErrorCode::InvalidInput, tr("Choose a reason for opening this chart."));
    const QString wanted = mrn.trimmed();
    auto found = m_gate->findByMrn(wanted);
    if (!found.ok())
        return found.error();
    if (!found->has_value())
        return Error(ErrorCode::NotFound, tr("No patient with MRN %1 in this vault. Check the number.").arg(wanted));
    auto chart = m_gate->chart(**found, *reason); // break-glass entry (with the reason), then the view entry
    if (!chart.ok())
        return refusal(chart.error());
    showChart(*chart, 0);
    return {};
}

void WardDesktop::askBreakGlass()
{
    BreakGlassDialog dialog(this);
    while (dialog.exec() == QDialog::Accepted) {
        const Status opened = breakGlass(dialog.mrn(), dialog.reasonCode());
        if (opened.ok())
            return;
        if (opened.error().code != ErrorCode::NotFound) {
            Q_EMIT errorOccurred(opened.error().message);
            return;
        }
        dialog.showProblem(opened.error().message);
    }
}

void WardDesktop::showChart(const model::PatientChart& chart, int tab)
{
    const std::optional<records::CensusRow> row = rowOf(chart.patientId);
    auto* view = new ChartView(chart, row ? row->ward : QString(), row ? row->bed : QString(), m_clock, m_stack);
    if (m_chart) {
        m_stack->removeWidget(m_chart);
        m_chart->deleteLater();
    }
    m_chart = view;
    m_stack->addWidget(view);
    m_stack->setCurrentWidget(view);
    view->tabs()->setCurrentIndex(tab);
    view->tabs()->setFocus();
    connect(view, &ChartView::backRequested, this, &WardDesktop::showCensus);
    m_recorder = new ChartRecorder(recordEnv(), chart, view);
    connect(m_recorder, &ChartRecorder::recorded, this, &WardDesktop::afterRecording);
    connect(m_recorder, &ChartRecorder::failed, this, &WardDesktop::errorOccurred);
    connect(view, &ChartView::printMarRequested, this, [this](const QString& id) { print(Printout::Mar, id); });
    connect(view, &ChartView::printEmergencySheetRequested, this,
            [this](const QString& id) { print(Printout::EmergencySheet, id); });
    Q_EMIT titleChanged(PatientHeader::patientName(chart));
}

Status WardDesktop::refreshData()
{
    LANTERN_TRY(reloadCensus());
    if (m_reconcile)
        LANTERN_TRY(m_reconcile->reload());
    const QString open = currentPatientId();
    if (open.isEmpty())
        return {};
    auto chart = m_gate->rereadChart(open); // decided again, not audited again
    if (!chart.ok())
        return refusal(chart.error()); // the chart stays as it was; the census says what changed
    showChart(*chart, currentTab());
    return {};
}

void WardDesktop::showCensus()
{
    m_stack->setCurrentWidget(m_census);
    if (m_chart) {
        m_stack->removeWidget(m_chart);
        m_chart->deleteLater();
        m_chart = nullptr;
        m_recorder = nullptr; // a child of the chart view
    }
    if (m_reconcile) {
        m_stack->removeWidget(m_reconcile);
        m_reconcile->deleteLater();
        m_reconcile = nullptr;
    }
    m_census->focusSearch();
    Q_EMIT titleChanged(tr("Ward census"));
}

RecordEnv WardDesktop::recordEnv() const
{
    return RecordEnv{*m_session, m_clock,
                     m_status.downtime ? m_status.downtime->id.toString(QUuid::WithoutBraces) : QString(),
                     m_status.realDowntimeOpen()};
}

void WardDesktop::afterRecording(const QString& message)
{
    // The entry is stored; census badge and chart marks come from re-reading the vault.
    const Status refreshed = refreshData();
    Q_EMIT noticeShown(message);
    if (!refreshed.ok())
        Q_EMIT errorOccurred(refreshed.error().message);
}

void WardDesktop::admitPatient()
{
    QList<QPair<QString, QString>> wards;
    for (const QString& w : m_session->user().wards)
        wards.append({w, w});
    AdmissionDialog dialog(recordEnv(), wards, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString id = AdmissionDialog::identifierOf(dialog.entry());
    (void)reloadCensus();
    m_census->selectPatient(dialog.entry().patientId);
    QMessageBox::information(this, tr("Downtime admission"),
                             tr("Admitted with downtime identifier %1.\nWrite it on the wristband and the paper chart.").arg(id));
    Q_EMIT noticeShown(tr("Admitted with downtime identifier %1.").arg(id));
}

Status WardDesktop::showReconciliation()
{
    // The queue names patients: the same decision as the census (refusal audited).
    if (auto may = m_gate->check({access::Action::ListPatients, {}, QStringLiteral("reconciliation"), {}, {}}); !may.ok())
        return refusal(may.error());
    if (!m_reconcile) {
        m_reconcile = new ReconcileView(recordEnv(), m_status, m_stack);
        m_stack->addWidget(m_reconcile);
        connect(m_reconcile, &ReconcileView::backRequested, this, &WardDesktop::showCensus);
        connect(m_reconcile, &ReconcileView::message, this, &WardDesktop::noticeShown);
        connect(m_reconcile, &ReconcileView::entriesChanged, this, [this] { (void)reloadCensus(); });
    } else {
        LANTERN_TRY(m_reconcile->reload());
    }
    if (m_chart) {
        m_stack->removeWidget(m_chart);
        m_chart->deleteLater();
        m_chart = nullptr;
        m_recorder = nullptr;
    }
    m_stack->setCurrentWidget(m_reconcile);
    m_reconcile->table()->setFocus();
    Q_EMIT titleChanged(tr("Reconciliation"));
    return {};
}

QString WardDesktop::kindName(Printout what)
{
    switch (what) {
    case Printout::Mar:
        return QStringLiteral("mar");
    case Printout::WardMar:
        return QStringLiteral("ward-mar");
    case Printout::Census:
        return QStringLiteral("census");
    case Printout::EmergencySheet:
        return QStringLiteral("emergency-sheet");
    }
    return QString();
}

Result<QList<PrintSection>> WardDesktop::sections(Printout what, const QString& patientId)
{
    // Decided before anything is read; PrintService writes the print entries.
    const QString patient = what == Printout::Mar || what == Printout::EmergencySheet ? patientId : QString();
    if (auto may = m_gate->authorize({access::Action::Print, patient, kindName(what), {}, {}}); !may.ok())
        return refusal(may.error());
    PrintJobs jobs(m_records, m_clock);
    if (what == Printout::Census)
        return QList<PrintSection>{jobs.census(m_rows)};
    if (what == Printout::WardMar)
        return jobs.wardMar(m_rows);
    const std::optional<records::CensusRow> row = rowOf(patientId);
    if (!row)
        return Error(ErrorCode::NotFound, tr("This patient is not in the census."));
    auto section = what == Printout::Mar ? jobs.mar(*row) : jobs.emergencySheet(*row);
    if (!section.ok())
        return section.error();
    return QList<PrintSection>{*section};
}

Result<int> WardDesktop::printToPdf(Printout what, const QString& patientId, const QString& path)
{
    auto s = sections(what, patientId);
    if (!s.ok())
        return s.error();
    return m_printer->toPdf(path, *s, kindName(what));
}

void WardDesktop::print(Printout what, const QString& patientId)
{
    auto s = sections(what, patientId);
    if (!s.ok()) {
        Q_EMIT errorOccurred(s.error().message);
        return;
    }
    auto pages = m_printer->withDialog(this, *s, kindName(what));
    if (!pages.ok())
        Q_EMIT errorOccurred(pages.error().message);
}

} // namespace lantern::ui
