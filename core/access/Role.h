#pragma once
// Roles and what each may do. Deliberately small: three roles, a handful of
// permissions, one table (Role.cpp) that says who has which. Ward scope (which
// patients) is the User's business; this is about which actions.

#include <QString>
#include <optional>

namespace lantern::access {

enum class Role
{
    Nurse,
    Physician,
    ItAdmin
};

enum class Permission
{
    ViewPatients,     // census, medication plan, allergies, emergency sheet of the user's wards
    Record,           // administrations, notes, newly reported allergies (offline writes)
    ResolveConflicts, // decide reconciliation conflicts (discontinued or changed orders)
    BreakGlass,       // open a patient outside the own wards, with a reason, audited
    DeclareDowntime,  // switch the ward to downtime without waiting for the heartbeat
    ManageUsers,      // add, remove, disable users; reset key slots
    ManageDevice      // mirror configuration, device key, snapshots, drills
};

bool hasPermission(Role role, Permission permission);

// Shorthands the UI and the facade read well with.
inline bool canManageUsers(Role r)
{
    return hasPermission(r, Permission::ManageUsers);
}
inline bool canDeclareDowntime(Role r)
{
    return hasPermission(r, Permission::DeclareDowntime);
}
inline bool canRecord(Role r)
{
    return hasPermission(r, Permission::Record);
}
inline bool canResolveConflicts(Role r)
{
    return hasPermission(r, Permission::ResolveConflicts);
}
inline bool canBreakGlass(Role r)
{
    return hasPermission(r, Permission::BreakGlass);
}

// Stable names stored in the vault ("nurse", "physician", "it-admin").
QString roleName(Role role);
std::optional<Role> roleFromName(const QString& name);
// For error messages ("manage users"); the UI translates its own labels.
QString permissionName(Permission permission);

} // namespace lantern::access
