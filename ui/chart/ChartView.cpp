#include "ui/chart/ChartView.h"

#include "ui/chart/AllergyView.h"
#include "ui/chart/ChartNotices.h"
#include "ui/chart/EmergencySheetHtml.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
#include "ui/chart/PatientHeader.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace lantern::ui {

ChartView::ChartView(const model::PatientChart& chart, const QString& ward, const QString& bed, const Clock& clock,
                     QWidget* parent)
    : QWidget(parent), m_patientId(chart.patientId), m_header(new PatientHeader(chart, ward, bed, clock, this)),
      m_tabs(new QTabWidget(this)), m_active(new MedicationPlanModel(MedicationPlanModel::Which::Active, this)),
      m_inactive(new MedicationPlanModel(MedicationPlanModel::Which::Inactive, this)),
      m_home(new MedicationPlanModel(MedicationPlanModel::Which::Home, this)), m_mar(new MarModel(clock, this))
{
    setObjectName(QStringLiteral("chartView"));
    m_active->setChart(chart);
    m_inactive->setChart(chart);
    m_home->setChart(chart);
    m_mar->setChart(chart);

    auto* back = new QPushButton(tr("← Census"), this);
    back->setObjectName(QStringLiteral("backToCensus"));
    back->setToolTip(tr("Back to the ward census (Esc)"));
    auto* printMar = new QPushButton(tr("Print MAR"), this);
    auto* printSheet = new QPushButton(tr("Print emergency sheet"), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(back);
    bar->addStretch();
    bar->addWidget(printMar);
    bar->addWidget(printSheet);

    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildPlanTab(), tr("Medication plan"));
    auto* marTable = makeTable(m_mar);
    marTable->setObjectName(QStringLiteral("marTable"));
    marTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    marTable->setColumnWidth(0, 260);
    for (int c = 1; c < m_mar->columnCount(); ++c)
        marTable->setColumnWidth(c, 118);
    marTable->horizontalHeader()->setStretchLastSection(false);
    marTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Doses recorded on other PCs of the ward are not here: the MAR says so, always.
    auto* marPage = new QWidget(this);
    auto* marLayout = new QVBoxLayout(marPage);
    marLayout->setContentsMargins(0, 4, 0, 0);
    auto* thisPcOnly = new QLabel(ChartNotices::thisPcOnly(), marPage);
    thisPcOnly->setObjectName(QStringLiteral("marThisPcOnly"));
    thisPcOnly->setWordWrap(true);
    thisPcOnly->setStyleSheet(QStringLiteral("QLabel { color: #7A4F01; background: #FFF8E1; font-weight: bold; padding: 4px; }"));
    marLayout->addWidget(thisPcOnly);
    marLayout->addWidget(marTable, 1);
    m_tabs->addTab(marPage, tr("MAR (72 h)"));
    m_tabs->addTab(new AllergyView(chart, this), tr("Allergies"));
    auto* sheet = new QTextBrowser(this);
    sheet->setObjectName(QStringLiteral("emergencySheet"));
    sheet->setHtml(EmergencySheetHtml::build(chart));
    m_tabs->addTab(sheet, tr("Emergency sheet"));
    auto* notes = new QLabel(tr("Notes are read-only for now.\nRecording arrives with the reconciliation feature."), this);
    notes->setObjectName(QStringLiteral("notesPlaceholder"));
    notes->setAlignment(Qt::AlignCenter);
    notes->setStyleSheet(QStringLiteral("color: #4A5B6C; font-size: 12pt;"));
    m_tabs->addTab(notes, tr("Notes"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    // Resources of this patient Lantern could not read: named under the header, on every tab.
    const QStringList unreadable = ChartNotices::unreadableLines(chart);
    if (!unreadable.isEmpty()) {
        auto* notice = new QLabel(QStringLiteral("⚠ ") + unreadable.join(QStringLiteral("\n⚠ ")), this);
        notice->setObjectName(QStringLiteral("chartUnreadable"));
        notice->setWordWrap(true);
        notice->setTextFormat(Qt::PlainText);
        notice->setStyleSheet(QStringLiteral("QLabel { color: #7A2E00; background: #FFF3E0; border: 2px solid #E65100;"
                                             " font-weight: bold; padding: 4px 12px; }"));
        layout->addWidget(notice);
    }
    auto* inner = new QVBoxLayout;
    inner->setContentsMargins(12, 8, 12, 12);
    inner->addLayout(bar);
    inner->addWidget(m_tabs, 1);
    layout->addLayout(inner, 1);

    connect(back, &QPushButton::clicked, this, &ChartView::backRequested);
    connect(printMar, &QPushButton::clicked, this, [this] { Q_EMIT printMarRequested(m_patientId); });
    connect(printSheet, &QPushButton::clicked, this, [this] { Q_EMIT printEmergencySheetRequested(m_patientId); });
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(escape, &QShortcut::activated, this, &ChartView::backRequested);
}

QTableView* ChartView::makeTable(QAbstractItemModel* model)
{
    auto* table = new QTableView(this);
    table->setModel(model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(true);
    return table;
}

QWidget* ChartView::buildPlanTab()
{
    auto* page = new QWidget(this);
    auto* activeTable = makeTable(m_active);
    activeTable->setObjectName(QStringLiteral("activePlanTable"));
    auto* inactiveTable = makeTable(m_inactive);
    inactiveTable->setObjectName(QStringLiteral("inactivePlanTable"));
    const int widths[] = {260, 110, 110, 220, 130, 230, 90};
    auto* homeTable = makeTable(m_home);
    homeTable->setObjectName(QStringLiteral("homePlanTable"));
    for (int c = 0; c < MedicationPlanModel::ColumnCount; ++c) {
        activeTable->setColumnWidth(c, widths[c]);
        inactiveTable->setColumnWidth(c, widths[c]);
        homeTable->setColumnWidth(c, widths[c]);
    }
    auto* activeTitle = new QLabel(tr("Active orders (%1)").arg(m_active->rowCount()), page);
    activeTitle->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 12pt; color: #17324D;"));
    auto* inactiveTitle = new QLabel(tr("Discontinued, completed or on hold (%1)").arg(m_inactive->rowCount()), page);
    inactiveTitle->setStyleSheet(QStringLiteral("font-weight: bold; color: #6B6B6B;"));
    inactiveTable->setStyleSheet(QStringLiteral("QTableView { color: #6B6B6B; }"));
    // Statements are what the patient takes, not orders of this stay: their own section.
    auto* homeTitle = new QLabel(tr("Home medication (MedicationStatement) (%1)").arg(m_home->rowCount()), page);
    homeTitle->setObjectName(QStringLiteral("homePlanTitle"));
    homeTitle->setStyleSheet(QStringLiteral("font-weight: bold; color: #17324D;"));
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(activeTitle);
    layout->addWidget(activeTable, 3);
    layout->addWidget(homeTitle);
    layout->addWidget(homeTable, 2);
    layout->addWidget(inactiveTitle);
    layout->addWidget(inactiveTable, 2);
    return page;
}

} // namespace lantern::ui
