#include "core/access/PassphrasePolicy.h"

#include "core/keys/Passphrase.h"

#include <QList>
#include <QStringView>
#include <cstring>
#include <memory>
#include <pwquality.h>

namespace lantern::access {
namespace {

Error weak(const QString& reason)
{
    return {ErrorCode::WeakPassphrase,
            QStringLiteral("this passphrase is too weak: %1. Choose another one, for example "
                           "several unrelated words joined with digits or punctuation")
                .arg(reason)};
}

// A NUL-terminated copy in secure memory for the C library.
SecureBuffer cString(const SecureBuffer& bytes)
{
    SecureBuffer c(bytes.size() + 1);
    if (bytes.size())
        std::memcpy(c.data(), bytes.data(), bytes.size());
    return c;
}

// Words common in passwords on German wards that cracklib's English word list does
// not know. Before matching, umlauts are folded (\u00e4 -> ae) and look-alike digits
// read as letters (0 -> o, 3 -> e ...), so "Fruehling" and "Fr\u00fchl1ng" both count.
const QList<QLatin1String>& commonWords()
{
    static const QList<QLatin1String> words = {
        QLatin1String("passwort"),    QLatin1String("kennwort"),   QLatin1String("geheim"),
        QLatin1String("hallo"),       QLatin1String("willkommen"), QLatin1String("sommer"),
        QLatin1String("winter"),      QLatin1String("herbst"),     QLatin1String("fruehling"),
        QLatin1String("januar"),      QLatin1String("februar"),    QLatin1String("maerz"),
        QLatin1String("april"),       QLatin1String("juni"),       QLatin1String("juli"),
        QLatin1String("august"),      QLatin1String("oktober"),    QLatin1String("dezember"),
        QLatin1String("krankenhaus"), QLatin1String("klinik"),     QLatin1String("klinikum"),
        QLatin1String("praxis"),      QLatin1String("station"),    QLatin1String("pflege"),
        QLatin1String("schwester"),   QLatin1String("arzt"),       QLatin1String("aerztin"),
        QLatin1String("doktor"),      QLatin1String("patient"),    QLatin1String("notaufnahme"),
        QLatin1String("intensiv"),    QLatin1String("hospital"),   QLatin1String("admin"),
        QLatin1String("password"),    QLatin1String("welcome"),    QLatin1String("qwertz"),
        QLatin1String("qwertzuiop"),  QLatin1String("qwerty"),     QLatin1String("asdf"),
        QLatin1String("test"),        QLatin1String("login"),      QLatin1String("benutzer"),
        QLatin1String("schatz"),      QLatin1String("liebe"),      QLatin1String("fussball"),
        QLatin1String("deutschland"), QLatin1String("berlin"),     QLatin1String("muenchen"),
        QLatin1String("hamburg"),
    };
    return words;
}

// True when `run` is one or more common words back to back ("sommersommer").
// Works on views only, so no further copies of passphrase text are made.
bool isOnlyCommonWords(QStringView run)
{
    QList<bool> reachable(run.size() + 1, false); // reachable[i]: run[0, i) splits into words
    reachable[0] = true;
    for (qsizetype start = 0; start < run.size(); ++start) {
        if (!reachable[start])
            continue;
        for (const QLatin1String word : commonWords()) {
            if (run.sliced(start).startsWith(word))
                reachable[start + word.size()] = true;
        }
    }
    return reachable[run.size()];
}

// Lower case, umlauts folded, everything that is not a letter a space. With
// `readDigitsAsLetters`, look-alike digits become letters instead ("P4ssw0rt").
QString foldForMatching(const QString& text, bool readDigitsAsLetters)
{
    QString out;
    out.reserve(text.size() * 2);
    for (const QChar original : text) {
        const QChar c = original.toLower();
        switch (c.unicode()) {
        case 0x00E4:
            out += QStringLiteral("ae");
            break;
        case 0x00F6:
            out += QStringLiteral("oe");
            break;
        case 0x00FC:
            out += QStringLiteral("ue");
            break;
        case 0x00DF:
            out += QStringLiteral("ss");
            break;
        case '0':
            out += readDigitsAsLetters ? QLatin1Char('o') : QLatin1Char(' ');
            break;
        case '1':
            out += readDigitsAsLetters ? QLatin1Char('i') : QLatin1Char(' ');
            break;
        case '3':
            out += readDigitsAsLetters ? QLatin1Char('e') : QLatin1Char(' ');
            break;
        case '4':
        case '@':
            out += readDigitsAsLetters ? QLatin1Char('a') : QLatin1Char(' ');
            break;
        case '5':
        case '$':
            out += readDigitsAsLetters ? QLatin1Char('s') : QLatin1Char(' ');
            break;
        default:
            out += c.isLetter() ? c : QLatin1Char(' ');
        }
    }
    return out;
}

} // namespace

Status PassphrasePolicy::check(const QString& passphrase, const QString& username) const
{
    return check(keys::passphraseBytes(passphrase), username);
}

Status PassphrasePolicy::check(const SecureBuffer& passphrase, const QString& username,
                               const SecureBuffer* oldPassphrase) const
{
    LANTERN_TRY(checkLength(passphrase));
    LANTERN_TRY(checkPwquality(passphrase, username, oldPassphrase));
    return checkCommonWords(passphrase);
}

Status PassphrasePolicy::checkLength(const SecureBuffer& passphrase)
{
    if (passphrase.size() > static_cast<std::size_t>(MaximumBytes))
        return Error(ErrorCode::WeakPassphrase,
                     QStringLiteral("this passphrase is longer than %1 bytes; choose a shorter one")
                         .arg(MaximumBytes));
    int characters = 0;
    for (std::size_t i = 0; i < passphrase.size(); ++i) {
        const std::uint8_t b = passphrase.data()[i];
        if (b == 0)
            return Error(ErrorCode::WeakPassphrase,
                         QStringLiteral("a passphrase cannot contain a NUL character"));
        if ((b & 0xC0) != 0x80) // count UTF-8 lead bytes: one per code point
            ++characters;
    }
    if (characters < MinimumLength)
        return weak(QStringLiteral("it has %1 characters, at least %2 are needed")
                        .arg(characters)
                        .arg(MinimumLength));
    return {};
}

Status PassphrasePolicy::checkPwquality(const SecureBuffer& passphrase, const QString& username,
                                        const SecureBuffer* oldPassphrase)
{
    std::unique_ptr<pwquality_settings_t, decltype(&pwquality_free_settings)> settings(
        pwquality_default_settings(), &pwquality_free_settings);
    if (!settings)
        return Error(ErrorCode::Internal,
                     QStringLiteral("the passphrase checker (libpwquality) could not start"));
    pwquality_set_int_value(settings.get(), PWQ_SETTING_MIN_LENGTH, MinimumLength);
    pwquality_set_int_value(settings.get(), PWQ_SETTING_DICT_CHECK, 1);
    pwquality_set_int_value(settings.get(), PWQ_SETTING_USER_CHECK, 1);

    const SecureBuffer password = cString(passphrase);
    const SecureBuffer old = oldPassphrase ? cString(*oldPassphrase) : SecureBuffer();
    const QByteArray user = username.toUtf8();
    void* auxError = nullptr;
    const int score = pwquality_check(settings.get(), password.chars(), oldPassphrase ? old.chars() : nullptr,
                                      user.isEmpty() ? nullptr : user.constData(), &auxError);
    if (score < 0) {
        char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
        // Always called on failure: it also frees auxError where the library allocated it.
        const char* reason = pwquality_strerror(buffer, sizeof buffer, score, auxError);
        return weak(QString::fromUtf8(reason).trimmed().toLower());
    }
    if (score < MinimumScore)
        return weak(QStringLiteral("it is too easy to guess (strength %1 of 100, at least %2 needed)")
                        .arg(score)
                        .arg(MinimumScore));
    return {};
}

Status PassphrasePolicy::checkCommonWords(const SecureBuffer& passphrase)
{
    QString text = QString::fromUtf8(passphrase.chars(), static_cast<qsizetype>(passphrase.size()));
    // Read once with digits as separators ("sommer2024sommer") and once with digits
    // as letters ("P4ssw0rt2024"): either reading made only of common words refuses.
    bool refused = false;
    for (bool digitsAsLetters : {false, true}) {
        QString folded = foldForMatching(text, digitsAsLetters);
        bool onlyCommon = true;
        bool anyWord = false;
        for (const QStringView piece : QStringView(folded).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (piece.size() <= 2)
                continue; // "3B", "o": too short to carry a word either way
            anyWord = true;
            if (!isOnlyCommonWords(piece)) {
                onlyCommon = false;
                break;
            }
        }
        wipe(folded);
        refused = refused || (anyWord && onlyCommon);
    }
    wipe(text);
    if (refused)
        return weak(QStringLiteral(
            "it is built only from common words such as seasons, months or hospital words, and digits"));
    return {};
}

} // namespace lantern::access
