#pragma once
// An open, unlocked vault: the encrypted database at its latest schema.
// Repositories (resources, users, audit) take a Vault& and are the only code
// that writes SQL against it.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "core/vault/Database.h"

#include <QString>

#include <memory>

namespace lantern::vault {

class Vault
{
public:
    static Result<std::unique_ptr<Vault>> create(const QString& path, const SecureBuffer& dataKey);
    static Result<std::unique_ptr<Vault>> open(const QString& path, const SecureBuffer& dataKey);

    Database& db() { return *m_db; }
    QString path() const { return m_db->path(); }

    Result<QString> meta(const QString& key);
    Status setMeta(const QString& key, const QString& value);

    // PRAGMA integrity_check == "ok".
    Status checkIntegrity();

private:
    explicit Vault(std::unique_ptr<Database> db) : m_db(std::move(db)) {}
    std::unique_ptr<Database> m_db;
};

} // namespace lantern::vault
