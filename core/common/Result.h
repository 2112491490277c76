#pragma once
// Errors as values: every fallible operation in Lantern returns Result<T>.
// An Error carries a code a program can branch on and a message a person can act
// on ("what happened, and what you can do"). No exception crosses a module boundary.

#include <QString>

#include <optional>
#include <type_traits>
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

// The error type is a parameter so that a layer can carry more than code and
// message without a second copy of this class: sync's FhirResult is
// Result<T, FhirError>, whose error also holds the HTTP status. E must derive
// from Error; a plain Error converts into it.
template <typename T, typename E = Error>
class [[nodiscard]] Result
{
    static_assert(std::is_base_of_v<Error, E>, "a Result's error type derives from Error");

public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_data(std::in_place_index<1>, std::move(error)) {}
    // A plain Error becomes the richer error type with its extras defaulted, so
    // `return error;` and LANTERN_TRY work across layers.
    Result(const Error& error)
        requires(!std::is_same_v<E, Error>)
        : m_data(std::in_place_index<1>, E(error))
    {
    }
    // Builds the richer error in place: FhirResult<X>(error, 404).
    template <typename... Extra>
        requires(sizeof...(Extra) > 0 && std::is_constructible_v<E, Error, Extra...>)
    Result(Error error, Extra&&... extra)
        : m_data(std::in_place_index<1>, E(std::move(error), std::forward<Extra>(extra)...))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_data); }
    const T& value() const& { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const { return std::get<1>(m_data); }

    // HTTP status of a failed response; 0 for success, transport failures and local errors.
    int httpStatus() const
        requires requires(const E& e) { e.httpStatus; }
    {
        return ok() ? 0 : error().httpStatus;
    }

    // Drops the value and any extra error detail.
    Result<void> toStatus() const;

private:
    std::variant<T, E> m_data;
};

template <typename E>
class [[nodiscard]] Result<void, E>
{
    static_assert(std::is_base_of_v<Error, E>, "a Result's error type derives from Error");

public:
    Result() = default;
    Result(E error) : m_error(std::move(error)) {}
    Result(const Error& error)
        requires(!std::is_same_v<E, Error>)
        : m_error(E(error))
    {
    }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const E& error() const { return *m_error; }

private:
    std::optional<E> m_error;
};

template <typename T, typename E>
Result<void> Result<T, E>::toStatus() const
{
    if (ok())
        return {};
    return Error(static_cast<const Error&>(error()));
}

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
