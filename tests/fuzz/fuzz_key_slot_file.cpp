// Fuzz target: keyslots.json as read at every unlock. Property: a file the
// parser accepts survives a round trip (what Lantern writes back it reads
// again, with the same vault id and slots); everything else is an error, no
// crash.

#include "FuzzInput.h"

#include "core/keys/KeySlotFile.h"

using namespace lantern;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto parsed = keys::KeySlotFile::parse(fuzz::bytes(data, size), QStringLiteral("keyslots.json"));
    if (!parsed.ok()) {
        fuzz::require(!parsed.error().message.isEmpty(), "a refused key slot file without a reason");
        return 0;
    }
    auto again = keys::KeySlotFile::parse(keys::KeySlotFile::serialise(*parsed), QStringLiteral("keyslots.json"));
    fuzz::require(again.ok(), "a key slot file Lantern wrote does not read back");
    fuzz::require(again->vaultId == parsed->vaultId, "the vault id changed in a round trip");
    fuzz::require(again->slots.size() == parsed->slots.size(), "slots were lost in a round trip");
    return 0;
}
