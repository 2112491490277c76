#pragma once
// Records one administration of an order from the medication plan or the
// MAR: given, not given (with reason) or held (with reason); dose and route
// prefilled from the order; site; the time (now, editable within the
// Recorder's window); a witness for high-alert drugs; a note. The safety
// checks run as the form changes and their warnings must each be confirmed
// before Record stores the entry. A high-alert drug recorded as given needs a
// witness: another user of this device, entered by username.

#include "core/model/PatientChart.h"
#include "core/record/DoseParser.h"
#include "ui/record/RecordDialog.h"
#include "ui/record/RecordEnv.h"
#include "ui/record/UserDirectory.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTimer;

namespace lantern::ui {

class SafetyWarningPanel;

class AdministrationDialog : public RecordDialog
{
    Q_OBJECT

public:
    AdministrationDialog(const RecordEnv& env, const model::PatientChart& chart, const model::MedicationOrder& order,
                         QWidget* parent = nullptr);

    // Amending an entry: the form starts from what it said, and the new entry replaces it.
    void prefill(const record::AdministrationInput& input);

    record::AdministrationInput input() const;
    SafetyWarningPanel* warnings() const { return m_warnings; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* reasonField() const { return m_reason; }
    QLineEdit* doseField() const { return m_dose; }
    QLineEdit* routeField() const { return m_route; }
    QLineEdit* witnessField() const { return m_witness; }
    QLabel* witnessNameLabel() const { return m_witnessName; }
    QDateTimeEdit* timeField() const { return m_time; }
    // Runs the safety checks for the current input now (also done as the form changes).
    void runChecks();
    // A witness is needed for this drug: core's decision (record::needsWitness, drug-class table).
    static bool isHighAlert(const model::MedicationOrder& order);
    // Why core's dose parser refused the typed dose, in the reader's language; empty when it did not.
    static QString doseProblemText(const record::ParsedDose& parsed);
    bool needsWitness() const; // high-alert and recorded as given

protected:
    Result<record::RecordEntry> submit() override;

private:
    void updateState();
    void updateWitnessName();
    // Why the witness cannot be accepted (translated), or empty.
    QString witnessProblem(const QString& witness) const;

    RecordEnv m_env;
    QString m_patientId;
    QString m_orderId;
    QString m_amends;
    model::Quantity m_orderDose;
    bool m_highAlert;
    SafetyWarningPanel* m_warnings;
    QComboBox* m_outcome;
    QLineEdit* m_reason;
    QLineEdit* m_dose;
    QLineEdit* m_route;
    QLineEdit* m_site;
    QDateTimeEdit* m_time;
    QLineEdit* m_witness;
    QLabel* m_witnessName;
    UserDirectory m_users;
    QLineEdit* m_note;
    QLabel* m_checkProblem;
    QTimer* m_recheck;
};

} // namespace lantern::ui
