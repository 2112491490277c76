#include "ui/census/CensusView.h"

#include "ui/census/BadgeDelegate.h"
#include "ui/census/CensusFilterProxy.h"
#include "ui/census/CensusModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace lantern::ui {

CensusView::CensusView(CensusModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new CensusFilterProxy(this)), m_search(new QLineEdit(this)),
      m_table(new QTableView(this)), m_count(new QLabel(this)), m_breakGlass(new QPushButton(tr("Other ward…"), this)),
      m_admit(new QPushButton(tr("Downtime admission…"), this))
{
    setObjectName(QStringLiteral("censusView"));
    m_proxy->setSourceModel(model);

    auto* title = new QLabel(tr("Ward census"), this);
    title->setObjectName(QStringLiteral("screenTitle"));
    m_search->setObjectName(QStringLiteral("censusSearch"));
    m_search->setPlaceholderText(tr("Type to filter by name, bed or MRN …"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);

    auto* printCensus = new QPushButton(tr("Print census"), this);
    auto* printMar = new QPushButton(tr("Print ward MAR"), this);
    printCensus->setObjectName(QStringLiteral("printCensusButton"));
    printMar->setObjectName(QStringLiteral("printWardMarButton"));

    m_breakGlass->setObjectName(QStringLiteral("breakGlassButton"));
    m_breakGlass->setToolTip(tr("Open the chart of a patient on another ward (break-glass: reason required, audited)"));
    m_breakGlass->hide();
    m_admit->setObjectName(QStringLiteral("admitButton"));
    m_admit->setToolTip(tr("Admit a patient during downtime: identifier from this device's range"));
    m_admit->hide();
    auto* reconcile = new QPushButton(tr("Reconciliation…"), this);
    reconcile->setObjectName(QStringLiteral("reconciliationButton"));
    reconcile->setToolTip(tr("Entries recorded during downtime: pending, uploaded, conflicts (Ctrl+Shift+R)"));

    auto* top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(16);
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    top->addStretch();
    top->addWidget(m_breakGlass);
    top->addWidget(m_admit);
    top->addWidget(reconcile);
    top->addWidget(printCensus);
    top->addWidget(printMar);

    m_table->setObjectName(QStringLiteral("censusTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CensusModel::Bed, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    auto* badges = new BadgeDelegate(m_table);
    m_table->setItemDelegateForColumn(CensusModel::Allergies, badges);
    m_table->setItemDelegateForColumn(CensusModel::Pending, badges);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(30);
    m_table->setWordWrap(false);
    auto* header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(CensusModel::Allergies, QHeaderView::Stretch);
    header->setHighlightSections(false);
    const int widths[] = {110, 80, 220, 110, 100, 0, 90, 140, 70};
    for (int c = 0; c < CensusModel::ColumnCount; ++c) {
        if (widths[c] > 0)
            m_table->setColumnWidth(c, widths[c]);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setSearchText(text);
        selectFirstIfNone();
        updateCount();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { activate(m_table->currentIndex()); });
    connect(m_table, &QTableView::activated, this, &CensusView::activate);
    connect(m_table, &QTableView::doubleClicked, this, &CensusView::activate);
    connect(printCensus, &QPushButton::clicked, this, &CensusView::printCensusRequested);
    connect(printMar, &QPushButton::clicked, this, &CensusView::printWardMarRequested);
    connect(m_breakGlass, &QPushButton::clicked, this, &CensusView::breakGlassRequested);
    connect(m_admit, &QPushButton::clicked, this, &CensusView::admissionRequested);
    connect(reconcile, &QPushButton::clicked, this, &CensusView::reconciliationRequested);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        selectFirstIfNone();
        updateCount();
    });
    m_search->installEventFilter(this);
    m_table->installEventFilter(this);
    updateCount();
}

void CensusView::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

QString CensusView::currentPatientId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(CensusModel::PatientIdRole).toString() : QString();
}

bool CensusView::selectPatient(const QString& patientId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, CensusModel::Name);
        if (index.data(CensusModel::PatientIdRole).toString() == patientId) {
            m_table->setCurrentIndex(index);
            m_table->scrollTo(index);
            return true;
        }
    }
    return false;
}

void CensusView::setBreakGlassAvailable(bool available)
{
    m_breakGlass->setVisible(available);
}

void CensusView::setAdmissionAvailable(bool available)
{
    m_admit->setVisible(available);
}

void CensusView::activate(const QModelIndex& proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const QString id = proxyIndex.siblingAtColumn(0).data(CensusModel::PatientIdRole).toString();
    if (!id.isEmpty())
        Q_EMIT patientActivated(id);
}

void CensusView::updateCount()
{
    m_count->setText(tr("%1 of %2 patients").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void CensusView::selectFirstIfNone()
{
    if (m_proxy->rowCount() == 0)
        return;
    if (!m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_proxy->index(0, CensusModel::Name));
}

bool CensusView::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_search) {
        // Arrows in the search field move through the table.
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown
            || key->key() == Qt::Key_PageUp) {
            QApplication::sendEvent(m_table, event);
            return true;
        }
    } else if (watched == m_table) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            activate(m_table->currentIndex());
            return true;
        }
        // Typing in the table goes to the search field.
        if (!key->text().isEmpty() && key->text().at(0).isPrint() && !(key->modifiers() & Qt::ControlModifier)) {
            m_search->setFocus();
            m_search->insert(key->text());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace lantern::ui
