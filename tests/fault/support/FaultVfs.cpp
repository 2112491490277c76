#include "FaultVfs.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

namespace lantern::test {
namespace {

// The wrapper's file: our header, then the real VFS's file in the same allocation.
struct ShimFile
{
    sqlite3_file base;
    sqlite3_file* real;
    unsigned kind;
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_shim;
sqlite3_io_methods g_methods;
FaultVfs* g_faults = nullptr;

sqlite3_file* realOf(sqlite3_file* f)
{
    return reinterpret_cast<ShimFile*>(f)->real;
}

unsigned kindOf(int flags)
{
    if (flags & SQLITE_OPEN_MAIN_DB)
        return MainDbFile;
    if (flags & SQLITE_OPEN_WAL)
        return WalFile;
    if (flags & SQLITE_OPEN_MAIN_JOURNAL)
        return JournalFile;
    return OtherFile;
}

int shimClose(sqlite3_file* f)
{
    sqlite3_file* real = realOf(f);
    return real->pMethods ? real->pMethods->xClose(real) : SQLITE_OK;
}

int shimRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset)
{
    if (const int failed = g_faults->decide(FaultOp::Read, reinterpret_cast<ShimFile*>(f)->kind))
        return failed;
    return realOf(f)->pMethods->xRead(realOf(f), buffer, amount, offset);
}

int shimWrite(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset)
{
    if (const int failed = g_faults->decide(FaultOp::Write, reinterpret_cast<ShimFile*>(f)->kind))
        return failed;
    return realOf(f)->pMethods->xWrite(realOf(f), buffer, amount, offset);
}

int shimSync(sqlite3_file* f, int flags)
{
    if (const int failed = g_faults->decide(FaultOp::Sync, reinterpret_cast<ShimFile*>(f)->kind))
        return failed;
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}

// Everything else passes straight through to the real file.
int shimTruncate(sqlite3_file* f, sqlite3_int64 size) { return realOf(f)->pMethods->xTruncate(realOf(f), size); }
int shimFileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int shimLock(sqlite3_file* f, int level) { return realOf(f)->pMethods->xLock(realOf(f), level); }
int shimUnlock(sqlite3_file* f, int level) { return realOf(f)->pMethods->xUnlock(realOf(f), level); }
int shimCheckReservedLock(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int shimFileControl(sqlite3_file* f, int op, void* arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int shimSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int shimDeviceCharacteristics(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int shimShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out)
{
    return realOf(f)->pMethods->xShmMap(realOf(f), page, size, extend, out);
}
int shimShmLock(sqlite3_file* f, int offset, int n, int flags) { return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags); }
void shimShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int shimShmUnmap(sqlite3_file* f, int deleteFlag) { return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag); }
int shimFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    return realOf(f)->pMethods->xFetch(realOf(f), offset, amount, out);
}
int shimUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), offset, p); }

int shimOpen(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* outFlags)
{
    auto* shim = reinterpret_cast<ShimFile*>(f);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    shim->kind = kindOf(flags);
    shim->base.pMethods = nullptr;
    std::memset(shim->real, 0, static_cast<std::size_t>(g_real->szOsFile));
    const int rc = g_real->xOpen(g_real, name, shim->real, flags, outFlags);
    if (rc == SQLITE_OK && shim->real->pMethods)
        shim->base.pMethods = &g_methods; // only an opened file gets methods, so SQLite closes only those
    return rc;
}

int shimDelete(sqlite3_vfs*, const char* name, int syncDir) { return g_real->xDelete(g_real, name, syncDir); }
int shimAccess(sqlite3_vfs*, const char* name, int flags, int* out) { return g_real->xAccess(g_real, name, flags, out); }
int shimFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    return g_real->xFullPathname(g_real, name, size, out);
}
int shimGetLastError(sqlite3_vfs*, int size, char* out)
{
    // Database.cpp asks sqlite3_system_errno() whether an I/O error was a full disk.
    if (const int injected = g_faults->lastErrno())
        return injected;
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, size, out) : 0;
}

