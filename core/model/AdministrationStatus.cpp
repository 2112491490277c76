#include "core/model/AdministrationStatus.h"

#include <QCoreApplication>

namespace lantern::model {

AdministrationStatus administrationStatusOf(const QString& code)
{
    if (code == QLatin1String("completed"))
        return AdministrationStatus::Given;
    if (code == QLatin1String("not-done"))
        return AdministrationStatus::NotGiven;
    if (code == QLatin1String("on-hold"))
        return AdministrationStatus::Held;
    if (code == QLatin1String("in-progress"))
        return AdministrationStatus::InProgress;
    if (code == QLatin1String("stopped"))
        return AdministrationStatus::Stopped;
    if (code == QLatin1String("entered-in-error"))
        return AdministrationStatus::EnteredInError;
    return AdministrationStatus::Unknown; // "unknown", empty, or a code Lantern does not know
}

bool hasReason(AdministrationStatus s)
{
    return s == AdministrationStatus::NotGiven || s == AdministrationStatus::Held || s == AdministrationStatus::Stopped;
}

QString administrationStatusSymbol(AdministrationStatus s)
{
    switch (s) {
    case AdministrationStatus::Given:
        return QStringLiteral("✓");
    case AdministrationStatus::NotGiven:
        return QStringLiteral("✗");
    case AdministrationStatus::Held:
        return QStringLiteral("‖");
    case AdministrationStatus::InProgress:
        return QStringLiteral("▶");
    case AdministrationStatus::Stopped:
        return QStringLiteral("■");
    case AdministrationStatus::EnteredInError:
        return QStringLiteral("⊘");
    case AdministrationStatus::Unknown:
        break;
    }
    return QStringLiteral("?");
}

// Each call written out in full so lupdate finds it (it reads core/model too, see resources/translations).
QString administrationStatusWords(AdministrationStatus s, const QString& rawCode)
{
    switch (s) {
    case AdministrationStatus::Given:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "given");
    case AdministrationStatus::NotGiven:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "not given");
    case AdministrationStatus::Held:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "held, not given");
    case AdministrationStatus::InProgress:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "in progress, not completed");
    case AdministrationStatus::Stopped:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "stopped, not completed");
    case AdministrationStatus::EnteredInError:
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "entered in error");
    case AdministrationStatus::Unknown:
        break;
    }
    if (rawCode.isEmpty() || rawCode == QLatin1String("unknown"))
        return QCoreApplication::translate("lantern::model::AdministrationStatus", "status unknown, not known to be given");
    return QCoreApplication::translate("lantern::model::AdministrationStatus", "status \"%1\" unknown, not known to be given").arg(rawCode.left(40));
}

} // namespace lantern::model
