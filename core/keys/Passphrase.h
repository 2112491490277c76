#pragma once
// Passphrases arrive from the UI and the CLI as QString; everything below works on
// their UTF-8 bytes in a SecureBuffer. The text is normalised to NFC first, so
// "Säule" typed as one precomposed character or as a + combining diaeresis (some
// keyboards and input methods differ) derives the same key.

#include "core/common/SecureBuffer.h"

#include <QString>

namespace lantern::keys {

// The caller still owns (and should wipe) its QString; every transient copy made
// here is wiped.
SecureBuffer passphraseBytes(const QString& passphrase);

} // namespace lantern::keys
