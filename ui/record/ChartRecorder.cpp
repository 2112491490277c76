#include "ui/record/ChartRecorder.h"

#include "ui/chart/ChartView.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
#include "ui/chart/OrderText.h"
#include "ui/record/AdministrationDialog.h"
#include "ui/record/LocalNotesView.h"
#include "core/record/RecordContext.h"
#include "ui/record/SimpleRecordDialogs.h"
#include "ui/record/UserDirectory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace lantern::ui {

ChartRecorder::ChartRecorder(const RecordEnv& env, const model::PatientChart& chart, ChartView* view)
    : QObject(view), m_env(env), m_chart(chart), m_view(view)
{
    setObjectName(QStringLiteral("chartRecorder"));
    install();
}

QTableView* ChartRecorder::table(const char* name) const
{
    return m_view ? m_view->findChild<QTableView*>(QLatin1String(name)) : nullptr;
}

void ChartRecorder::install()
{
    // Who recorded an entry is shown by the name people know, not the login name.
    // Without the user list (a vault error) the marks keep the usernames.
    auto users = UserDirectory::load(m_env.session.vault());
    const model::PatientChart shown = users.ok() ? users->withDisplayNames(m_chart) : m_chart;
    if (!m_chart.orderAnnotations.isEmpty()) {
        // The annotations on the plan and the MAR name their author.
        m_view->activePlan()->setChart(shown);
        m_view->inactivePlan()->setChart(shown);
        m_view->mar()->setChart(shown);
    }

    // The notes tab shows this device's notes and annotations.
    QTabWidget* tabs = m_view->tabs();
    const QString notesTitle = tabs->tabText(ChartView::NotesTab);
    QWidget* old = tabs->widget(ChartView::NotesTab);
    tabs->removeTab(ChartView::NotesTab);
    if (old)
        old->deleteLater();
    tabs->insertTab(ChartView::NotesTab, new LocalNotesView(shown, tabs), notesTitle);

    // Marked lines ("recorded in downtime", annotations) take two or more lines.
    if (QTableView* t = table("activePlanTable"))
        t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    if (!m_env.mayRecord())
        return;
    // Merged away or inactive in the EHR: core refuses recording, so no action is
    // offered at all (the header says why and names the surviving record).
    if (!record::mayRecordFor(m_chart).ok())
        return;
    auto* bar = new QWidget(m_view);
    bar->setObjectName(QStringLiteral("recordBar"));
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(12, 6, 12, 0);
    auto* label = new QLabel(tr("Record:"), bar);
    label->setStyleSheet(QStringLiteral("font-weight: bold; color: #17324D;"));
    m_administer = new QPushButton(tr("Dose given / not given…"), bar);
    m_administer->setObjectName(QStringLiteral("recordAdministrationButton"));
    m_administer->setToolTip(tr("Record an administration of the selected order (Ctrl+D, or double-click the order)"));
    m_note = new QPushButton(tr("Note…"), bar);
    m_note->setObjectName(QStringLiteral("recordNoteButton"));
    m_note->setToolTip(tr("Add a nursing or physician note (Ctrl+Shift+N)"));
    m_allergy = new QPushButton(tr("Reported allergy…"), bar);
    m_allergy->setObjectName(QStringLiteral("recordAllergyButton"));
    m_allergy->setToolTip(tr("Record a newly reported allergy, unconfirmed (Ctrl+Shift+Y)"));
    row->addWidget(label);
    row->addWidget(m_administer);
    if (m_env.mayAnnotate()) {
        m_annotate = new QPushButton(tr("Annotate order…"), bar);
        m_annotate->setObjectName(QStringLiteral("recordAnnotationButton"));
        m_annotate->setToolTip(tr("Hold, review or dose concern on the selected order (Ctrl+Shift+O)"));
        row->addWidget(m_annotate);
        connect(m_annotate, &QPushButton::clicked, this, [this] { (void)annotate(); });
        auto* sc = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), m_view);
        connect(sc, &QShortcut::activated, this, [this] { (void)annotate(); });
    }
    row->addWidget(m_note);
    row->addWidget(m_allergy);
    row->addStretch();
    if (auto* layout = qobject_cast<QVBoxLayout*>(m_view->layout()))
        layout->insertWidget(1, bar); // under the identity header, above the tabs

    connect(m_administer, &QPushButton::clicked, this, [this] { (void)administer(); });
    connect(m_note, &QPushButton::clicked, this, [this] { (void)addNote(); });
    connect(m_allergy, &QPushButton::clicked, this, [this] { (void)reportAllergy(); });
    auto* dose = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), m_view);
    connect(dose, &QShortcut::activated, this, [this] { (void)administer(); });
    auto* note = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), m_view);
    connect(note, &QShortcut::activated, this, [this] { (void)addNote(); });
    auto* allergy = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y), m_view);
    connect(allergy, &QShortcut::activated, this, [this] { (void)reportAllergy(); });
    for (const char* name : {"activePlanTable", "marTable"}) {
        if (QTableView* t = table(name))
            connect(t, &QTableView::doubleClicked, this, [this] { (void)administer(); });
    }
}