int defaultCode(FaultOp op)
{
    switch (op) {
    case FaultOp::Read: return SQLITE_IOERR_READ;
    case FaultOp::Write: return SQLITE_IOERR_WRITE;
    case FaultOp::Sync: return SQLITE_IOERR_FSYNC;
    }
    return SQLITE_IOERR;
}

} // namespace

FaultVfs& FaultVfs::install()
{
    static FaultVfs* instance = [] {
        auto* faults = new FaultVfs; // lives as long as the process: SQLite may call it until exit
        g_faults = faults;
        g_real = sqlite3_vfs_find(nullptr);
        g_shim = *g_real; // unused methods (randomness, time, dlopen) as the real VFS has them
        g_shim.pNext = nullptr;
        g_shim.zName = kName;
        g_shim.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_real->szOsFile;
        g_shim.pAppData = nullptr;
        g_shim.xOpen = shimOpen;
        g_shim.xDelete = shimDelete;
        g_shim.xAccess = shimAccess;
        g_shim.xFullPathname = shimFullPathname;
        g_shim.xGetLastError = shimGetLastError;

        std::memset(&g_methods, 0, sizeof g_methods);
        g_methods.iVersion = 3; // WAL needs the shared-memory methods (v2), mmap the fetch ones (v3)
        g_methods.xClose = shimClose;
        g_methods.xRead = shimRead;
        g_methods.xWrite = shimWrite;
        g_methods.xTruncate = shimTruncate;
        g_methods.xSync = shimSync;
        g_methods.xFileSize = shimFileSize;
        g_methods.xLock = shimLock;
        g_methods.xUnlock = shimUnlock;
        g_methods.xCheckReservedLock = shimCheckReservedLock;
        g_methods.xFileControl = shimFileControl;
        g_methods.xSectorSize = shimSectorSize;
        g_methods.xDeviceCharacteristics = shimDeviceCharacteristics;
        g_methods.xShmMap = shimShmMap;
        g_methods.xShmLock = shimShmLock;
        g_methods.xShmBarrier = shimShmBarrier;
        g_methods.xShmUnmap = shimShmUnmap;
        g_methods.xFetch = shimFetch;
        g_methods.xUnfetch = shimUnfetch;
        sqlite3_vfs_register(&g_shim, 1);
        return faults;
    }();
    return *instance;
}

void FaultVfs::arm(const FaultPlan& plan)
{
    std::lock_guard lock(m_mutex);
    m_plan = plan;
    if (m_plan.resultCode == 0)
        m_plan.resultCode = defaultCode(plan.op);
    if (m_plan.systemErrno == 0)
        m_plan.systemErrno = EIO;
    m_armed = true;
    m_calls[0] = m_calls[1] = m_calls[2] = 0;
    m_injected = 0;
    m_lastErrno = 0;
}

void FaultVfs::disarm()
{
    std::lock_guard lock(m_mutex);
    m_armed = false;
    m_plan = FaultPlan{};
    m_calls[0] = m_calls[1] = m_calls[2] = 0;
    m_lastErrno = 0;
}

int FaultVfs::calls(FaultOp op) const
{
    std::lock_guard lock(m_mutex);
    return m_calls[static_cast<int>(op)];
}

int FaultVfs::injected() const
{
    std::lock_guard lock(m_mutex);
    return m_injected;
}

int FaultVfs::lastErrno() const
{
    std::lock_guard lock(m_mutex);
    return m_lastErrno;
}

int FaultVfs::decide(FaultOp op, unsigned fileKind)
{
    std::lock_guard lock(m_mutex);
    if (!(fileKind & m_plan.files))
        return SQLITE_OK;
    const int n = ++m_calls[static_cast<int>(op)];
    if (!m_armed || op != m_plan.op)
        return SQLITE_OK;
    if (n == m_plan.nth || (m_plan.persistent && n > m_plan.nth)) {
        ++m_injected;
        m_lastErrno = m_plan.systemErrno;
        errno = m_plan.systemErrno;
        return m_plan.resultCode;
    }
    return SQLITE_OK;
}

} // namespace lantern::test
