#include "core/access/Role.h"

namespace lantern::access {

bool hasPermission(Role role, Permission permission)
{
    switch (permission) {
    case Permission::ViewPatients:
    case Permission::Record:
    case Permission::BreakGlass:
        // Clinical work. IT administrators run the device, not the ward: they never
        // see patient data, not even by breaking the glass.
        return role == Role::Nurse || role == Role::Physician;
    case Permission::ResolveConflicts:
        // A conflict after downtime is a clinical decision about an order that was
        // discontinued or changed meanwhile: the prescriber's call.
        return role == Role::Physician;
    case Permission::DeclareDowntime:
        // Whoever notices the EHR is gone must be able to start downtime procedures
        // at once, at night, without waiting for IT.
        return true;
    case Permission::ManageUsers:
    case Permission::ManageDevice:
        return role == Role::ItAdmin;
    }
    return false;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Nurse:
        return QStringLiteral("nurse");
    case Role::Physician:
        return QStringLiteral("physician");
    case Role::ItAdmin:
        return QStringLiteral("it-admin");
    }
    return QString();
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role r : {Role::Nurse, Role::Physician, Role::ItAdmin}) {
        if (roleName(r) == name)
            return r;
    }
    return std::nullopt;
}

QString permissionName(Permission permission)
{
    switch (permission) {
    case Permission::ViewPatients:
        return QStringLiteral("view patients");
    case Permission::Record:
        return QStringLiteral("record");
    case Permission::ResolveConflicts:
        return QStringLiteral("resolve conflicts");
    case Permission::BreakGlass:
        return QStringLiteral("break the glass");
    case Permission::DeclareDowntime:
        return QStringLiteral("declare downtime");
    case Permission::ManageUsers:
        return QStringLiteral("manage users");
    case Permission::ManageDevice:
        return QStringLiteral("manage the device");
    }
    return QString();
}

} // namespace lantern::access
