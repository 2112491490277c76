#pragma once
// A SQLite VFS for tests that fails chosen I/O calls, the way SQLite's own
// test suite injects I/O errors. It wraps the default ("unix") VFS and, once
// installed, is the process's default VFS, so every sqlite3_open_v2 without a
// VFS name (core/vault/Database) goes through it. SQLCipher encrypts above the
// VFS: the shim sees encrypted pages, which does not matter for failing them.
//
// Armed with a FaultPlan it counts the calls of one kind (xRead, xWrite or
// xSync) on the files it matches, from the moment of arming, and fails the
// n-th one with the plan's result code: once (a transient error), or that one
// and every later one until disarmed (a disk that stays full). Disarmed, it
// only counts, which is how a test learns how many calls an operation makes.

#include <mutex>

struct sqlite3_vfs;

namespace lantern::test {

enum class FaultOp { Read, Write, Sync };

// Which files of a database a plan applies to (SQLite's open flags tell them apart).
enum FaultFile : unsigned {
    MainDbFile = 1u << 0,   // vault.db
    WalFile = 1u << 1,      // vault.db-wal
    JournalFile = 1u << 2,  // vault.db-journal (rollback journal, before WAL mode is set)
    OtherFile = 1u << 3,    // temp and sub-journals (none with temp_store = MEMORY)
    AnyFile = MainDbFile | WalFile | JournalFile | OtherFile
};

struct FaultPlan
{
    FaultOp op = FaultOp::Write;
    int nth = 1;                  // 1-based, counted from arming over the matching files
    int resultCode = 0;           // e.g. SQLITE_IOERR_WRITE, SQLITE_FULL; 0: the usual IOERR_* of the op
    bool persistent = false;      // the n-th and every later call fail until disarm()
    unsigned files = AnyFile;     // FaultFile bits
    int systemErrno = 0;          // what xGetLastError reports afterwards (ENOSPC for a full disk), 0: EIO
};

class FaultVfs
{
public:
    static constexpr const char* kName = "lantern-fault";

    // Registers the shim as the default VFS (once per process) and returns it.
    static FaultVfs& install();

    void arm(const FaultPlan& plan);
    // Stops failing and restarts the counts (so a counting pass starts from zero).
    void disarm();

    // Calls of `op` on files matching the armed plan's filter (AnyFile when
    // disarmed) since the last arm() or disarm().
    int calls(FaultOp op) const;
    // Faults injected since the last arm().
    int injected() const;

    // Called by the VFS methods: counts the call and says which code to fail it with (SQLITE_OK: let it pass).
    int decide(FaultOp op, unsigned fileKind);
    int lastErrno() const;

private:
    FaultVfs() = default;

    mutable std::mutex m_mutex;
    bool m_armed = false;
    FaultPlan m_plan;
    int m_calls[3] = {0, 0, 0};
    int m_injected = 0;
    int m_lastErrno = 0;
};

} // namespace lantern::test
