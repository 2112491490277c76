#pragma once
// Who may do what to which patient: the one decision behind the desktop and
// lanternctl alike. Pure: no vault, no audit. PatientAccess (the service every
// interface goes through) feeds it the actor as stored in the vault and the
// patient's ward relation, then audits and carries out what it allows.
//
// The rules, in one place:
//  - IT administrators run the device: users, configuration, import, export.
//    They see no patient data, not even by breaking the glass.
//  - Nurses and physicians read, print and record for the patients of their
//    own wards. A patient on another ward (or on no ward: discharged, not yet
//    placed) needs break-glass with a coded reason, for that patient, for the
//    rest of the session.
//  - Reconciliation decisions are the physician's, on any of this device's
//    entries, whatever ward the patient lies on now: the patient may have moved
//    or left since the downtime, and a refusal would leave the entry unfiled.
//  - Anyone may declare a downtime (whoever notices first, at night).
//  - The device key (the mirror service, `lanternctl --device`) is a device
//    administrator without a person: configuration, import, export, downtime.
//  - A downtime drill is run by a person of IT, named in the audit trail: not
//    by the device key, not by the ward.
//  - A disabled user may do nothing.

#include "core/access/Role.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::access {

struct User;

enum class Action
{
    ListPatients,    // census, patient list (filtered to the own wards)
    ShowChart,       // one patient's chart
    Print,           // a printout: of one patient (MAR, emergency sheet) or of the ward (census, ward MAR)
    RecordEntry,     // an offline write: administration, note, allergy, admission
    DecideConflict,  // a reconciliation decision
    DeclareDowntime, // start (or end) downtime procedures by hand
    ManageUsers,     // add, remove, disable users, reset passphrases
    ChangeConfig,    // mirror settings, downtime identifier range, device settings
    Import,          // FHIR data loaded into the vault
    Export,          // data leaving the device (reconciliation report, snapshot)
    RunDrill         // start, follow and end a downtime drill (IT only; never the device key)
};

// Every action, for tables and tests.
QList<Action> allActions();
// Stable, coded name ("show-chart"), used in audit details and test output.
QString actionName(Action action);
// Whether the action concerns one patient when given a patient id.
bool isPatientAction(Action action);
// Whether ward scope (and so break-glass) applies to the action's patient.
bool isWardScoped(Action action);
// The permission an action needs before ward scope is looked at.
Permission permissionFor(Action action);

// Where a patient lies, as seen from the acting user.
enum class WardRelation
{
    NoPatient, // the action concerns no single patient
    OwnWard,   // the patient's current stay is on one of the user's wards
    OtherWard  // anywhere else, including no current stay at all
};

// The one acting: a person as stored in the vault now, or the device itself.
struct Actor
{
    QString name;                // username; "system" for the device
    std::optional<Role> role;    // empty: the device key, no person
    QStringList wards;
    bool disabled = false;

    static Actor of(const User& user);
    static Actor device();
    bool isDevice() const { return !role.has_value(); }
    bool coversWard(const QString& locationId) const;
};

enum class Verdict
{
    Allow,
    NeedsBreakGlass, // allowed with a break-glass reason, refused without one
    Deny
};

struct Decision
{
    Verdict verdict = Verdict::Deny;
    QString why; // coded, for the audit entry of a refusal ("role", "ward-scope", "disabled")
};

// `glassBroken`: a break-glass reason is given now, or was for this patient earlier in the session.
Decision decide(const Actor& actor, Action action, WardRelation relation, bool glassBroken);

} // namespace lantern::access
