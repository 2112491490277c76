#include "core/keys/Passphrase.h"

namespace lantern::keys {

SecureBuffer passphraseBytes(const QString& passphrase)
{
    QString normalised = passphrase.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = normalised.toUtf8();
    wipe(normalised);
    return SecureBuffer::takeFrom(utf8);
}

} // namespace lantern::keys
