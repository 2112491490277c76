#include "app/WardDesktop.h"

#include "audit/AuditLog.h"
#include "banner/StatusBanner.h"
#include "census/CensusModel.h"
#include "census/CensusView.h"
#include "chart/ChartView.h"
#include "chart/PatientHeader.h"
#include "print/PrintJobs.h"
#include "print/PrintService.h"

#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace lantern::ui {

WardDesktop::WardDesktop(std::unique_ptr<access::Session> session, const Clock& clock,
                         const sync::MirrorStatus& status, QWidget* parent)
    : QWidget(parent), m_session(std::move(session)), m_clock(clock), m_records(m_session->vault()),
      m_printer(std::make_unique<PrintService>(*m_session, clock)), m_banner(new StatusBanner(clock, this)),
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
}

WardDesktop::~WardDesktop() = default;

void WardDesktop::setStatus(const sync::MirrorStatus& status)
{
    m_banner->setStatus(status);
    m_printer->setStatus(status);
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
    auto rows = records::CensusQuery(m_session->vault()).rows();
    if (!rows.ok())
        return rows.error();
    m_rows = *rows;
    m_censusModel->setRows(std::move(*rows));
    return {};
}

const records::CensusRow* WardDesktop::rowOf(const QString& patientId) const
{
    for (const records::CensusRow& r : m_rows) {
        if (r.patientId == patientId)
            return &r;
    }
    return nullptr;
}

Status WardDesktop::openChart(const QString& patientId, int tab)
{
    auto chart = m_records.chart(patientId);
    if (!chart.ok())
        return chart.error();
    auto audited = audit::AuditLog(m_session->vault(), m_clock)
                       .append({m_session->user().username, audit::AuditAction::ViewPatient, patientId,
                                audit::AuditOutcome::Success, QString()});
    if (!audited.ok())
        return audited.error(); // no audit entry, no chart
    const records::CensusRow* row = rowOf(patientId);
    auto* view = new ChartView(*chart, row ? row->ward : QString(), row ? row->bed : QString(), m_clock, m_stack);
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
    connect(view, &ChartView::printMarRequested, this, [this](const QString& id) { print(Printout::Mar, id); });
    connect(view, &ChartView::printEmergencySheetRequested, this,
            [this](const QString& id) { print(Printout::EmergencySheet, id); });
    Q_EMIT titleChanged(PatientHeader::patientName(*chart));
    return {};
}

void WardDesktop::showCensus()
{
    m_stack->setCurrentWidget(m_census);
    if (m_chart) {
        m_stack->removeWidget(m_chart);
        m_chart->deleteLater();
        m_chart = nullptr;
    }
    m_census->focusSearch();
    Q_EMIT titleChanged(tr("Ward census"));
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
    PrintJobs jobs(m_records, m_clock);
    if (what == Printout::Census)
        return QList<PrintSection>{jobs.census(m_rows)};
    if (what == Printout::WardMar)
        return jobs.wardMar(m_rows);
    const records::CensusRow* row = rowOf(patientId);
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
