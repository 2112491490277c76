#pragma once
// What goes into the audit chain: who did what, to which patient, with what
// outcome. The time is not part of the event a caller builds: AuditLog stamps
// it from its Clock when the entry is appended, so nobody can back-date one.
//
// Actions and outcomes have fixed wire names (stored in the vault, hashed into
// the chain, exported as FHIR): never rename one, only add new ones.

#include "core/common/Result.h"

#include <QString>

#include <optional>

namespace lantern::audit {

enum class AuditAction {
    Unlock,           // "unlock"            vault opened by a user
    UnlockFailed,     // "unlock-failed"     wrong passphrase, throttled attempt
    Lock,             // "lock"              manual lock, idle auto-lock
    ViewPatient,      // "view-patient"      a patient's chart was shown
    Print,            // "print"             MAR, census or emergency sheet printed
    Import,           // "import"            snapshot or bundle imported
    Export,           // "export"            snapshot or audit log exported
    UserAdd,          // "user-add"
    UserUpdate,       // "user-update"       role, wards, enabled state changed
    UserRemove,       // "user-remove"
    PassphraseChange, // "passphrase-change"
    BreakGlass,       // "break-glass"       access outside the user's ward scope
    DowntimeDeclare,  // "downtime-declare"
    DowntimeEnd,      // "downtime-end"
    RecordEntry,      // "record-entry"      administration or note recorded offline
    ResolveConflict,  // "resolve-conflict"  reconciliation decision
    Purge,            // "purge"             mirrored data removed
    Verify,           // "verify"            integrity or audit chain verified
    ConfigChange      // "config-change"     mirror settings, downtime identifier range
};

enum class AuditOutcome {
    Success, // "success"
    Failure, // "failure"  the operation failed (error, wrong passphrase)
    Denied   // "denied"   the user was not allowed to do it
};

QString actionName(AuditAction action);
std::optional<AuditAction> actionFromName(const QString& name);
QString outcomeName(AuditOutcome outcome);
std::optional<AuditOutcome> outcomeFromName(const QString& name);

struct AuditEvent
{
    QString actor; // username; "system" for the device's own services
    AuditAction action = AuditAction::ViewPatient;
    QString patientId; // FHIR Patient id, or empty
    AuditOutcome outcome = AuditOutcome::Success;
    // Short and coded ("idle", "wrong passphrase", "3 resources"): it is stored
    // and exported verbatim, so it must never carry names, dates or free text.
    QString detail;
};

inline constexpr int kMaxActorLength = 128;
inline constexpr int kMaxDetailLength = 200;

// Rejects what must not enter the chain: no actor, a patient id that is not a
// FHIR id, an over-long detail, control characters (a newline could forge a line
// in a text export).
Status validate(const AuditEvent& event);

} // namespace lantern::audit
