#pragma once
// The frame every record dialog shares: a form, a line for what went wrong,
// and Record / Cancel. Enter records (Record is the default button), Esc
// cancels. The dialog closes only after core stored the entry; on an error
// the message is shown and everything typed stays.

#include "core/common/Result.h"
#include "core/record/RecordEntry.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace lantern::ui {

class RecordDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RecordDialog(QWidget* parent = nullptr);

    // The stored entry, once accepted.
    const record::RecordEntry& entry() const { return m_entry; }
    QString problem() const;
    QPushButton* recordButton() const { return m_record; }

    void accept() override; // submit(); closes only on success

protected:
    // Stores the entry through core; the error is shown, the input kept.
    virtual Result<record::RecordEntry> submit() = 0;
    void showProblem(const QString& message);
    void clearProblem();
    QFormLayout* form() const { return m_form; }
    QVBoxLayout* top() const { return m_top; } // above the form (warnings, context)

private:
    QVBoxLayout* m_top;
    QFormLayout* m_form;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    QPushButton* m_record;
    record::RecordEntry m_entry;
};

} // namespace lantern::ui
