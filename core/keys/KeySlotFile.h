#pragma once
// keyslots.json: the key slots of one vault, kept next to it (they are needed
// before the vault can be opened). Every change replaces the whole file with
// writeFileAtomically, under a lock file so two Lantern processes (GUI and CLI)
// never lose each other's change.
//
// Format (version 1), all binary fields base64:
//   { "format": "lantern-keyslots", "version": 1, "vault_id": "<uuid>",
//     "slots": [ { "kind": "user", "name": "anna",
//                  "kdf": { "algorithm": "argon2id13", "opslimit": 3, "memlimit": 201326592 },
//                  "salt": "...", "nonce": "...", "wrapped_key": "..." },
//                { "kind": "device", "name": "device", "nonce": "...", "wrapped_key": "..." } ] }
// Sealed slots (see KeySlot) add "public_key", "sealed_key", "public_key_tag"
// and, for a passphrase IT issued for one use, "one_time": true; a sealed
// device slot has no nonce or wrapped_key. Older slots lack these fields.
// The same format holds the audit signing key's slots in audit-keyslots.json
// (kinds "audit-user" and "audit-device"; see audit/AuditKeyCustody).
// Every field carries a check (KeySlotFieldChecks): a slot whose field does
// not match is kept aside as damaged, named, and written back unchanged, while
// every other slot still opens; damage outside the slots refuses the file.

#include "core/common/Result.h"
#include "core/keys/KeySlot.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace lantern::keys {

// A slot that failed its field checks or could not be read: never used to
// open anything, kept byte for byte so IT can still repair it by hand.
struct DamagedKeySlot
{
    int position = 0;  // 1-based place in the file
    QString kindText;  // as written in the file (may itself be the damaged field)
    QString name;      // as written in the file
    QString problem;   // "field salt does not match its check"
    QJsonObject stored;

    // "slot 2 (user anna)".
    QString describe() const;
    // Whether it was this holder's slot, even when its kind or name is the damaged field.
    bool mayBelongTo(KeySlot::Kind kind, const QString& holder) const;
};

struct KeySlotSet
{
    QString vaultId;
    QList<KeySlot> slots;
    QList<DamagedKeySlot> damaged;
    // False for a file written before field checks existed (see KeySlotFieldChecks).
    bool fieldChecks = true;

    QList<KeySlot> slotsOf(KeySlot::Kind kind, const QString& name) const;
    bool contains(KeySlot::Kind kind, const QString& name) const { return !slotsOf(kind, name).isEmpty(); }
    // The damaged slots that claim to belong to this holder.
    QList<DamagedKeySlot> damagedOf(KeySlot::Kind kind, const QString& name) const;
    int userSlotCount() const;
};

class KeySlotFile
{
public:
    static constexpr int FormatVersion = 1;

    explicit KeySlotFile(QString path) : m_path(std::move(path)) {}
    QString path() const { return m_path; }
    bool exists() const;

    // NotFound if the file is missing, Corrupt (naming the file and what) if it
    // cannot be parsed or its vault id fails its check; a damaged slot is listed
    // in `damaged` instead.
    Result<KeySlotSet> load() const;
    // Creates the file; Conflict if one exists already.
    Status create(const KeySlotSet& set) const;

    // Adds a slot; Conflict if that holder has one already.
    Status add(const KeySlot& slot) const;
    // Adds a slot, first dropping any the holder has (an orphan from an interrupted add).
    Status addReplacing(const KeySlot& slot) const;
    // Removes every slot of a holder. Refuses to remove the last user slot: without
    // one, nobody could manage the vault any more. NotFound if there is none.
    Status remove(KeySlot::Kind kind, const QString& name) const;
    // Changing a passphrase in two atomic writes: first the file with the new slot
    // added next to the holder's existing ones, then the file with only the new
    // one. A crash before, between or after the writes leaves the old slot, both,
    // or the new one: someone can always get in.
    Status replaceAll(const KeySlot& newSlot) const;

    // Replaces the whole file (under the lock): re-keying writes a complete new set.
    Status overwrite(const KeySlotSet& set) const;

    static QByteArray serialise(const KeySlotSet& set);
    // `fileName` names the source in error messages.
    static Result<KeySlotSet> parse(const QByteArray& json, const QString& fileName);

private:
    Status save(const KeySlotSet& set) const;

    QString m_path;
};

} // namespace lantern::keys
