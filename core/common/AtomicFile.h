#pragma once
// Replaces a file so that a crash at any instant leaves either the old or the
// new content, never a mix or nothing: write a temp file in the same folder,
// fsync it, rename over the target, fsync the folder. The temp file has a random
// name and is created with O_EXCL|O_NOFOLLOW, so a symlink planted in the folder
// is never written through.

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace lantern {

struct AtomicWriteOptions
{
    int permissions = 0600; // POSIX mode of the new file
    // Files shared with the desktop users' group on a packaged PC (keyslots.json,
    // throttle.json: 0660, see docs/security/accounts.md) keep the owner and group
    // bits of the file they replace, so rewriting one never locks the group out.
    // Never wider than 0660; a new file gets `permissions`.
    bool keepExistingMode = false;
};

Status writeFileAtomically(const QString& path, const QByteArray& content, AtomicWriteOptions options = {});

// The same replacement for content too large to hold in memory (snapshot files):
// open() creates the random temp file, write() appends, commit() syncs and
// renames it over the target. Until commit() succeeds the target is untouched;
// a failed write (a full disk) or destruction without commit removes the temp
// file, so no partial file is ever left under either name.
class AtomicFileWriter
{
public:
    AtomicFileWriter() = default;
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    Status open(const QString& path, int permissions = 0600);
    Status write(const QByteArray& bytes);
    Status commit();

private:
    void discard();

    QString m_path;
    QString m_temp;
    int m_fd = -1;
    qint64 m_written = 0;
};

// Test hook: makes writeFileAtomically stop after a given step, as if the
// process had been killed there. Only tests set it.
enum class AtomicWriteCrashPoint { None, AfterTempWritten, AfterRename };
void setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint point);
// Test hook: AtomicFileWriter::write fails with ENOSPC ("No space left on device")
// once a file would grow beyond `bytes`, as a full disk does; -1: no limit.
void setAtomicWriterDiskSpaceForTesting(qint64 bytes);

} // namespace lantern
