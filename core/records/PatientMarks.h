#pragma once
// Which patient records the EHR no longer uses, for lists of many patients
// (census, `lanternctl patient list`): merged away (Patient.link "replaced-by")
// or inactive (Patient.active = false). Read from the Patient census facts, so
// only the few marked records cost anything. The chart reads the same from
// model::Patient (isMergedAway, isInactive, mergedInto).

#include "core/common/Result.h"
#include "core/model/Patient.h"

#include <QHash>
#include <QString>

namespace lantern::vault {
class Vault;
}

namespace lantern::records {

struct PatientMark
{
    enum class Kind { None, MergedAway, Inactive };
    Kind kind = Kind::None;
    // Merged away: the surviving record as people look it up: its MRN when the
    // vault holds it, else the identifier the link names, else its id ("?" when none).
    QString mergedInto;

    bool isMarked() const { return kind != Kind::None; }
    // English, for the CLI and logs: "MERGED into <MRN or id> - do not use" / "INACTIVE record".
    QString text() const;
};

// The mark of one Patient (merged away wins over inactive). `mrnOf` names the
// survivor's MRN when known (may be empty).
PatientMark markOf(const model::Patient& patient, const QString& survivorMrn = {});

// Marked patients only, by patient id (ordinary ones are absent).
Result<QHash<QString, PatientMark>> patientMarks(vault::Vault& vault);

} // namespace lantern::records
