#include "core/access/AccessPolicy.h"

#include "core/access/User.h"

namespace lantern::access {

QList<Action> allActions()
{
    return {Action::ListPatients,   Action::ShowChart,   Action::Print,        Action::RecordEntry, Action::DecideConflict,
            Action::DeclareDowntime, Action::ManageUsers, Action::ChangeConfig, Action::Import,      Action::Export,
            Action::RunDrill};
}

QString actionName(Action action)
{
    switch (action) {
    case Action::ListPatients:
        return QStringLiteral("list-patients");
    case Action::ShowChart:
        return QStringLiteral("show-chart");
    case Action::Print:
        return QStringLiteral("print");
    case Action::RecordEntry:
        return QStringLiteral("record-entry");
    case Action::DecideConflict:
        return QStringLiteral("decide-conflict");
    case Action::DeclareDowntime:
        return QStringLiteral("declare-downtime");
    case Action::ManageUsers:
        return QStringLiteral("manage-users");
    case Action::ChangeConfig:
        return QStringLiteral("change-config");
    case Action::Import:
        return QStringLiteral("import");
    case Action::Export:
        return QStringLiteral("export");
    case Action::RunDrill:
        return QStringLiteral("run-drill");
    }
    return QString();
}

bool isPatientAction(Action action)
{
    return action == Action::ShowChart || action == Action::Print || action == Action::RecordEntry ||
           action == Action::DecideConflict;
}

Actor Actor::of(const User& user)
{
    return Actor{user.username, user.role, user.wards, user.disabled};
}

Actor Actor::device()
{
    return Actor{QStringLiteral("system"), std::nullopt, {}, false};
}

bool Actor::coversWard(const QString& locationId) const
{
    return role && role != Role::ItAdmin && wards.contains(locationId);
}

Permission permissionFor(Action action)
{
    switch (action) {
    case Action::ListPatients:
    case Action::ShowChart:
    case Action::Print:
        return Permission::ViewPatients;
    case Action::RecordEntry:
        return Permission::Record;
    case Action::DecideConflict:
        return Permission::ResolveConflicts;
    case Action::DeclareDowntime:
        return Permission::DeclareDowntime;
    case Action::ManageUsers:
        return Permission::ManageUsers;
    case Action::ChangeConfig:
    case Action::Import:
    case Action::Export:
    case Action::RunDrill:
        return Permission::ManageDevice;
    }
    return Permission::ManageDevice;
}

namespace {

// What the device key may do: run the device, never read patients.
bool deviceMay(Action action)
{
    return action == Action::ChangeConfig || action == Action::Import || action == Action::Export ||
           action == Action::DeclareDowntime;
}

} // namespace

// Reading and writing a chart is ward-scoped; a reconciliation decision is not
// (see the header), nor is anything without a patient.
bool isWardScoped(Action action)
{
    return action == Action::ShowChart || action == Action::Print || action == Action::RecordEntry;
}

Decision decide(const Actor& actor, Action action, WardRelation relation, bool glassBroken)
{
    if (actor.disabled)
        return {Verdict::Deny, QStringLiteral("disabled")};
    if (actor.isDevice())
        return deviceMay(action) ? Decision{Verdict::Allow, {}} : Decision{Verdict::Deny, QStringLiteral("device")};
    if (!hasPermission(*actor.role, permissionFor(action)))
        return {Verdict::Deny, QStringLiteral("role")};
    if (!isWardScoped(action) || relation != WardRelation::OtherWard)
        return {Verdict::Allow, {}};
    if (!hasPermission(*actor.role, Permission::BreakGlass))
        return {Verdict::Deny, QStringLiteral("ward-scope")};
    return glassBroken ? Decision{Verdict::Allow, {}} : Decision{Verdict::NeedsBreakGlass, QStringLiteral("ward-scope")};
}

} // namespace lantern::access
