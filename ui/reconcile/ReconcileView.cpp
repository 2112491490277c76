#include "ui/reconcile/ReconcileView.h"

#include "ui/common/Format.h"
#include "ui/print/PrintService.h"
#include "ui/print/ReconcileReportPrint.h"
#include "ui/reconcile/EntryPrefill.h"
#include "ui/reconcile/OutboxModel.h"
#include "ui/record/AdministrationDialog.h"
#include "core/access/PatientAccess.h"
#include "core/access/ServiceRequests.h"
#include "core/record/ConflictResolver.h"
#include "core/record/ReconcileReport.h"
#include "ui/record/SafetyWarningPanel.h"
#include "ui/record/SimpleRecordDialogs.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace lantern::ui {

ReconcileView::ReconcileView(const RecordEnv& env, const sync::MirrorStatus& status, QWidget* parent)
    : QWidget(parent), m_env(env), m_printer(std::make_unique<PrintService>(env.session, env.clock)),
      m_model(new OutboxModel(env.session.vault(), this)), m_table(new QTableView(this)),
      m_stateFilter(new QComboBox(this)), m_downtimeFilter(new QComboBox(this)), m_counts(new QLabel(this)),
      m_detail(new QLabel(this)), m_note(new QLineEdit(this)),
      m_uploadAnyway(new QPushButton(tr("Upload anyway"), this)),
      m_duplicate(new QPushButton(tr("Mark as duplicate"), this)), m_amend(new QPushButton(tr("Amend…"), this)),
      m_reconcile(new QPushButton(tr("Reconcile now"), this)), m_cancel(new QPushButton(tr("Stop"), this)),
      m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("reconcileView"));
    m_printer->setStatus(status);
    m_status = status;

    auto* back = new QPushButton(tr("← Census"), this);
    back->setObjectName(QStringLiteral("reconcileBack"));
    back->setToolTip(tr("Back to the ward census (Esc)"));
    auto* title = new QLabel(tr("Reconciliation"), this);
    title->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 15pt; color: #17324D;"));
    m_stateFilter->setObjectName(QStringLiteral("stateFilter"));
    m_stateFilter->addItem(tr("All states"), -1);
    for (record::EntryState s : {record::EntryState::Pending, record::EntryState::Conflict, record::EntryState::Uploaded,
                                 record::EntryState::Duplicate, record::EntryState::Superseded,
                                 record::EntryState::EnteredInError})
        m_stateFilter->addItem(OutboxModel::stateText(s), int(s));
    m_downtimeFilter->setObjectName(QStringLiteral("downtimeFilter"));
    m_downtimeFilter->setMinimumContentsLength(24);
    auto* stateLabel = new QLabel(tr("&State:"), this);
    stateLabel->setBuddy(m_stateFilter);
    auto* downtimeLabel = new QLabel(tr("&Downtime:"), this);
    downtimeLabel->setBuddy(m_downtimeFilter);
    auto* printReport = new QPushButton(tr("Print report…"), this);
    printReport->setObjectName(QStringLiteral("printReconcileReport"));
    printReport->setToolTip(tr("The reconciliation report of the chosen downtime (entries, conflicts, decisions)"));
    m_reconcile->setObjectName(QStringLiteral("reconcileNow"));
    m_reconcile->setToolTip(tr("Upload the pending entries to the EHR now (runs in the background)"));
    m_cancel->hide();
    m_progress->hide();
    m_progress->setMaximumWidth(180);

    auto* top = new QHBoxLayout;
    top->addWidget(back);
    top->addSpacing(12);
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(stateLabel);
    top->addWidget(m_stateFilter);
    top->addWidget(downtimeLabel);
    top->addWidget(m_downtimeFilter);
    top->addStretch();
    top->addWidget(m_progress);
    top->addWidget(m_cancel);
    top->addWidget(m_reconcile);
    top->addWidget(printReport);

    m_table->setObjectName(QStringLiteral("outboxTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int widths[] = {220, 190, 150, 150, 95, 300, 200};
    for (int c = 0; c < OutboxModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);

    m_counts->setObjectName(QStringLiteral("outboxCounts"));
    m_detail->setObjectName(QStringLiteral("entryDetail"));
    m_detail->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("decisionNote"));
    m_note->setPlaceholderText(tr("Decision note (optional), e.g. \"back-charted from paper at 10:15\""));
    m_uploadAnyway->setObjectName(QStringLiteral("uploadAnyway"));
    m_uploadAnyway->setToolTip(tr("File the entry in the EHR as recorded, without the order and duplicate checks"));
    m_duplicate->setObjectName(QStringLiteral("markDuplicate"));
    m_duplicate->setToolTip(tr("The EHR already has this (e.g. back-charted from paper): keep it here, never upload"));
    m_amend->setObjectName(QStringLiteral("amendEntry"));
    m_amend->setToolTip(tr("Record a corrected entry that replaces this one"));
    auto* decisions = new QHBoxLayout;
    auto* decideLabel = new QLabel(m_env.mayResolve() ? tr("Decide the selected conflict:")
                                                      : tr("Conflicts are decided by a physician."),
                                   this);
    decideLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    decisions->addWidget(decideLabel);
    decisions->addWidget(m_note, 1);
    decisions->addWidget(m_uploadAnyway);
    decisions->addWidget(m_duplicate);
    decisions->addWidget(m_amend);
    const bool physician = m_env.mayResolve();
    m_note->setVisible(physician);
    m_uploadAnyway->setVisible(physician);
    m_duplicate->setVisible(physician);
    m_amend->setVisible(physician);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->addLayout(top);
    layout->addWidget(m_counts);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);
    layout->addLayout(decisions);

    connect(back, &QPushButton::clicked, this, &ReconcileView::backRequested);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &ReconcileView::backRequested);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, &ReconcileView::applyFilters);
    connect(m_downtimeFilter, &QComboBox::currentIndexChanged, this, &ReconcileView::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReconcileView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReconcileView::updateActions);
    connect(m_uploadAnyway, &QPushButton::clicked, this, [this] { (void)decide(record::Decision::UploadAnyway); });
    connect(m_duplicate, &QPushButton::clicked, this, [this] { (void)decide(record::Decision::MarkDuplicate); });
    connect(m_amend, &QPushButton::clicked, this, [this] { (void)amend(); });
    connect(m_reconcile, &QPushButton::clicked, this, &ReconcileView::reconcileNow);
    connect(m_cancel, &QPushButton::clicked, this, &ReconcileView::cancelReconcile);
    connect(printReport, &QPushButton::clicked, this, &ReconcileView::printReport);

    const Status loaded = reload();
    if (!loaded.ok())
        m_counts->setText(loaded.error().message);
    m_table->setFocus();
}

