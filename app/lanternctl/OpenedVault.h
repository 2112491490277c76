#pragma once
// The vault as a lanternctl command opens it: with device.key (--device, the
// service account) or with the acting person's passphrase, together with the
// access::PatientAccess gate for whoever that is. Built in place and never
// moved: the gate points at the session.

#include "CliContext.h"

#include "core/access/PatientAccess.h"

#include <memory>
#include <optional>

namespace lantern::cli {

class OpenedVault
{
public:
    OpenedVault() = default;
    OpenedVault(const OpenedVault&) = delete;
    OpenedVault& operator=(const OpenedVault&) = delete;

    // Ok, or the exit code after the reason was printed. `allowDevice`: false for
    // what a person must do under their own name (deciding a conflict).
    int open(CliContext& ctx, bool allowDevice = true);
    vault::Vault& vault() { return m_session ? m_session->vault() : *m_device; }
    access::PatientAccess& gate() { return *m_gate; }

private:
    access::VaultAccess m_access;
    std::optional<access::Session> m_session;
    std::unique_ptr<vault::Vault> m_device;
    std::optional<access::PatientAccess> m_gate;
};

} // namespace lantern::cli
