#pragma once
// Why a person opens a patient outside their wards: one of a short list of
// codes, the same in the desktop's dialog and on the command line, optionally
// followed by a few words of their own ("covering: night shift 4A").
//
// The code is what reviewers filter on; the words are kept with it in the audit
// entry, bounded and on one line. They are the person's justification, asked
// for by the break-glass rules, and the one free text the chain holds: the
// desktop offers none, the command line says it is recorded.

#include "core/common/Result.h"

#include <QString>
#include <QStringList>

namespace lantern::access {

struct BreakGlassReason
{
    QString code; // emergency | transfer | covering | consult
    QString text; // the person's words, possibly empty

    static constexpr int kMaxTextLength = 120;

    // The codes as stored ("consult" is also accepted as "consultation").
    static QStringList codes();
    // "covering", "Covering: night shift 4A", "consultation asked by ICU".
    // InvalidInput (naming the codes) for anything else.
    static Result<BreakGlassReason> parse(const QString& given);
    // What the audit entry's detail says: "reason=covering" or "reason=covering text=night shift 4A".
    QString auditDetail() const;
};

} // namespace lantern::access
