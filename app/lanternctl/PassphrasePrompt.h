#pragma once
// Reads passphrases for the CLI: from the terminal without echo when there is
// one, otherwise one line per passphrase from standard input (for scripts and
// tests). Never from the command line, where `ps` and shell history would see it;
// the same goes for other secrets (`config set KEY -`) and free-text notes.

#include <QString>

namespace lantern::cli {

class PassphrasePrompt
{
public:
    // Empty result (and a message on stderr) when input ended.
    static QString read(const QString& prompt);
    // On a terminal asks twice and insists they match; from a pipe reads one line.
    static QString readNew(const QString& prompt);
    // Everything left on standard input (after any passphrase line), for a note
    // given as "-": free text never goes on the command line either.
    static QString readRest(const QString& prompt);
};

} // namespace lantern::cli
