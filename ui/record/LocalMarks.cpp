#include "ui/record/LocalMarks.h"

#include "ui/common/Format.h"

#include <QStringList>

namespace lantern::ui {

QString LocalMarks::state(const model::LocalEntryMark& mark)
{
    if (mark.state == QLatin1String("conflict"))
        return tr("recorded in downtime, in conflict: waits for review");
    if (mark.state == QLatin1String("uploaded"))
        return tr("recorded in downtime, now in EHR");
    if (mark.state == QLatin1String("duplicate"))
        return tr("recorded in downtime, duplicate of an EHR entry");
    return tr("recorded in downtime, not yet in EHR");
}

QString LocalMarks::administration(const model::MedicationAdministration& a)
{
    return a.local ? state(*a.local) : QString();
}

QString LocalMarks::annotationKind(const QString& kind)
{
    if (kind == QLatin1String("hold"))
        return tr("HOLD");
    if (kind == QLatin1String("review"))
        return tr("REVIEW");
    if (kind == QLatin1String("dose-concern"))
        return tr("DOSE CONCERN");
    if (kind == QLatin1String("nursing-note"))
        return tr("Nursing note");
    if (kind == QLatin1String("physician-note"))
        return tr("Physician note");
    return kind;
}

QString LocalMarks::annotations(const QList<model::LocalAnnotation>& list)
{
    QStringList lines;
    for (const model::LocalAnnotation& a : list) {
        lines << QStringLiteral("⚑ %1: %2 (%3, %4)")
                     .arg(annotationKind(a.kind), a.text, a.local.author, Format::dateTime(a.at));
    }
    return lines.join(QLatin1Char('\n'));
}

QColor LocalMarks::localBackground()
{
    return QColor(0xFF, 0xF3, 0xCD);
}

} // namespace lantern::ui
