#pragma once
// Cost parameters of Argon2id (libsodium crypto_pwhash, ALG_ARGON2ID13) that turn a
// passphrase into the key that wraps the vault's data key. Each key slot stores the
// parameters it was made with, so raising the defaults later never locks out
// existing slots, and unlocking always uses what the slot says.

#include <QString>
#include <QtGlobal>

namespace lantern::keys {

struct KdfParameters
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0; // bytes

    // Calibrated on the 2-core reference machine (libsodium 1.0.18, best of 3 runs, idle):
    //   ops 3,  64 MiB: 0.13 s     ops 3, 128 MiB: 0.29 s
    //   ops 3, 192 MiB: 0.38-0.48 s   ops 3, 256 MiB: 0.66 s
    // (with both cores busy compiling, ops 3 / 192 MiB took 1.6-1.75 s).
    // 3 passes over 192 MiB is about half a second: slow for a guesser, still
    // bearable for a nurse at shift change on older ward PCs.
    static constexpr quint64 DefaultOpsLimit = 3;
    static constexpr quint64 DefaultMemLimit = 192ull * 1024 * 1024;

    // Upper bounds accepted from a slot file: a tampered or corrupt file must not
    // make an unlock allocate many gigabytes or run for minutes.
    static constexpr quint64 MaxOpsLimit = 64;
    static constexpr quint64 MaxMemLimit = 4ull * 1024 * 1024 * 1024;

    static KdfParameters defaults() { return {DefaultOpsLimit, DefaultMemLimit}; }
    // libsodium's minimums: only for tests, where hundreds of derivations must be fast.
    static KdfParameters minimumForTesting();

    // False below libsodium's minimums or above the caps above.
    bool isAcceptable() const;
    QString describe() const; // "opslimit 3, memlimit 192 MiB"

    friend bool operator==(const KdfParameters&, const KdfParameters&) = default;
};

} // namespace lantern::keys
