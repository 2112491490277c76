#pragma once
// Users in the vault's app_user table. The only place that writes SQL for users.

#include "core/access/User.h"
#include "core/common/Result.h"

#include <QList>
#include <QString>

namespace lantern::vault {

class Vault;

class UserRepository
{
public:
    explicit UserRepository(Vault& vault) : m_vault(vault) {}

    // Conflict if the username exists (also a disabled one: usernames are never
    // reused, so the audit trail keeps meaning one person).
    Status add(const access::User& user);
    // NotFound if there is no such user.
    Result<access::User> find(const QString& username);
    Result<bool> exists(const QString& username);
    Result<QList<access::User>> all();
    // Changes display name, role and wards. NotFound if there is no such user.
    Status update(const access::User& user);
    Status setDisabled(const QString& username, bool disabled);
    // Enabled users holding a role (for "never remove the last IT administrator").
    Result<int> countEnabled(access::Role role);

private:
    Vault& m_vault;
};

} // namespace lantern::vault
