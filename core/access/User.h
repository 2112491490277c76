#pragma once
// A person who may unlock the vault: who they are, their role, and which wards
// (FHIR Location ids) they work on. Stored inside the vault (app_user) by
// vault::UserRepository; their key slot lives outside it in keyslots.json.

#include "core/access/Role.h"
#include "core/common/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace lantern::access {

struct User
{
    QString username;    // login name: lower-case letters, digits, '.', '_', '-'; 1-64 characters
    QString displayName; // shown in the UI and on printouts as the person who acted
    Role role = Role::Nurse;
    QStringList wards;   // Location ids; empty means all wards, and only for IT administrators
    QDateTime createdAt; // UTC
    bool disabled = false;

    bool hasPermission(Permission p) const { return access::hasPermission(role, p); }
    // Whether this user's ward scope includes a Location (not whether they may see
    // patients there: that is ViewPatients).
    bool coversWard(const QString& locationId) const;

    // InvalidInput naming the problem: bad username, empty display name, bad ward
    // id, or a clinical user without any ward.
    Status validate() const;

    static bool isValidUsername(const QString& username);
};

} // namespace lantern::access
