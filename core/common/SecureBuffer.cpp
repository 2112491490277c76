#include "core/common/SecureBuffer.h"

#include "core/common/Sodium.h"

#include <sodium.h>

#include <cstring>
#include <new>
#include <utility>

namespace lantern {

SecureBuffer::SecureBuffer(std::size_t size)
{
    ensureSodium();
    if (size == 0)
        return;
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (!m_data)
        throw std::bad_alloc();
    m_size = size;
    sodium_memzero(m_data, m_size);
}

SecureBuffer::~SecureBuffer()
{
    clear();
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecureBuffer SecureBuffer::random(std::size_t size)
{
    SecureBuffer buffer(size);
    randombytes_buf(buffer.data(), size);
    return buffer;
}

SecureBuffer SecureBuffer::fromBytes(const void* data, std::size_t size)
{
    SecureBuffer buffer(size);
    if (size)
        std::memcpy(buffer.data(), data, size);
    return buffer;
}

SecureBuffer SecureBuffer::takeFrom(QByteArray& bytes)
{
    SecureBuffer buffer = fromBytes(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    wipe(bytes);
    return buffer;
}

SecureBuffer SecureBuffer::clone() const
{
    return fromBytes(m_data, m_size);
}

bool SecureBuffer::equals(const SecureBuffer& other) const
{
    return m_size == other.m_size && (m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0);
}

void SecureBuffer::clear()
{
    if (m_data) {
        sodium_free(m_data); // wipes before freeing
        m_data = nullptr;
        m_size = 0;
    }
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        // Shared storage: wiping would corrupt another owner; just drop our reference.
        bytes.clear();
        return;
    }
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), static_cast<std::size_t>(bytes.size()));
    bytes.clear();
}

void wipe(QString& text)
{
    if (!text.isEmpty() && text.isDetached())
        sodium_memzero(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace lantern
