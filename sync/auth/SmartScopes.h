#pragma once
// The SMART Backend Services scopes Lantern asks the EHR for. The mirror only
// reads. Reconciliation also creates what a downtime produced: an EHR that
// granted only read would refuse every entry, so it asks for exactly the
// types core's entry builders write, nothing more (SMART v1 syntax, which
// SMART 2.0 servers accept too).

#include <QString>

namespace lantern::sync {

enum class EhrAccess {
    Read,     // the mirror: system/*.read
    Reconcile // reading plus creating downtime entries
};

QString smartScopeFor(EhrAccess access);

} // namespace lantern::sync
