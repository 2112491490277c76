#include "core/vault/Database.h"

#include "core/common/Logging.h"
#include "core/vault/DiskReserve.h"

#include <QFile>
#include <QFileInfo>

#include <sodium.h>
#include <sqlite3.h>

#include <cerrno>
#include <utility>

namespace lantern::vault {
namespace {

constexpr int kCipherPageSize = 4096;
constexpr std::size_t kRawKeyBytes = 32;
constexpr qint64 kNoRoomBytes = 64 * 1024; // less than this free: an I/O error is the disk being full

QString sqliteMessage(sqlite3* db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
}

// SQLITE_FULL, or an I/O error whose cause was no space (SQLite reports a
// failed -shm extension or fsync as IOERR): the disk is full.
bool isDiskFull(sqlite3* db, int rc)
{
    if ((rc & 0xff) == SQLITE_FULL)
        return true;
    if ((rc & 0xff) != SQLITE_IOERR || !db)
        return false;
    const int sysErr = sqlite3_system_errno(db);
    if (sysErr == ENOSPC || sysErr == EDQUOT)
        return true;
    // Some paths (extending the -shm file) do not keep their errno: an I/O
    // error on a disk without a free page is the disk being full, measured.
    const char* file = sqlite3_db_filename(db, "main");
    if (!file || !*file)
        return false;
    const std::optional<qint64> free = freeDiskBytes(QFileInfo(QFile::decodeName(file)).absolutePath());
    return free && *free < kNoRoomBytes;
}

ErrorCode codeFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL: return ErrorCode::Io;
    case SQLITE_IOERR: return ErrorCode::Io;
    case SQLITE_CANTOPEN: return ErrorCode::Io;
    case SQLITE_READONLY: return ErrorCode::Io;
    // Once a database is open, its key is known to be right (Database::open
    // tells a wrong key apart on the first page): a page that fails later is damage.
    case SQLITE_NOTADB: return ErrorCode::Corrupt;
    case SQLITE_CORRUPT: return ErrorCode::Corrupt;
    case SQLITE_CONSTRAINT: return ErrorCode::Conflict;
    default: return ErrorCode::Database;
    }
}

QString friendlyMessage(int rc, const QString& raw)
{
    switch (rc & 0xff) {
    case SQLITE_FULL: return QStringLiteral("the disk is full (%1); free space and try again, nothing of this step was saved").arg(raw);
    case SQLITE_IOERR:
        return QStringLiteral("writing to or reading from the disk failed (%1): the disk may be full or failing; "
                              "nothing of this step was saved").arg(raw);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return QStringLiteral("vault file damaged: a page of vault.db fails its check (%1); run 'lanternctl verify' "
                              "and restore vault.db from a backup").arg(raw);
    default: return raw;
    }
}

// The Error for a failed call; tells DiskReserve when the disk was full.
Error failure(sqlite3* db, int rc, const QString& raw)
{
    if (isDiskFull(db, rc)) {
        noteDiskFullFailure();
        return Error(ErrorCode::Io, friendlyMessage(SQLITE_FULL, raw));
    }
    return Error(codeFor(rc), friendlyMessage(rc, raw));
}

QString mainFile(sqlite3* db)
{
    const char* name = sqlite3_db_filename(db, "main");
    return name ? QString::fromUtf8(name) : QString();
}

} // namespace

// ---------------------------------------------------------------- Statement

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, const QString& text)
{
    return bindText(index, text.toUtf8());
}

Statement& Statement::bindText(int index, const QByteArray& utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bindOptional(int index, const QString& text)
{
    return text.isNull() ? bindNull(index) : bind(index, text);
}

Result<bool> Statement::step()
{
    // A statement outside an explicit transaction is its own transaction: when
    // the disk was full, SQLite undid it whole, so it may run once more on the
    // reserve's room. Inside a transaction the caller retries the whole of it.
    const bool ownTransaction = sqlite3_get_autocommit(m_db) != 0;
    int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && ownTransaction && isDiskFull(m_db, rc) &&
        releaseReserveAfterDiskFull(mainFile(m_db))) {
        sqlite3_reset(m_stmt);
        rc = sqlite3_step(m_stmt);
    }
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString raw = sqliteMessage(m_db);
    sqlite3_reset(m_stmt);
    return failure(m_db, rc, raw);
}

