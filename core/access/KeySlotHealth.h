#pragma once
// What `verify` says about the keys around a vault, one line per key slot and
// one for device.key: ok, written before field checks, damaged, missing,
// altered, or with a wrong owner or mode. Decided here, once, so that the
// command line and any other caller say the same thing; "ok" only when that
// slot or file really checked out.
//
// What can be checked with the data key of an unlocked session (and no one
// else's passphrase): every field against its check (KeySlotFieldChecks), each
// sealed slot's public key against its keyed tag, and device.key against the
// device slot (it must open it and yield this very data key) and the audit
// key's device slot. A person's own wrapped key can only be tried with their
// passphrase: a flipped byte there is caught by its field check.

#include "core/access/Session.h"

#include <QList>
#include <QString>

namespace lantern::access {

struct KeySlotState
{
    enum class State
    {
        Ok,
        BeforeFieldChecks, // readable, from a Lantern before field checks: not damage
        Damaged,           // a field fails its check or cannot be read
        Missing,           // device.key or the device slot is gone while the other is there
        Altered,           // well-formed but not what this vault wrote (wrong tag, does not open)
        WrongOwnerOrMode,  // device.key: readable or writable by others, a link, in a folder others can write
        Unreadable,        // device.key exists but cannot be read
        NotCheckedHere     // device.key belongs to another account (the service's): only it can check the key
    };

    QString file; // "keyslots.json", "audit-keyslots.json", "device.key"
    QString kind; // "user", "device", "audit-user", "audit-device", "device-key", "file"
    QString name; // the holder; empty for device.key and a whole file
    State state = State::Ok;
    QString message;

    bool isProblem() const
    {
        return state != State::Ok && state != State::BeforeFieldChecks && state != State::NotCheckedHere;
    }
    static QString stateName(State state); // "ok", "before-field-checks", "damaged", ...
};

class KeySlotHealth
{
public:
    explicit KeySlotHealth(const Session& session) : m_session(session) {}

    QList<KeySlotState> inspect() const;

private:
    QList<KeySlotState> inspectFile(const QString& path, const QString& fileName, const SecureBuffer* deviceKey) const;
    KeySlotState inspectDeviceKey(bool deviceSlotPresent, std::optional<SecureBuffer>& loaded) const;

    const Session& m_session;
};

} // namespace lantern::access
