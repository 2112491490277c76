#pragma once
// The safety warnings of an administration (allergy, interval, discontinued
// order), shown above the form in red, each with its own "I have checked
// this" box. Recording goes ahead only when every box is ticked; what was
// confirmed goes to the Recorder, which stores the warnings and the decision.
// The sentences are worded here from core's findings (SafetyWarningText).

#include "core/record/RecordEntry.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QVBoxLayout;

namespace lantern::ui {

class SafetyWarningPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SafetyWarningPanel(QWidget* parent = nullptr);

    // Replaces the warnings; a confirmation stays ticked for a warning of the same kind and text.
    void setWarnings(const QList<record::SafetyWarning>& warnings);
    const QList<record::SafetyWarning>& warnings() const { return m_warnings; }
    bool allConfirmed() const;
    // The warnings the person confirmed (overridden = true).
    QList<record::SafetyWarning> confirmed() const;
    // Ticks every box (tests, screenshots).
    void confirmAll();
    QList<QCheckBox*> boxes() const { return m_boxes; }
    // The title of a stored kind ("ALLERGY"), and of a warning (more precise while recording).
    static QString kindTitle(const QString& kind);
    static QString title(const record::SafetyWarning& warning);

Q_SIGNALS:
    void confirmationChanged();

private:
    QVBoxLayout* m_layout;
    QList<record::SafetyWarning> m_warnings;
    QList<QCheckBox*> m_boxes;
    QList<QWidget*> m_items;
};

} // namespace lantern::ui