Status Statement::run()
{
    auto stepped = step();
    if (!stepped.ok())
        return stepped.error();
    return {};
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

QString Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const void* p = sqlite3_column_blob(m_stmt, column);
    return QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, column));
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

// ---------------------------------------------------------------- Database

// Only for files no connection of this process has open (a test's or a
// tool's check): see fileHeader for why the vault is not read this way.
bool isPlaintextSqliteFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    static const QByteArray header("SQLite format 3\0", 16);
    return file.read(16) == header;
}

namespace {

// The file's first 16 bytes read through SQLite's own descriptor. Opening the
// file a second time and closing it again (QFile) would drop every POSIX lock
// this process holds on it: fcntl locks belong to the process, and any close()
// of that file releases them all. The mirror service keeps a connection open
// while its engine opens another each cycle; with its locks gone, another
// process wrote pages that connection was using and the vault was damaged
// ("database disk image is malformed", then "the key does not open"), found
// by the leak scan's run of the demo (issue #13).
// Empty when the file is shorter than a header; nullopt when the read failed.
std::optional<QByteArray> fileHeader(sqlite3* db)
{
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file || !file->pMethods)
        return QByteArray();
    char header[16] = {};
    const int rc = file->pMethods->xRead(file, header, sizeof header, 0);
    if (rc == SQLITE_IOERR_SHORT_READ)
        return QByteArray(); // a new or empty file
    if (rc != SQLITE_OK)
        return std::nullopt;
    return QByteArray(header, sizeof header);
}

Error unreadable(const QString& path)
{
    return Error(ErrorCode::Io, QStringLiteral("cannot read %1: reading its first page from the disk failed; the disk "
                                               "may be failing; nothing was changed, try again")
                                    .arg(path));
}

} // namespace

