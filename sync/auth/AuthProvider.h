#pragma once
// Supplies the Authorization header for requests to the EHR. Implementations:
// NoAuth (the simulator), StaticBearerToken (a token handed over by IT) and
// SmartBackendAuth (SMART Backend Services, OAuth 2 client credentials with a
// signed JWT assertion).

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

namespace lantern::sync {

class AuthProvider
{
public:
    virtual ~AuthProvider() = default;

    // The header value ("Bearer eyJ…") for the next request; an empty buffer
    // means "send no Authorization header". May block to fetch a token.
    virtual Result<SecureBuffer> authorization() = 0;

    // The server answered 401 to the credential last handed out. Forgets it;
    // returns true when asking again can yield a different one (worth exactly
    // one retry), false when it cannot (a static token stays wrong).
    virtual bool credentialRejected() = 0;
};

class NoAuth final : public AuthProvider
{
public:
    Result<SecureBuffer> authorization() override { return SecureBuffer(); }
    bool credentialRejected() override { return false; }
};

class StaticBearerToken final : public AuthProvider
{
public:
    explicit StaticBearerToken(SecureBuffer token) : m_token(std::move(token)) {}
    Result<SecureBuffer> authorization() override;
    bool credentialRejected() override { return false; }

private:
    SecureBuffer m_token;
};

// "Bearer " + token, built inside secure memory.
SecureBuffer bearerHeader(const SecureBuffer& token);

} // namespace lantern::sync
