#pragma once
// The device key lets the headless mirror service open the vault without a person:
// device.key holds 32 random bytes (mode 0600, owned by the service account), and a
// subkey of it wraps the data key in the key slot of kind "device".
//
// The trade-off, stated plainly: anyone who can read device.key - the service
// account, root, or whoever gets a copy of the file - can open the vault. The key
// slot adds nothing against an attacker on the running machine with those rights.
// What it buys is that the mirror can keep the vault current unattended; against
// theft of a disk image it protects only together with OS file permissions and
// full-disk encryption (a stolen image that contains device.key contains the
// key). Removing device.key and the device slot turns a device into one that
// only people can open.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QString>

namespace lantern::keys {

class DeviceKey
{
public:
    static constexpr std::size_t KeyBytes = 32;

    // Writes a new random key to `path` atomically with mode 0600 and returns it.
    static Result<SecureBuffer> create(const QString& path);
    // Reads the key. NotFound if missing; Corrupt if it is not exactly 32 bytes;
    // Denied unless the running account owns it with mode 0600/0400 in a folder
    // others cannot write (KeyFileOwnership says what to run instead).
    static Result<SecureBuffer> load(const QString& path);
};

} // namespace lantern::keys