Result<std::unique_ptr<Database>> Database::open(const QString& path, const SecureBuffer& rawKey, OpenMode mode)
{
    auto attempt = [&]() -> Result<std::unique_ptr<Database>> {
        if (rawKey.size() != kRawKeyBytes)
            return Error(ErrorCode::Internal, QStringLiteral("a vault key must be 32 bytes"));
        const bool exists = QFileInfo::exists(path);
        if (mode == OpenMode::OpenExisting && !exists)
            return Error(ErrorCode::NotFound, QStringLiteral("no vault at %1; run 'lanternctl init' first").arg(path));
        if (mode == OpenMode::CreateNew && exists && QFileInfo(path).size() > 0)
            return Error(ErrorCode::Conflict, QStringLiteral("%1 already exists; refusing to overwrite it").arg(path));
        if (mode == OpenMode::OpenExisting) {
            // SQLite would take an empty file for a new database and Lantern would
            // build a fresh, empty vault in it: a cut-off file must be named instead.
            // (stat only: opening the file here would drop this process's locks.)
            const qint64 size = QFileInfo(path).size();
            if (size == 0)
                return Error(ErrorCode::Corrupt, QStringLiteral("vault file damaged: %1 is empty (0 bytes); restore it from a "
                                                                "backup").arg(path));
            if (size % kCipherPageSize != 0)
                return Error(ErrorCode::Corrupt,
                             QStringLiteral("vault file damaged: %1 has %2 bytes, not a whole number of %3-byte pages (the "
                                            "file was cut off); restore it from a backup")
                                 .arg(path)
                                 .arg(size)
                                 .arg(kCipherPageSize));
        }
        sqlite3* raw = nullptr;
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX |
                          (mode == OpenMode::CreateNew ? SQLITE_OPEN_CREATE : 0);
        const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
        std::unique_ptr<Database> db(new Database(raw, path));
        if (rc != SQLITE_OK)
            return failure(raw, rc, sqliteMessage(raw)).prefixed(QStringLiteral("cannot open %1").arg(path));
        // Read before keying: SQLCipher reads these bytes (its salt) again while
        // keying, and a disk that cannot must be named here, not taken for a wrong key.
        const std::optional<QByteArray> header = exists ? fileHeader(raw) : QByteArray();
        if (!header)
            return unreadable(path);
        if (*header == QByteArray("SQLite format 3\0", 16))
            return Error(ErrorCode::Corrupt,
                         QStringLiteral("%1 is an unencrypted SQLite database, not a Lantern vault; refusing to open it")
                             .arg(path));
        sqlite3_extended_result_codes(raw, 1);
        sqlite3_busy_timeout(raw, 5000);

        LANTERN_TRY(db->applyKeyAndCipherSettings(rawKey));
        // The first real read decrypts page 1: a wrong key, a foreign file or a
        // changed first page fails its HMAC here ("not a database"); this layer
        // cannot tell them apart, the caller that knows where the key came from can.
        // Any other failure means page 1 opened under this key, so the key is right
        // and the file is damaged further in.
        const int probe = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
        if ((probe & 0xff) == SQLITE_NOTADB)
            return Error(ErrorCode::WrongKey,
                         QStringLiteral("the key does not open %1 (a wrong key, not a Lantern vault, or a damaged first page)")
                             .arg(path));
        if (probe != SQLITE_OK)
            return db->lastError(QStringLiteral("reading %1").arg(path));
        LANTERN_TRY(db->verifyCipherSettings());
        LANTERN_TRY(db->exec(QStringLiteral("PRAGMA journal_mode = WAL")));
        // FULL: a confirmed outbox entry must survive power loss, not only a crash.
        LANTERN_TRY(db->exec(QStringLiteral("PRAGMA synchronous = FULL")));
        LANTERN_TRY(db->exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        // Temporary tables and sort spills stay in memory: SQLCipher encrypts temp files,
        // but not writing them at all is simpler to reason about.
        LANTERN_TRY(db->exec(QStringLiteral("PRAGMA temp_store = MEMORY")));
        // Every page read from disk costs a decryption and an HMAC check: a 16 MiB
        // page cache keeps the hot index pages decrypted in (sodium-unprotected but
        // process-private) memory instead of re-reading them.
        LANTERN_TRY(db->exec(QStringLiteral("PRAGMA cache_size = -16384")));
        return db;
    };
    // Opening writes too (the -wal and -shm files): on a full disk, once more on
    // the reserve's room. A new vault is not retried: its half-made file is in the way.
    if (mode == OpenMode::CreateNew)
        return attempt();
    auto opened = retryOnceWhenDiskFull(path, attempt);
    // SQLCipher 3.4 reads its salt (the file's first 16 bytes) while keying and,
    // when that read fails, goes on with a random salt: every page then fails its
    // check exactly as under a wrong key (found by test_io_faults). A wrong key or
    // a damaged first page says so again on a second open; a failed read does not.
    if (!opened.ok() && opened.error().code == ErrorCode::WrongKey)
        opened = attempt();
    return opened;
}

Result<std::unique_ptr<Database>> Database::openPlaintextForBenchmark(const QString& path)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK)
        return Error(codeFor(rc), QStringLiteral("cannot open %1: %2").arg(path, sqliteMessage(raw)));
    LANTERN_TRY(db->exec(QStringLiteral("PRAGMA journal_mode = WAL")));
    LANTERN_TRY(db->exec(QStringLiteral("PRAGMA synchronous = FULL")));
    return db;
}

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

SecureBuffer Database::rawKeySpec(const SecureBuffer& rawKey)
{
    // SQLCipher's raw key form: the literal x'<64 hex digits>' skips PBKDF2 entirely.
    SecureBuffer keySpec(3 + kRawKeyBytes * 2);
    keySpec.data()[0] = 'x';
    keySpec.data()[1] = '\'';
    sodium_bin2hex(keySpec.chars() + 2, kRawKeyBytes * 2 + 1, rawKey.data(), kRawKeyBytes);
    keySpec.data()[keySpec.size() - 1] = '\'';
    return keySpec;
}

Status Database::rekey(const SecureBuffer& newRawKey)
{
    if (newRawKey.size() != kRawKeyBytes)
        return Error(ErrorCode::Internal, QStringLiteral("a vault key must be 32 bytes"));
    SecureBuffer keySpec = rawKeySpec(newRawKey);
    const int rc = sqlite3_rekey(m_db, keySpec.data(), static_cast<int>(keySpec.size()));
    if (rc != SQLITE_OK)
        return lastError(QStringLiteral("re-encrypting the vault under the new key"));
    // The probe read proves the pages open under the new key.
    auto probe = scalar(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!probe.ok())
        return probe.error();
    return exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
}

