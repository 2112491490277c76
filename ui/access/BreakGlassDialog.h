#pragma once
// Opening the chart of a patient who is not on one of the user's wards
// ("break the glass"): the MRN from the wristband or the transfer sheet and
// a reason chosen from a short list. The reason is a code, so it can go into
// the audit chain, which must never hold free text.

#include <QDialog>
#include <QStringList>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;

namespace lantern::ui {

class BreakGlassDialog : public QDialog
{
    Q_OBJECT

public:
    explicit BreakGlassDialog(QWidget* parent = nullptr);

    // The coded reasons, as stored in the audit entry ("reason=emergency").
    static QStringList reasonCodes();
    static QString reasonText(const QString& code);

    QString mrn() const;
    QString reasonCode() const; // empty until one is chosen
    QLineEdit* mrnField() const { return m_mrn; }
    void setMrn(const QString& mrn);
    void setReason(const QString& code);
    // Shown when the MRN was not found, so the person can correct it.
    void showProblem(const QString& text);

private:
    void updateButton();

    QLineEdit* m_mrn;
    QButtonGroup* m_reasons;
    QLabel* m_problem;
    QPushButton* m_open;
};

} // namespace lantern::ui
