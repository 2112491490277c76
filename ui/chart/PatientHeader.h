#pragma once
// The identity strip above every chart tab; it never scrolls away: name,
// birth date and age, sex, MRN, ward and bed, and the allergy badge; above
// the name, for a record the EHR no longer uses, "MERGED into ... - do not use"
// or "INACTIVE record" (core decides: records::markOf).

#include "core/common/Clock.h"
#include "core/model/PatientChart.h"

#include <QFrame>

class QLabel;

namespace lantern::ui {

class PatientHeader : public QFrame
{
    Q_OBJECT

public:
    PatientHeader(const model::PatientChart& chart, const QString& ward, const QString& bed, const Clock& clock,
                  QWidget* parent = nullptr);

    QString nameText() const;
    QString allergyBadgeText() const;
    // The merged / inactive mark as shown; empty for an ordinary record.
    QString recordMarkText() const;
    static QString markText(const model::PatientChart& chart);

    static QString patientName(const model::PatientChart& chart);

private:
    QLabel* m_name;
    QLabel* m_badge;
    QLabel* m_mark = nullptr;
};

} // namespace lantern::ui
