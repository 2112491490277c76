#pragma once
// A check value beside every field of a key slot file (keyslots.json and
// audit-keyslots.json), so that a changed byte is found and named ("slot 2,
// field salt") instead of surfacing later as "the passphrase does not open the
// key slot" - which sends a nurse to retype a right passphrase while the real
// problem is a damaged file.
//
// A check is the first 8 bytes of unkeyed BLAKE2b over the field's path and
// value, in hex. It detects damage (a flipped bit, a cut-off file, an edit by
// hand), not an attacker: someone who rewrites a field can rewrite its check.
// Attacks are caught where they matter: a wrapped key, a salt or a name that
// was changed on purpose fails the AEAD (its additional data binds kind, name
// and vault id), a swapped public key fails its keyed tag.
//
// Layout: the file gets "field_checks": 1 and "vault_id_check"; each slot an
// object "checks" with one entry per field ("kind", "name", "kdf.opslimit",
// "salt", ...). Files written before the checks have none of these: they load
// as before and are reported as "written before field checks" until the next
// change to the slot file writes them.

#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::keys {

class KeySlotFieldChecks
{
public:
    static constexpr int Version = 1;

    // The check of one value; `path` is "salt", "kdf.memlimit", "vault_id".
    static QString checkOf(const QString& path, const QJsonValue& value);

    // Adds "checks" to a serialised slot, covering every field it has.
    static QJsonObject withChecks(const QJsonObject& slot);

    // Nothing when every field of the slot matches its check, else what is
    // wrong, naming the field ("field salt does not match its check").
    static std::optional<QString> problemIn(const QJsonObject& slot);

    // Whether a file (root object) was written with field checks. A file whose
    // marker was damaged but whose slots carry checks still counts as one.
    static bool fileHasChecks(const QJsonObject& root);
};

} // namespace lantern::keys
