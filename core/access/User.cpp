#include "core/access/User.h"

#include <QRegularExpression>

namespace lantern::access {

bool User::isValidUsername(const QString& username)
{
    // Restricted on purpose: usernames end up in file names of exports, in the
    // key slot's authenticated data and in audit entries; no look-alike Unicode.
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return pattern.match(username).hasMatch();
}

bool User::coversWard(const QString& locationId) const
{
    if (wards.isEmpty())
        return role == Role::ItAdmin;
    return wards.contains(locationId);
}

Status User::validate() const
{
    if (!isValidUsername(username))
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral(
                "the username must be 1 to 64 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit"));
    if (displayName.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the user %1 needs a display name").arg(username));
    // FHIR id syntax: what a Location id can be.
    static const QRegularExpression fhirId(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    for (const QString& ward : wards) {
        if (!fhirId.match(ward).hasMatch())
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("the ward id \"%1\" is not a valid Location id").arg(ward));
    }
    if (wards.isEmpty() && role != Role::ItAdmin)
        return Error(
            ErrorCode::InvalidInput,
            QStringLiteral("the %1 %2 needs at least one ward; only IT administrators may have all wards")
                .arg(roleName(role), username));
    return {};
}

} // namespace lantern::access
