#pragma once
// What the record dialogs need from the unlocked desktop: the session (vault
// and user), the clock, and the downtime the entries belong to. Recording and
// its permission checks happen in core (record::Recorder); the flags here only
// decide which buttons a person is offered.

#include "core/access/Session.h"
#include "core/common/Clock.h"
#include "core/record/Recorder.h"

#include <QString>

namespace lantern::ui {

struct RecordEnv
{
    access::Session& session;
    const Clock& clock;
    QString downtimeId; // current downtime, or empty
    // A real downtime is open (the service's state), with or without its id: it wins
    // over a running drill, so entries go to the real outbox (core/drill/Drill.h).
    bool realDowntimeOpen = false;

    record::Recorder recorder() const
    {
        return record::Recorder(session.vault(), session.user().username, session.vaultId(), downtimeId, clock,
                                realDowntimeOpen);
    }
    bool mayRecord() const { return session.user().hasPermission(access::Permission::Record); }
    // Order annotations are a physician's review of the plan.
    bool mayAnnotate() const { return mayRecord() && session.user().role == access::Role::Physician; }
    bool mayResolve() const { return session.user().hasPermission(access::Permission::ResolveConflicts); }
};

} // namespace lantern::ui
