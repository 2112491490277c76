#pragma once
// Everything shown while the vault is unlocked: the status banner, the
// census and the open chart, and the print actions. It owns the Session, so
// destroying it (locking) drops every patient datum and closes the vault in
// one step.

#include "access/Session.h"
#include "common/Clock.h"
#include "mirror/MirrorEngine.h"
#include "print/PagedReport.h"
#include "records/CensusQuery.h"
#include "records/PatientRecords.h"

#include <QWidget>

#include <memory>

class QStackedWidget;

namespace lantern::ui {

class CensusModel;
class CensusView;
class ChartView;
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
    CensusView* censusView() const { return m_census; }
    CensusModel* censusModel() const { return m_censusModel; }
    ChartView* chartView() const { return m_chart; }
    QString currentPatientId() const;
    int currentTab() const;

    Status reloadCensus();
    // Opens a patient's chart (audited as ViewPatient).
    Status openChart(const QString& patientId, int tab = 0);
    void showCensus();

    // Writes a printout to a PDF file without a dialog (tests, screenshots, "save as PDF").
    Result<int> printToPdf(Printout what, const QString& patientId, const QString& path);

public Q_SLOTS:
    void setStatus(const lantern::sync::MirrorStatus& status);

Q_SIGNALS:
    // The window title to show: user on the census, the patient in a chart.
    void titleChanged(const QString& title);
    void errorOccurred(const QString& message);

private:
    Result<QList<PrintSection>> sections(Printout what, const QString& patientId);
    const records::CensusRow* rowOf(const QString& patientId) const;
    void print(Printout what, const QString& patientId);
    static QString kindName(Printout what);

    std::unique_ptr<access::Session> m_session;
    const Clock& m_clock;
    records::PatientRecords m_records;
    std::unique_ptr<PrintService> m_printer;
    QList<records::CensusRow> m_rows;
    StatusBanner* m_banner;
    CensusModel* m_censusModel;
    CensusView* m_census;
    QStackedWidget* m_stack;
    ChartView* m_chart = nullptr;
};

} // namespace lantern::ui
