#include "core/model/Allergy.h"

namespace lantern::model {

QString AllergyReaction::manifestationText() const
{
    QStringList parts;
    for (const CodeableConcept& m : manifestations)
        parts << m.displayText();
    return parts.join(QStringLiteral(", "));
}

} // namespace lantern::model
