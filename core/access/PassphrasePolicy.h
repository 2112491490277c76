#pragma once
// Whether a passphrase is good enough to protect a key slot. A stolen keyslots.json
// can be attacked offline, where no throttle helps: only Argon2id's cost and the
// passphrase's strength stand in the way. So:
//   - at least 12 characters (and at most 1024 bytes);
//   - libpwquality with its defaults and minlen 12: cracklib dictionary check,
//     palindromes, too similar to the username or to the old passphrase, ...;
//   - a pwquality score of at least 50 (0-100; libpwquality's guidance for a
//     passphrase that is the only factor), which refuses "Password1234"-shaped
//     passphrases the dictionary lets through;
//   - not made only of words from a short list that cracklib's English dictionary
//     lacks (German and hospital words, seasons, months: "sommer2024sommer",
//     "Krankenhaus2024!"), plus digits and punctuation.
// The system's /etc/security/pwquality.conf is not read: the same passphrase gets
// the same answer on every ward PC.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QString>

namespace lantern::access {

class PassphrasePolicy
{
public:
    static constexpr int MinimumLength = 12;  // characters (Unicode code points)
    static constexpr int MaximumBytes = 1024; // UTF-8
    static constexpr int MinimumScore = 50;

    // WeakPassphrase with the reason (pwquality's own where it has one). The
    // message never quotes the passphrase. `oldPassphrase` may be null.
    Status check(const SecureBuffer& passphrase, const QString& username,
                 const SecureBuffer* oldPassphrase = nullptr) const;
    Status check(const QString& passphrase, const QString& username) const;

private:
    static Status checkLength(const SecureBuffer& passphrase);
    static Status checkPwquality(const SecureBuffer& passphrase, const QString& username,
                                 const SecureBuffer* oldPassphrase);
    static Status checkCommonWords(const SecureBuffer& passphrase);
};

} // namespace lantern::access
