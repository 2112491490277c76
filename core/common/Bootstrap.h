#pragma once

namespace lantern {
// First call in every executable's main(): no core dumps (they would hold
// decrypted patient data and keys), libsodium ready.
void hardenProcess();
} // namespace lantern
