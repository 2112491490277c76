#pragma once
// Errors as values: every fallible operation in Lantern returns Result<T>.
// An Error carries a code a program can branch on and a message a person can act
// on ("what happened, and what you can do"). No exception crosses a module boundary.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace lantern {

enum class ErrorCode {
    Io,               // file could not be read or written (disk full, permissions)
    NotFound,         // the thing asked for does not exist
    Corrupt,          // data exists but fails validation (foreign file, broken slot file)
    WrongKey,         // passphrase or key does not open the vault
    Throttled,        // too many failed attempts; wait
    Denied,           // authenticated but not allowed (role, ward scope)
    WeakPassphrase,   // rejected by the passphrase policy
    InvalidInput,     // malformed FHIR or other input from outside
    Unsupported,      // valid but not something Lantern handles
    Conflict,         // state changed underneath (version mismatch, duplicate)
    Database,         // SQLite/SQLCipher reported an error
    Crypto,           // libsodium failed
    Network,          // transport-level failure
    Server,           // the remote side answered with an error
    Internal          // a bug: should not happen
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    Error() = default;
    Error(ErrorCode c, QString m) : code(c), message(std::move(m)) {}

    // Adds context in front of the message: "importing bundle.json: <message>".
    Error prefixed(const QString& context) const { return {code, context + QStringLiteral(": ") + message}; }
};

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, const QString& message)
{
    return Error(code, message);
}

} // namespace lantern

// Early return on failure, keeping the error: LANTERN_TRY(vault.begin());
#define LANTERN_TRY(expr)                                                                                    \
    do {                                                                                                     \
        auto lanternTryResult_ = (expr);                                                                     \
        if (!lanternTryResult_.ok())                                                                         \
            return lanternTryResult_.error();                                                                \
    } while (false)
