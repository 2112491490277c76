#include "core/model/Clinical.h"

namespace lantern::model {

bool Condition::isActive() const
{
    if (verificationStatus == QLatin1String("refuted") || verificationStatus == QLatin1String("entered-in-error"))
        return false;
    return clinicalStatus == QLatin1String("active") || clinicalStatus == QLatin1String("recurrence")
        || clinicalStatus == QLatin1String("relapse");
}

QString Device::display() const
{
    if (!deviceName.isEmpty())
        return deviceName;
    return type.displayText();
}

bool CodeStatus::isCurrent() const
{
    if (source == Source::Consent)
        return status == QLatin1String("active");
    return status == QLatin1String("final") || status == QLatin1String("amended") || status == QLatin1String("corrected")
        || status == QLatin1String("preliminary");
}

} // namespace lantern::model