ReconcileView::~ReconcileView() = default;

void ReconcileView::setStatus(const sync::MirrorStatus& status)
{
    m_status = status;
    m_printer->setStatus(status);
}

QString ReconcileView::currentDowntime() const
{
    return m_downtimeFilter->currentData().toString();
}

QHash<QString, PrintIdentity> ReconcileView::identities()
{
    QHash<QString, PrintIdentity> out;
    auto patients = records::PatientRecords(m_env.session.vault()).patients();
    if (!patients.ok())
        return out;
    for (const vault::PatientIndexRow& p : std::as_const(*patients)) {
        PrintIdentity who;
        who.patientId = p.id;
        who.name = p.given.isEmpty() ? p.family.toUpper() : p.family.toUpper() + QStringLiteral(", ") + p.given;
        who.birthDate = Format::fhirDate(p.birthDate);
        who.mrn = p.mrn;
        out.insert(p.id, who);
    }
    return out;
}

Status ReconcileView::reload()
{
    const QString selected = selectedUuid();
    QHash<QString, QString> names;
    const QHash<QString, PrintIdentity> who = identities();
    for (auto it = who.begin(); it != who.end(); ++it)
        names.insert(it.key(), it->mrn.isEmpty() ? it->name : it->name + QStringLiteral(" · ") + it->mrn);
    m_model->setPatientNames(names);

    auto downtimes = record::ReconcileReport::downtimes(m_env.session.vault());
    if (downtimes.ok()) {
        const QString current = currentDowntime();
        const QSignalBlocker block(m_downtimeFilter);
        m_downtimeFilter->clear();
        m_downtimeFilter->addItem(tr("All downtimes"), QString());
        for (const QString& d : std::as_const(*downtimes))
            m_downtimeFilter->addItem(d, d);
        m_downtimeFilter->setCurrentIndex(qMax(0, m_downtimeFilter->findData(current)));
        m_model->setDowntimeFilter(currentDowntime());
    }
    LANTERN_TRY(m_model->reload());
    auto counts = vault::OutboxRepository(m_env.session.vault().db()).counts(currentDowntime());
    if (counts.ok()) {
        m_counts->setText(tr("%1 pending · %2 in conflict · %3 uploaded · %4 duplicate · %5 superseded · %6 entered in error")
                              .arg(counts->pending)
                              .arg(counts->conflict)
                              .arg(counts->uploaded)
                              .arg(counts->duplicate)
                              .arg(counts->superseded)
                              .arg(counts->enteredInError));
    }
    if (!selected.isEmpty())
        selectEntry(selected);
    updateActions();
    return {};
}

