#include "sync/auth/AuthProvider.h"

#include <cstring>

namespace lantern::sync {

SecureBuffer bearerHeader(const SecureBuffer& token)
{
    static constexpr char prefix[] = "Bearer ";
    constexpr std::size_t prefixSize = sizeof(prefix) - 1;
    SecureBuffer header(prefixSize + token.size());
    std::memcpy(header.data(), prefix, prefixSize);
    if (!token.isEmpty())
        std::memcpy(header.data() + prefixSize, token.data(), token.size());
    return header;
}

Result<SecureBuffer> StaticBearerToken::authorization()
{
    if (m_token.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("the configured bearer token is empty; enter the token issued for this device"));
    return bearerHeader(m_token);
}

} // namespace lantern::sync
