#include "core/model/Patient.h"

namespace lantern::model {

QString HumanName::formatted() const
{
    if (!text.isEmpty())
        return text;
    QStringList parts = prefix;
    parts += given;
    if (!family.isEmpty())
        parts << family;
    return parts.join(QLatin1Char(' '));
}

QString Patient::mrn() const
{
    for (const Identifier& i : identifiers) {
        if (i.typeCode == QLatin1String("MR") && (i.typeSystem.isEmpty() || i.typeSystem == QStringView(kIdentifierTypeSystem)))
            return i.value;
    }
    return {};
}

QString Patient::kvnr() const
{
    for (const Identifier& i : identifiers) {
        if (i.system == QStringView(kKvnrSystem))
            return i.value;
    }
    return {};
}

QString Patient::mergedInto() const
{
    if (!replacedBy)
        return {};
    if (!replacedBy->survivorIdentifier.isEmpty())
        return replacedBy->survivorIdentifier;
    return replacedBy->survivorId.isEmpty() ? QStringLiteral("?") : replacedBy->survivorId;
}

HumanName Patient::name() const
{
    for (const char* use : {"official", "usual"}) {
        for (const HumanName& n : names) {
            if (n.use == QLatin1String(use))
                return n;
        }
    }
    return names.isEmpty() ? HumanName() : names.first();
}

} // namespace lantern::model
