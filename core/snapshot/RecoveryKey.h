#pragma once
// IT's backup recovery key: an Ed25519 key pair (its X25519 form opens the
// sealed key, as for a recipient device) made and kept OFF the ward PC, e.g. on
// IT's laptop or printed into the safe. Backups are sealed to its public key
// (backup.recovery_key), so a backup is readable after the PC and its
// device.key are gone, and only by whoever holds this file.
//
// File: "lantern-recovery-key 1\n" then the 32-byte seed in base64 and "\n"; mode 0600.

#include "core/common/Result.h"
#include "core/snapshot/DeviceIdentity.h"

#include <QString>

namespace lantern::snapshot {

class RecoveryKey
{
public:
    // A new key pair written to `path` (0600, never replacing a file); returns it.
    static Result<DeviceIdentity> create(const QString& path);
    // Corrupt for anything else than a recovery key file.
    static Result<DeviceIdentity> load(const QString& path);
};

} // namespace lantern::snapshot
