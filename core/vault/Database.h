#pragma once
// The only door to SQL in Lantern: a thin RAII wrapper over SQLCipher's C API.
// It opens a file with a raw 256-bit key, sets the cipher settings explicitly,
// reads them back and refuses anything that is not an encrypted database.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <QList>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace lantern::vault {

class Statement
{
public:
    Statement() = default;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, const QString& text);
    Statement& bind(int index, const char* utf8) = delete; // say QStringLiteral or QByteArray
    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement& bindBlob(int index, const QByteArray& blob);
    Statement& bindText(int index, const QByteArray& utf8);
    Statement& bindNull(int index);
    // Null for a null QString, text otherwise.
    Statement& bindOptional(int index, const QString& text);

    // true: a row is ready; false: done. Errors are values.
    Result<bool> step();
    // For statements that return no rows.
    Status run();
    void reset();

    // Every remaining row through `read(const Statement&)`, or the first error.
    template <typename T, typename Read>
    Result<QList<T>> collect(Read read)
    {
        QList<T> rows;
        for (;;) {
            auto row = step();
            if (!row.ok())
                return row.error();
            if (!*row)
                return rows;
            rows.append(read(*this));
        }
    }
    // The next row through `read`, or nullopt when there is none.
    template <typename T, typename Read>
    Result<std::optional<T>> first(Read read)
    {
        auto row = step();
        if (!row.ok())
            return row.error();
        if (!*row)
            return std::optional<T>();
        return std::optional<T>(read(*this));
    }

    QString text(int column) const;
    QByteArray blob(int column) const;
    qint64 int64(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database
{
public:
    enum class OpenMode { CreateNew, OpenExisting };

    // Opens (or creates) an encrypted database keyed with exactly 32 raw bytes.
    static Result<std::unique_ptr<Database>> open(const QString& path, const SecureBuffer& rawKey, OpenMode mode);
    // An unencrypted database for the benchmark baseline only. Never used for patient data.
    static Result<std::unique_ptr<Database>> openPlaintextForBenchmark(const QString& path);
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Status exec(const QString& sql);
    Result<Statement> prepare(const QString& sql);
    // Reads a single value (first column of the first row), or a null QVariant.
    Result<QVariant> scalar(const QString& sql);

    // Re-encrypts every page under `newRawKey` in one transaction (SQLCipher's
    // rekey): a crash leaves the file under the old key or the new one, never a
    // mix. Then checkpoints the WAL so no page under the old key stays in it.
    Status rekey(const SecureBuffer& newRawKey);

    qint64 lastInsertRowId() const;
    int changes() const;
    QString path() const { return m_path; }
    QString cipherVersion() const { return m_cipherVersion; }
    sqlite3* handle() const { return m_db; }

    // Error from the last failing call, with context.
    Error lastError(const QString& context) const;

private:
    Database(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}
    Status applyKeyAndCipherSettings(const SecureBuffer& rawKey);
    static SecureBuffer rawKeySpec(const SecureBuffer& rawKey);
    Status verifyCipherSettings();

    sqlite3* m_db = nullptr;
    QString m_path;
    QString m_cipherVersion;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() succeeded.
class Transaction
{
public:
    static Result<std::unique_ptr<Transaction>> begin(Database& db);
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database& db) : m_db(db) {}
    Database& m_db;
    bool m_done = false;
};

// True when the file starts with the plaintext SQLite header: such a file is never opened.
bool isPlaintextSqliteFile(const QString& path);

} // namespace lantern::vault
