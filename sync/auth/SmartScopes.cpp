#include "sync/auth/SmartScopes.h"

#include <QStringList>

namespace lantern::sync {

QString smartScopeFor(EhrAccess access)
{
    QStringList scopes{QStringLiteral("system/*.read")};
    if (access == EhrAccess::Reconcile) {
        // What core/record builds from downtime entries (EntryResources,
        // PatientResources, DocumentResources); a transaction Bundle needs the
        // scopes of the resources it carries, not one of its own.
        for (const char* type : {"MedicationAdministration", "AllergyIntolerance", "DocumentReference", "Patient", "Encounter"})
            scopes << QStringLiteral("system/%1.write").arg(QLatin1String(type));
    }
    return scopes.join(QLatin1Char(' '));
}

} // namespace lantern::sync
