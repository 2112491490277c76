#pragma once
// The desktop's ward scope is core's: which wards each patient lies on and
// whether a user sees them without breaking the glass is decided once, in
// access::PatientWards and access::AccessPolicy, for the desktop and lanternctl
// alike. The desktop reads patients through access::PatientAccess.

#include "core/access/PatientWards.h"

namespace lantern::ui {

using WardScope = access::PatientWards;

} // namespace lantern::ui
