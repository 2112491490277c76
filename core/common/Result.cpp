#include "core/common/Result.h"

namespace lantern {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Io: return QStringLiteral("io");
    case ErrorCode::NotFound: return QStringLiteral("not-found");
    case ErrorCode::Corrupt: return QStringLiteral("corrupt");
    case ErrorCode::WrongKey: return QStringLiteral("wrong-key");
    case ErrorCode::Throttled: return QStringLiteral("throttled");
    case ErrorCode::Denied: return QStringLiteral("denied");
    case ErrorCode::WeakPassphrase: return QStringLiteral("weak-passphrase");
    case ErrorCode::InvalidInput: return QStringLiteral("invalid-input");
    case ErrorCode::Unsupported: return QStringLiteral("unsupported");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Database: return QStringLiteral("database");
    case ErrorCode::Crypto: return QStringLiteral("crypto");
    case ErrorCode::Network: return QStringLiteral("network");
    case ErrorCode::Server: return QStringLiteral("server");
    case ErrorCode::Internal: return QStringLiteral("internal");
    }
    return QStringLiteral("unknown");
}

} // namespace lantern
