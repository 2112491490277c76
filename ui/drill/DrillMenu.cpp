#include "ui/drill/DrillMenu.h"

#include "core/access/AccessPolicy.h"
#include "core/access/PatientAccess.h"
#include "core/access/Session.h"
#include "core/common/AtomicFile.h"
#include "core/common/TextPdf.h"
#include "core/drill/Drill.h"
#include "core/drill/DrillControl.h"
#include "core/vault/UserRepository.h"

#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

namespace lantern::ui {

namespace {

drill::DryRun desktopDryRun()
{
    drill::DryRun none;
    none.error = QStringLiteral("not run from the desktop, which holds no EHR credentials; "
                                "`lanternctl drill end` on the device runs it");
    return none;
}

Status writeReportPdf(const drill::DrillReport& report, const QString& path)
{
    const QByteArray pdf = textPdf(QStringLiteral("Downtime drill report %1").arg(report.figures.drill.id),
                                   drill::toLines(report), drill::drillMark());
    return writeFileAtomically(path, pdf);
}

} // namespace

DrillMenu::DrillMenu(QMenuBar* bar, const Clock& clock, std::function<access::Session*()> session,
                     std::function<sync::MirrorStatus()> status, QWidget* dialogParent)
    : QObject(bar), m_clock(clock), m_session(std::move(session)), m_status(std::move(status)), m_parent(dialogParent),
      m_menu(bar->addMenu(tr("&Drill")))
{
    m_menu->setObjectName(QStringLiteral("drillMenu"));
    m_start = m_menu->addAction(tr("Start downtime drill"));
    m_start->setObjectName(QStringLiteral("drillStartAction"));
    m_report = m_menu->addAction(tr("Save drill report as PDF…"));
    m_report->setObjectName(QStringLiteral("drillReportAction"));
    m_end = m_menu->addAction(tr("End drill and save its report…"));
    m_end->setObjectName(QStringLiteral("drillEndAction"));
    connect(m_start, &QAction::triggered, this, [this] {
        const auto answer = QMessageBox::question(
            m_parent, tr("Start downtime drill"),
            tr("Every desktop of this device will show downtime mode marked \"DRILL — not for clinical use\". "
               "Entries go to a drill outbox and are never sent to the EHR. Start the drill?"));
        if (answer == QMessageBox::Yes)
            show(startDrill(), tr("Drill started."));
    });
    connect(m_report, &QAction::triggered, this, [this] {
        const QString path = askPdfPath(tr("Save drill report"));
        if (!path.isEmpty())
            show(saveReport(path), tr("Drill report saved."));
    });
    connect(m_end, &QAction::triggered, this, [this] {
        const QString path = askPdfPath(tr("End drill: save its report"));
        if (path.isEmpty())
            return;
        auto ended = endDrill(path);
        show(ended.ok() ? Status() : Status(ended.error()),
             ended.ok() ? tr("Drill ended; %n drill entries discarded.", nullptr, *ended) : QString());
    });
    update();
}

void DrillMenu::update()
{
    access::Session* session = m_session();
    bool mayRun = false;
    if (session != nullptr) {
        // Shown by the role as stored now; every step is decided again in core.
        auto stored = vault::UserRepository(session->vault()).find(session->user().username);
        mayRun = stored.ok() && access::decide(access::Actor::of(*stored), access::Action::RunDrill,
                                               access::WardRelation::NoPatient, false)
                                        .verdict == access::Verdict::Allow;
    }
    m_menu->menuAction()->setVisible(mayRun);
    const bool running = mayRun && m_status().drill.has_value();
    m_start->setEnabled(mayRun && !running);
    m_report->setEnabled(running);
    m_end->setEnabled(running);
}

Status DrillMenu::startDrill()
{
    access::Session* session = m_session();
    if (session == nullptr)
        return Error(ErrorCode::Denied, tr("Unlock first."));
    access::PatientAccess gate(*session, m_clock);
    auto started = drill::DrillControl(gate, session->vault(), m_clock).start(m_status().realDowntimeOpen());
    if (!started.ok())
        return started.error();
    Q_EMIT drillChanged();
    return {};
}

Result<int> DrillMenu::reportAndMaybeEnd(const QString& pdfPath, bool end)
{
    access::Session* session = m_session();
    if (session == nullptr)
        return Error(ErrorCode::Denied, tr("Unlock first."));
    access::PatientAccess gate(*session, m_clock);
    drill::DrillControl control(gate, session->vault(), m_clock);
    auto report = control.report(desktopDryRun());
    if (!report.ok())
        return report.error();
    if (!end) {
        report->endedAt = QDateTime(); // still running
        report->endedBy.clear();
    }
    // The report first: one that cannot be written keeps the drill and its entries.
    LANTERN_TRY(writeReportPdf(*report, pdfPath));
    if (!end)
        return 0;
    auto discarded = control.finish(*report);
    if (!discarded.ok())
        return discarded.error();
    Q_EMIT drillChanged();
    return *discarded;
}

Status DrillMenu::saveReport(const QString& pdfPath)
{
    auto saved = reportAndMaybeEnd(pdfPath, false);
    return saved.ok() ? Status() : Status(saved.error());
}

Result<int> DrillMenu::endDrill(const QString& pdfPath)
{
    return reportAndMaybeEnd(pdfPath, true);
}

QString DrillMenu::askPdfPath(const QString& title)
{
    return QFileDialog::getSaveFileName(m_parent, title, QString(), tr("PDF (*.pdf)"));
}

void DrillMenu::show(const Status& done, const QString& success)
{
    if (done.ok())
        QMessageBox::information(m_parent, tr("Drill"), success);
    else
        QMessageBox::warning(m_parent, tr("Drill"), done.error().message);
    update();
}

} // namespace lantern::ui
