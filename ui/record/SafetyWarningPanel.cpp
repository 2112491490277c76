#include "ui/record/SafetyWarningPanel.h"

#include "ui/record/SafetyWarningText.h"

#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace lantern::ui {

SafetyWarningPanel::SafetyWarningPanel(QWidget* parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("safetyWarnings"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    hide();
}

QString SafetyWarningPanel::kindTitle(const QString& kind)
{
    if (kind == QLatin1String("allergy"))
        return tr("ALLERGY");
    if (kind == QLatin1String("interval"))
        return tr("TOO SOON AFTER THE LAST DOSE");
    if (kind == QLatin1String("discontinued-order"))
        return tr("ORDER DISCONTINUED");
    if (kind == QLatin1String("order-on-hold"))
        return tr("ORDER ON HOLD OR NOT ACTIVE");
    if (kind == QLatin1String("dose"))
        return tr("DOSE DIFFERS FROM THE ORDER");
    return kind.toUpper();
}

QString SafetyWarningPanel::title(const record::SafetyWarning& warning)
{
    if (warning.finding.code == record::SafetyCode::MaxDosePerPeriod)
        return tr("MAXIMUM DOSE EXCEEDED");
    if (warning.finding.code == record::SafetyCode::AllergyCrossReactivity)
        return tr("POSSIBLE CROSS-ALLERGY");
    if (warning.finding.code == record::SafetyCode::Interval && warning.finding.otherOrder)
        return tr("SAME INGREDIENT GIVEN RECENTLY");
    return kindTitle(warning.kind);
}

void SafetyWarningPanel::setWarnings(const QList<record::SafetyWarning>& warnings)
{
    QList<QPair<QString, QString>> wasConfirmed;
    for (int i = 0; i < m_boxes.size(); ++i) {
        if (m_boxes.at(i)->isChecked())
            wasConfirmed.append({m_warnings.at(i).kind, m_warnings.at(i).message});
    }
    qDeleteAll(m_items);
    m_items.clear();
    m_boxes.clear();
    m_warnings = warnings;
    for (const record::SafetyWarning& w : warnings) {
        auto* frame = new QFrame(this);
        frame->setObjectName(QStringLiteral("safetyWarning"));
        frame->setStyleSheet(QStringLiteral("QFrame#safetyWarning { background: #FFEBEE; border: 2px solid #B71C1C; "
                                            "border-radius: 4px; } QLabel { color: #7F0000; }"));
        auto* heading = new QLabel(QStringLiteral("⚠ ") + title(w), frame);
        heading->setStyleSheet(QStringLiteral("font-weight: bold; font-size: 12pt;"));
        auto* text = new QLabel(SafetyWarningText::text(w), frame);
        text->setObjectName(QStringLiteral("safetyWarningText"));
        text->setTextFormat(Qt::PlainText); // drug and substance names come from foreign data
        text->setWordWrap(true);
        auto* box = new QCheckBox(tr("I have checked this warning and record anyway"), frame);
        box->setObjectName(QStringLiteral("confirmWarning"));
        box->setChecked(wasConfirmed.contains({w.kind, w.message}));
        connect(box, &QCheckBox::toggled, this, &SafetyWarningPanel::confirmationChanged);
        auto* inner = new QVBoxLayout(frame);
        inner->addWidget(heading);
        inner->addWidget(text);
        inner->addWidget(box);
        m_layout->addWidget(frame);
        m_items.append(frame);
        m_boxes.append(box);
    }
    setVisible(!warnings.isEmpty());
    Q_EMIT confirmationChanged();
}

bool SafetyWarningPanel::allConfirmed() const
{
    for (const QCheckBox* b : m_boxes) {
        if (!b->isChecked())
            return false;
    }
    return true;
}

QList<record::SafetyWarning> SafetyWarningPanel::confirmed() const
{
    QList<record::SafetyWarning> out;
    for (int i = 0; i < m_boxes.size(); ++i) {
        if (m_boxes.at(i)->isChecked()) {
            record::SafetyWarning w = m_warnings.at(i);
            w.overridden = true;
            out.append(w);
        }
    }
    return out;
}

void SafetyWarningPanel::confirmAll()
{
    for (QCheckBox* b : std::as_const(m_boxes))
        b->setChecked(true);
}

} // namespace lantern::ui
