#pragma once
// The one rule for "is this copy of a resource newer than the one the vault
// holds?" Every path that writes resources from outside into the vault asks
// it: the importer, the mirror (MirrorWriter::isNewer), and later snapshot and
// backup import and the hospital relay. An older version must never replace a
// newer one: a stopped heparin order would show as active again, a corrected
// name would go back.
//
// The rule, in this order:
// 1. Both versionIds are whole numbers: the higher number is newer. FHIR
//    servers count versions up per resource, so this is exact, whatever the
//    clocks said (lastUpdated of two versions can be equal to the millisecond).
// 2. Both have a readable meta.lastUpdated: the later instant is newer.
// 3. The same non-empty versionId (opaque ids, no usable times): the same version.
// 4. The vault's copy carries neither a versionId nor a readable lastUpdated:
//    the incoming copy replaces it. Nothing shows the stored copy is newer, and
//    plain files without meta (Synthea bundles) must still be re-importable.
// 5. Otherwise the vault's copy carries ordering information the incoming one
//    cannot be compared with (the incoming copy has no meta; or two different
//    opaque versionIds without times): the stored copy stays and the incoming
//    one counts as older. A copy that cannot show it is newer must not undo
//    what the EHR said last; it is counted and reported, never dropped silently.
// Equal versions and equal instants keep what is stored (nothing to gain, and a
// re-run of the same page or file changes nothing).

#include <QString>

namespace lantern::import {

struct VersionStamp
{
    QString versionId;   // meta.versionId as written; may be empty or opaque
    QString lastUpdated; // meta.lastUpdated as written; may be empty
};

enum class VersionVerdict
{
    Newer, // replaces the stored copy
    Same,  // the same version: keep the stored copy, nothing to report
    Older  // older, or cannot show it is newer: keep the stored copy, count it
};

class VersionOrder
{
public:
    static VersionVerdict compare(const VersionStamp& incoming, const VersionStamp& stored);
    static bool replaces(const VersionStamp& incoming, const VersionStamp& stored)
    {
        return compare(incoming, stored) == VersionVerdict::Newer;
    }
};

} // namespace lantern::import
