#pragma once
// How long an unlocked session may sit idle before Lantern locks it and hides all
// patient data. Stored in the vault's meta table, so it travels with the vault
// and only someone who can unlock it can change it.

#include "core/common/Result.h"

namespace lantern::vault {
class Vault;
}

namespace lantern::access {

class SessionPolicy
{
public:
    static constexpr int DefaultIdleLockSecs = 120;
    // A ward PC left alone longer than 15 minutes with patient data on screen is a
    // finding in any audit; shorter than 30 s makes the tool unusable at the bedside.
    static constexpr int MinIdleLockSecs = 30;
    static constexpr int MaxIdleLockSecs = 15 * 60;

    explicit SessionPolicy(vault::Vault& vault) : m_vault(vault) {}

    // The stored value, or the default when none is stored; Corrupt if the stored
    // value is not a number in range.
    Result<int> idleLockSecs() const;
    // InvalidInput outside [MinIdleLockSecs, MaxIdleLockSecs].
    Status setIdleLockSecs(int secs);

private:
    vault::Vault& m_vault;
};

} // namespace lantern::access