QString ChartRecorder::selectedOrderId() const
{
    if (!m_view)
        return {};
    if (m_view->tabs()->currentIndex() == ChartView::MarTab) {
        QTableView* t = table("marTable");
        const QModelIndex i = t ? t->currentIndex() : QModelIndex();
        return i.isValid() ? i.siblingAtColumn(0).data(MarModel::OrderIdRole).toString() : QString();
    }
    QTableView* t = table("activePlanTable");
    const QModelIndex i = t ? t->currentIndex() : QModelIndex();
    const model::MedicationOrder* o = i.isValid() ? m_view->activePlan()->orderAt(i.row()) : nullptr;
    return o ? o->meta.id : QString();
}

const model::MedicationOrder* ChartRecorder::order(const QString& orderId) const
{
    for (const model::MedicationOrder& o : m_chart.orders) {
        if (o.meta.id == orderId)
            return &o;
    }
    return nullptr;
}

int ChartRecorder::run(QWidget* dialog)
{
    Q_EMIT dialogOpened(dialog);
    return static_cast<QDialog*>(dialog)->exec();
}

Status ChartRecorder::administer(const QString& orderId)
{
    const QString id = orderId.isEmpty() ? selectedOrderId() : orderId;
    const model::MedicationOrder* o = order(id);
    Status s;
    if (!m_env.mayRecord())
        s = Error(ErrorCode::Denied, tr("Your role may not record administrations."));
    else if (!o)
        s = Error(ErrorCode::NotFound, tr("Select an order on the medication plan or the MAR first."));
    if (!s.ok()) {
        Q_EMIT failed(s.error().message);
        return s;
    }
    AdministrationDialog dialog(m_env, m_chart, *o, m_view);
    if (run(&dialog) == QDialog::Accepted)
        Q_EMIT recorded(tr("Recorded: %1 — saved on this device, not yet in the EHR.").arg(OrderText::drug(*o)));
    return {};
}

Status ChartRecorder::annotate(const QString& orderId)
{
    Status s = AnnotationDialog::mayOpen(m_env);
    const QString id = orderId.isEmpty() ? selectedOrderId() : orderId;
    const model::MedicationOrder* o = order(id);
    if (s.ok() && !o)
        s = Error(ErrorCode::NotFound, tr("Select an order on the medication plan first."));
    if (!s.ok()) {
        Q_EMIT failed(s.error().message);
        return s;
    }
    AnnotationDialog dialog(m_env, m_chart.patientId, o->meta.id,
                            OrderText::drug(*o) + QStringLiteral(" · ") + OrderText::dose(*o), m_view);
    if (run(&dialog) == QDialog::Accepted)
        Q_EMIT recorded(tr("Annotation recorded on %1 — shown on the plan and the MAR.").arg(OrderText::drug(*o)));
    return {};
}

Status ChartRecorder::addNote()
{
    if (!m_env.mayRecord()) {
        const Error e(ErrorCode::Denied, tr("Your role may not record notes."));
        Q_EMIT failed(e.message);
        return e;
    }
    NoteDialog dialog(m_env, m_chart.patientId, m_view);
    if (run(&dialog) == QDialog::Accepted)
        Q_EMIT recorded(tr("Note recorded — saved on this device, not yet in the EHR."));
    return {};
}

Status ChartRecorder::reportAllergy()
{
    if (!m_env.mayRecord()) {
        const Error e(ErrorCode::Denied, tr("Your role may not record allergies."));
        Q_EMIT failed(e.message);
        return e;
    }
    AllergyDialog dialog(m_env, m_chart.patientId, m_view);
    if (run(&dialog) == QDialog::Accepted)
        Q_EMIT recorded(tr("Reported allergy recorded (unconfirmed) — saved on this device, not yet in the EHR."));
    return {};
}

} // namespace lantern::ui