Status Database::applyKeyAndCipherSettings(const SecureBuffer& rawKey)
{
    SecureBuffer keySpec = rawKeySpec(rawKey);
    const int rc = sqlite3_key(m_db, keySpec.data(), static_cast<int>(keySpec.size()));
    keySpec.clear();
    if (rc != SQLITE_OK)
        return lastError(QStringLiteral("setting the vault key"));

    auto version = scalar(QStringLiteral("PRAGMA cipher_version"));
    if (!version.ok() || version->toString().isEmpty())
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("the SQLite library in use has no encryption (PRAGMA cipher_version is empty); "
                                    "Lantern needs SQLCipher and will not store data unencrypted"));
    m_cipherVersion = version->toString();

    // Settings are explicit so that the file format never depends on a library's defaults.
    LANTERN_TRY(exec(QStringLiteral("PRAGMA cipher_page_size = %1").arg(kCipherPageSize)));
    LANTERN_TRY(exec(QStringLiteral("PRAGMA cipher_use_hmac = ON")));
    return {};
}

Status Database::verifyCipherSettings()
{
    auto pageSize = scalar(QStringLiteral("PRAGMA cipher_page_size"));
    if (!pageSize.ok())
        return pageSize.error();
    if (pageSize->toInt() != kCipherPageSize)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("SQLCipher reports page size %1 instead of %2").arg(pageSize->toString()).arg(kCipherPageSize));
    auto hmac = scalar(QStringLiteral("PRAGMA cipher_use_hmac"));
    // SQLCipher 4 no longer reports this pragma (HMAC is always on there); 3.x answers 1.
    if (hmac.ok() && !hmac->isNull() && hmac->toString() != QStringLiteral("1"))
        return Error(ErrorCode::Unsupported, QStringLiteral("SQLCipher reports HMAC off; refusing to use the vault"));
    return {};
}

Status Database::exec(const QString& sql)
{
    const QByteArray utf8 = sql.toUtf8();
    // As in Statement::step: only what is its own transaction runs once more.
    const bool ownTransaction = sqlite3_get_autocommit(m_db) != 0;
    char* message = nullptr;
    int rc = sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK && ownTransaction && isDiskFull(m_db, rc) && releaseReserveAfterDiskFull(m_path)) {
        sqlite3_free(message);
        message = nullptr;
        rc = sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, &message);
    }
    if (rc != SQLITE_OK) {
        const QString raw = message ? QString::fromUtf8(message) : sqliteMessage(m_db);
        sqlite3_free(message);
        return failure(m_db, rc, raw);
    }
    return {};
}

Result<Statement> Database::prepare(const QString& sql)
{
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size()), &stmt, nullptr);
    if (rc != SQLITE_OK)
        return failure(m_db, rc, sqliteMessage(m_db));
    return Statement(m_db, stmt);
}

Result<QVariant> Database::scalar(const QString& sql)
{
    auto stmt = prepare(sql);
    if (!stmt.ok())
        return stmt.error();
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row || stmt->isNull(0))
        return QVariant();
    return QVariant(stmt->text(0));
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Error Database::lastError(const QString& context) const
{
    const int rc = sqlite3_extended_errcode(m_db);
    return failure(m_db, rc, sqliteMessage(m_db)).prefixed(context);
}

// ---------------------------------------------------------------- Transaction

Result<std::unique_ptr<Transaction>> Transaction::begin(Database& db)
{
    LANTERN_TRY(db.exec(QStringLiteral("BEGIN IMMEDIATE")));
    return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction()
{
    // After an I/O error or a full disk SQLite may have rolled the transaction
    // back itself: then there is nothing left to undo (and no failure to warn of).
    if (!m_done && sqlite3_get_autocommit(m_db.handle()) == 0) {
        const Status rolledBack = m_db.exec(QStringLiteral("ROLLBACK"));
        if (!rolledBack.ok())
            qCWarning(lcVault) << "rollback failed:" << rolledBack.error().message;
    }
}

Status Transaction::commit()
{
    Status committed = m_db.exec(QStringLiteral("COMMIT"));
    if (committed.ok())
        m_done = true;
    return committed;
}

} // namespace lantern::vault
