#include "ui/common/Format.h"

#include <QLocale>
#include <QTimeZone>

namespace lantern::ui {

QString Format::date(const QDate& d)
{
    return d.isValid() ? d.toString(QStringLiteral("dd.MM.yyyy")) : QString();
}

QString Format::dateTime(const QDateTime& utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("dd.MM.yyyy HH:mm")) : QString();
}

QString Format::weekdayDate(const QDateTime& utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime().date(), QStringLiteral("ddd dd.MM.")) : QString();
}

QString Format::time(const QDateTime& utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("HH:mm")) : QString();
}

QString Format::dateTimeWithZone(const QDateTime& utc)
{
    if (!utc.isValid())
        return QString();
    const QDateTime local = utc.toLocalTime();
    QString zone = local.timeZoneAbbreviation();
    if (zone.isEmpty() || zone.startsWith(QLatin1Char('+')) || zone.startsWith(QLatin1Char('-')))
        zone = QStringLiteral("UTC") + local.timeZone().displayName(local, QTimeZone::OffsetName).remove(QStringLiteral("UTC"));
    return local.toString(QStringLiteral("dd.MM.yyyy HH:mm")) + QLatin1Char(' ') + zone;
}

QString Format::fhirDate(const QString& text)
{
    if (text.size() == 4)
        return text;
    if (text.size() == 7)
        return text.mid(5, 2) + QLatin1Char('.') + text.left(4);
    const QDate d = QDate::fromString(text.left(10), Qt::ISODate);
    return d.isValid() ? date(d) : text;
}

QString Format::age(const QDate& birth, const QDate& today)
{
    if (!birth.isValid() || !today.isValid() || birth > today)
        return QString();
    int years = today.year() - birth.year();
    if (today.month() < birth.month() || (today.month() == birth.month() && today.day() < birth.day()))
        --years;
    if (years >= 2)
        return tr("%1 y").arg(years);
    int months = (today.year() - birth.year()) * 12 + today.month() - birth.month();
    if (today.day() < birth.day())
        --months;
    if (months >= 1)
        return tr("%1 mo").arg(months);
    return tr("%1 d").arg(birth.daysTo(today));
}

QString Format::sexShort(const QString& g)
{
    if (g == QLatin1String("female"))
        return tr("F");
    if (g == QLatin1String("male"))
        return tr("M");
    if (g == QLatin1String("other"))
        return tr("X");
    return QStringLiteral("?");
}

QString Format::ago(qint64 seconds)
{
    const qint64 minutes = qMax<qint64>(0, seconds / 60);
    if (minutes < 60)
        return tr("%1 min ago").arg(minutes);
    if (minutes < 48 * 60)
        return tr("%1 h %2 min ago").arg(minutes / 60).arg(minutes % 60);
    return tr("%1 days ago").arg(minutes / (24 * 60));
}

QString Format::allergyBadgeText(model::AllergyStatus status)
{
    switch (status) {
    case model::AllergyStatus::HasAllergies:
        return tr("ALLERGY");
    case model::AllergyStatus::NoKnownAllergies:
        return tr("NKA");
    case model::AllergyStatus::Unknown:
        return tr("? Unknown - check paper record");
    case model::AllergyStatus::NoInformation:
        break;
    }
    return tr("? No info");
}

QString Format::allergyLongText(model::AllergyStatus status)
{
    switch (status) {
    case model::AllergyStatus::HasAllergies:
        return tr("Allergies recorded");
    case model::AllergyStatus::NoKnownAllergies:
        return tr("No known allergies (NKA) — recorded statement");
    case model::AllergyStatus::Unknown:
        return tr("Allergies unknown: an allergy record could not be read — check the paper record");
    case model::AllergyStatus::NoInformation:
        break;
    }
    return tr("No information on allergies — ask the patient");
}

QColor Format::allergyBackground(model::AllergyStatus status)
{
    switch (status) {
    case model::AllergyStatus::HasAllergies:
        return QColor(0xC6, 0x28, 0x28);
    case model::AllergyStatus::NoKnownAllergies:
        return QColor(0xE8, 0xF5, 0xE9);
    case model::AllergyStatus::Unknown: // grey like "no information": never the green of NKA
    case model::AllergyStatus::NoInformation:
        break;
    }
    return QColor(0xE0, 0xE0, 0xE0);
}

QColor Format::allergyForeground(model::AllergyStatus status)
{
    switch (status) {
    case model::AllergyStatus::HasAllergies:
        return QColor(Qt::white);
    case model::AllergyStatus::NoKnownAllergies:
        return QColor(0x1B, 0x5E, 0x20);
    case model::AllergyStatus::Unknown:
    case model::AllergyStatus::NoInformation:
        break;
    }
    return QColor(0x42, 0x42, 0x42);
}

QString Format::allergyBadgeStyle(model::AllergyStatus status)
{
    const QString border = status == model::AllergyStatus::NoKnownAllergies ? QStringLiteral("#2E7D32")
        : status == model::AllergyStatus::HasAllergies                      ? QStringLiteral("#8E0000")
                                                                            : QStringLiteral("#9E9E9E");
    return QStringLiteral("QLabel { background: %1; color: %2; border: 2px %3 %4; border-radius: 4px;"
                          " padding: 2px 8px; font-weight: bold; }")
        .arg(allergyBackground(status).name(), allergyForeground(status).name(),
             status == model::AllergyStatus::NoInformation || status == model::AllergyStatus::Unknown
                 ? QStringLiteral("dashed") : QStringLiteral("solid"),
             border);
}

} // namespace lantern::ui