void ReconcileView::applyFilters()
{
    const int state = m_stateFilter->currentData().toInt();
    m_model->setStateFilter(state < 0 ? std::nullopt : std::optional<record::EntryState>(static_cast<record::EntryState>(state)));
    m_model->setDowntimeFilter(currentDowntime());
    const Status s = reload();
    if (!s.ok())
        Q_EMIT message(s.error().message);
}

bool ReconcileView::selectEntry(const QString& uuid)
{
    const int row = m_model->rowOf(uuid);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_model->index(row, 0));
    return true;
}

QString ReconcileView::selectedUuid() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.siblingAtColumn(0).data(OutboxModel::UuidRole).toString() : QString();
}

void ReconcileView::updateActions()
{
    const record::OutboxItem* it = m_model->itemAt(m_table->currentIndex().row());
    const bool conflict = it && it->state == record::EntryState::Conflict;
    const bool mayDecide = conflict && m_env.mayResolve();
    m_uploadAnyway->setEnabled(mayDecide);
    m_duplicate->setEnabled(mayDecide);
    m_amend->setEnabled(mayDecide && it->entry.kind != record::EntryKind::DowntimeAdmission);
    if (!it) {
        m_detail->clear();
        return;
    }
    QString d = QStringLiteral("<b>%1</b> · %2 · %3").arg(OutboxModel::kindText(it->entry.kind),
                                                          m_model->patientName(it->entry.patientId).toHtmlEscaped(),
                                                          OutboxModel::stateText(it->state));
    if (it->conflict)
        d += QStringLiteral("<br><span style='color:#B71C1C'>") + OutboxModel::reasonText(*it->conflict)
             + (it->conflictDetail.isEmpty() ? QString() : QStringLiteral(": ") + it->conflictDetail.toHtmlEscaped())
             + QStringLiteral("</span>");
    if (!it->entry.warnings.isEmpty()) {
        QStringList kinds;
        for (const record::SafetyWarning& w : it->entry.warnings)
            kinds << SafetyWarningPanel::kindTitle(w.kind);
        d += QStringLiteral("<br>") + tr("Safety warnings confirmed when recorded: %1").arg(kinds.join(QStringLiteral(", ")));
    }
    m_detail->setText(d);
}

