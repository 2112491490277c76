#pragma once
// Key material lives here: memory from sodium_malloc (guard pages, mlock'd,
// excluded from core dumps where the OS allows) and wiped on destruction.
// Move-only so a secret is never silently copied into ordinary heap memory.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace lantern {

class SecureBuffer
{
public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size);
    ~SecureBuffer();

    SecureBuffer(SecureBuffer&& other) noexcept;
    SecureBuffer& operator=(SecureBuffer&& other) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    static SecureBuffer random(std::size_t size);
    // Copies bytes in; the caller stays responsible for wiping its own copy.
    static SecureBuffer fromBytes(const void* data, std::size_t size);
    // Copies a QByteArray in and wipes the QByteArray's storage (it must be detached).
    static SecureBuffer takeFrom(QByteArray& bytes);

    SecureBuffer clone() const;

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    char* chars() { return reinterpret_cast<char*>(m_data); }
    const char* chars() const { return reinterpret_cast<const char*>(m_data); }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    // Constant-time comparison.
    bool equals(const SecureBuffer& other) const;
    void clear();

private:
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

// Wipes a QByteArray's bytes in place (detaching first would copy the secret).
void wipe(QByteArray& bytes);
void wipe(QString& text);

} // namespace lantern
