#pragma once
// Who may hold the device key: the account the mirror service runs as, and no
// one else. DeviceKey::load asks this before it reads a byte, so a device.key
// that another account owns, that group or others can read or write, or that
// lies in a folder others can write (and so could swap the file) is refused
// with what to do, instead of quietly unlocking the vault for whoever runs us.
//
//   device.key  owner = the running account, mode 0600 or 0400
//   its folder  not writable by group or others, unless sticky (the package:
//               3770 lantern:lantern-users, see docs/security/accounts.md)

#include "core/common/Result.h"

#include <QString>

#include <sys/types.h>

namespace lantern::keys {

// What the check needs to know of a file, so tests can ask about owners they
// cannot create without root.
struct FileFacts
{
    uid_t owner = 0;
    mode_t mode = 0; // st_mode: type and permission bits
};

class KeyFileOwnership
{
public:
    // Denied (with the chown/chmod to run) unless the key file and folder are
    // as above for `account`; Io when they cannot be inspected.
    static Status check(const QString& keyPath, uid_t account);
    // The running process's effective account.
    static Status checkForCurrentAccount(const QString& keyPath);

    // The pure rules, on facts already gathered.
    static Status checkKey(const QString& keyPath, const FileFacts& key, uid_t account);
    static Status checkFolder(const QString& folderPath, const FileFacts& folder);
};

} // namespace lantern::keys
