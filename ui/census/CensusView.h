#pragma once
// The ward census screen: a search field over a sortable table. Typing
// anywhere filters; arrows move; Enter (or a double click) opens the chart.

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace lantern::ui {

class CensusModel;
class CensusFilterProxy;

class CensusView : public QWidget
{
    Q_OBJECT

public:
    explicit CensusView(CensusModel* model, QWidget* parent = nullptr);

    QLineEdit* searchField() const { return m_search; }
    QTableView* table() const { return m_table; }
    CensusFilterProxy* proxy() const { return m_proxy; }
    void focusSearch();
    // The patient of the current row (empty if none) and selecting one by id.
    QString currentPatientId() const;
    bool selectPatient(const QString& patientId);
    // Shows the "Other ward…" (break-glass) button for roles that may use it.
    void setBreakGlassAvailable(bool available);
    // Shows "Downtime admission…" for roles that may record.
    void setAdmissionAvailable(bool available);

Q_SIGNALS:
    void patientActivated(const QString& patientId);
    void printCensusRequested();
    void printWardMarRequested();
    void breakGlassRequested();
    void admissionRequested();
    void reconciliationRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void activate(const QModelIndex& proxyIndex);
    void updateCount();
    void selectFirstIfNone();

    CensusModel* m_model;
    CensusFilterProxy* m_proxy;
    QLineEdit* m_search;
    QTableView* m_table;
    QLabel* m_count;
    QPushButton* m_breakGlass;
    QPushButton* m_admit;
};

} // namespace lantern::ui
