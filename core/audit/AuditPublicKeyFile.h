#pragma once
// The audit public key as a file IT keeps off the device: a standard PEM
// "PUBLIC KEY" (SubjectPublicKeyInfo, Ed25519 OID 1.3.101.112), which
// `openssl pkey -pubin -in audit-public-key.pem -text` reads too. Parsing also
// accepts the bare base64 of the 32 key bytes, as `lanternctl init` prints it.

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace lantern::audit {

QByteArray publicKeyToPem(const QByteArray& publicKey);
// InvalidInput (saying what is wrong) unless `text` holds exactly one Ed25519 public key.
Result<QByteArray> publicKeyFromText(const QByteArray& text);
// Reads a trusted key file: NotFound / Io when unreadable, InvalidInput when not a key.
Result<QByteArray> readPublicKeyFile(const QString& path);
Status writePublicKeyFile(const QString& path, const QByteArray& publicKey);

} // namespace lantern::audit
