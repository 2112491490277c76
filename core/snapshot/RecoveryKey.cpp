#include "core/snapshot/RecoveryKey.h"

#include "core/common/AtomicFile.h"

#include <QFile>
#include <QFileInfo>

namespace lantern::snapshot {
namespace {

const QByteArray kFirstLine = QByteArrayLiteral("lantern-recovery-key 1\n");

} // namespace

Result<DeviceIdentity> RecoveryKey::create(const QString& path)
{
    if (QFileInfo::exists(path))
        return Error(ErrorCode::Conflict, QStringLiteral("%1 exists already; a recovery key is never replaced").arg(path));
    DeviceIdentity identity = DeviceIdentity::generate();
    const SecureBuffer seed = identity.seed();
    QByteArray raw(seed.chars(), static_cast<qsizetype>(seed.size()));
    QByteArray content = kFirstLine + raw.toBase64() + '\n';
    wipe(raw);
    const Status written = writeFileAtomically(path, content, AtomicWriteOptions{0600});
    wipe(content);
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("writing the recovery key"));
    return identity;
}

Result<DeviceIdentity> RecoveryKey::load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read the recovery key %1: %2").arg(path, file.errorString()));
    QByteArray content = file.read(4096);
    const bool header = content.startsWith(kFirstLine);
    QByteArray encoded = content.mid(kFirstLine.size()).trimmed();
    wipe(content);
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    wipe(encoded);
    if (!header || !decoded || decoded.decoded.size() != 32) {
        wipe(decoded.decoded);
        return Error(ErrorCode::Corrupt, QStringLiteral("%1 is not a Lantern recovery key file").arg(path));
    }
    SecureBuffer seed = SecureBuffer::takeFrom(decoded.decoded);
    return DeviceIdentity::fromSeed(seed);
}

} // namespace lantern::snapshot