Status ReconcileView::decide(record::Decision decision, const QString& uuid)
{
    const QString id = uuid.isEmpty() ? selectedUuid() : uuid;
    if (id.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Select an entry first."));
    const Status s = record::ConflictResolver(m_env.session.vault(), m_env.session.user().username, m_env.clock)
                         .decide(id, decision, m_note->text().trimmed());
    if (!s.ok()) {
        Q_EMIT message(s.error().message);
        return s;
    }
    m_note->clear();
    LANTERN_TRY(reload());
    Q_EMIT message(tr("Decision recorded: %1.").arg(OutboxModel::decisionText(decision)));
    Q_EMIT entriesChanged();
    return {};
}

Status ReconcileView::amend(const QString& uuid)
{
    const QString id = uuid.isEmpty() ? selectedUuid() : uuid;
    auto item = vault::OutboxRepository(m_env.session.vault().db()).item(id);
    if (!item.ok())
        return item.error();
    if (!item->has_value())
        return Error(ErrorCode::NotFound, tr("Select an entry first."));
    const record::RecordEntry& e = (*item)->entry;
    Status s;
    if (!m_env.mayResolve())
        s = Error(ErrorCode::Denied, tr("Only a physician may amend an entry in conflict."));
    else if ((*item)->state != record::EntryState::Conflict)
        s = Error(ErrorCode::Conflict, tr("Only entries in conflict are amended here."));
    if (!s.ok()) {
        Q_EMIT message(s.error().message);
        return s;
    }
    std::unique_ptr<RecordDialog> dialog;
    switch (e.kind) {
    case record::EntryKind::Administration: {
        auto chart = records::PatientRecords(m_env.session.vault()).chart(e.patientId);
        if (!chart.ok())
            return chart.error();
        const model::MedicationOrder* order = nullptr;
        for (const model::MedicationOrder& o : chart->orders) {
            if (o.meta.id == e.orderId)
                order = &o;
        }
        if (!order)
            return Error(ErrorCode::NotFound, tr("The order of this entry is no longer in the vault; record a note instead."));
        auto d = std::make_unique<AdministrationDialog>(m_env, *chart, *order, this);
        d->prefill(prefill::administration(e));
        dialog = std::move(d);
        break;
    }
    case record::EntryKind::Note: {
        auto d = std::make_unique<NoteDialog>(m_env, e.patientId, this);
        d->prefill(prefill::note(e));
        dialog = std::move(d);
        break;
    }
    case record::EntryKind::OrderAnnotation: {
        auto d = std::make_unique<AnnotationDialog>(m_env, e.patientId, e.orderId, OutboxModel::kindText(e.kind), this);
        d->prefill(prefill::annotation(e));
        dialog = std::move(d);
        break;
    }
    case record::EntryKind::ReportedAllergy: {
        auto d = std::make_unique<AllergyDialog>(m_env, e.patientId, this);
        d->prefill(prefill::allergy(e));
        dialog = std::move(d);
        break;
    }
    case record::EntryKind::DowntimeAdmission:
        return Error(ErrorCode::Unsupported, tr("A downtime admission cannot be amended here; upload it or mark it."));
    }
    Q_EMIT dialogOpened(dialog.get());
    if (dialog->exec() != QDialog::Accepted)
        return {};
    LANTERN_TRY(reload());
    selectEntry(dialog->entry().uuid);
    Q_EMIT message(tr("Amended: the corrected entry replaces the one in conflict."));
    Q_EMIT entriesChanged();
    return {};
}

Result<int> ReconcileView::printReportToPdf(const QString& path)
{
    auto sections = ReconcileReportPrint::build(m_env.session.vault(), currentDowntime(), identities(), m_env.clock);
    if (!sections.ok())
        return sections.error();
    return m_printer->toPdf(path, *sections, QLatin1String(ReconcileReportPrint::kKind));
}

void ReconcileView::printReport()
{
    auto sections = ReconcileReportPrint::build(m_env.session.vault(), currentDowntime(), identities(), m_env.clock);
    if (!sections.ok()) {
        Q_EMIT message(sections.error().message);
        return;
    }
    auto pages = m_printer->withDialog(this, *sections, QLatin1String(ReconcileReportPrint::kKind));
    if (!pages.ok())
        Q_EMIT message(pages.error().message);
}

void ReconcileView::reconcileNow()
{
    if (!m_pendingRequest.isEmpty())
        return;
    access::PatientAccess gate(m_env.session, m_env.clock);
    auto request = access::ServiceRequests(gate, m_env.session.vault(), m_env.clock).requestReconciliation();
    if (!request.ok()) {
        Q_EMIT message(request.error().message);
        return;
    }
    m_pendingRequest = request->id;
    m_reconcile->setEnabled(false);
    m_progress->setRange(0, 0); // busy until the service reports
    m_progress->show();
    m_cancel->show();
    Q_EMIT message(m_status.serviceDown
                       ? tr("Reconciliation requested, but the mirror service is not running: it starts when the service runs again. Tell IT.")
                       : tr("Reconciliation requested: the mirror service runs it in the background…"));
}

void ReconcileView::cancelReconcile()
{
    access::PatientAccess gate(m_env.session, m_env.clock);
    const Status cancelled = access::ServiceRequests(gate, m_env.session.vault(), m_env.clock).cancelReconciliation();
    if (!cancelled.ok())
        Q_EMIT message(cancelled.error().message);
}

void ReconcileView::setServiceProgress(const service::ReconcileProgress& progress)
{
    if (m_pendingRequest.isEmpty() || progress.requestId != m_pendingRequest)
        return;
    if (!progress.finished) {
        m_progress->setMaximum(qMax(progress.total, 1));
        m_progress->setValue(progress.done);
        return;
    }
    m_pendingRequest.clear();
    onReconcileFinished(progress);
}

void ReconcileView::onReconcileFinished(const service::ReconcileProgress& result)
{
    m_reconcile->setEnabled(true);
    m_progress->hide();
    m_cancel->hide();
    (void)reload();
    QString text = tr("Reconciliation: %1 filed, %2 new conflicts, %3 pending, %4 conflicts open.")
                       .arg(result.uploaded)
                       .arg(result.conflicts)
                       .arg(result.pendingLeft)
                       .arg(result.conflictsOpen);
    if (result.end != sync::runEndName(sync::RunEnd::Done) && !result.message.isEmpty())
        text += QLatin1Char(' ') + tr("Stopped: %1").arg(result.message);
    Q_EMIT message(text);
    Q_EMIT entriesChanged();
    Q_EMIT reconcileFinished(result);
}

} // namespace lantern::ui
