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
};

Status writeFileAtomically(const QString& path, const QByteArray& content, AtomicWriteOptions options = {});

// Test hook: makes writeFileAtomically stop after a given step, as if the
// process had been killed there. Only tests set it.
enum class AtomicWriteCrashPoint { None, AfterTempWritten, AfterRename };
void setAtomicWriteCrashPointForTesting(AtomicWriteCrashPoint point);

} // namespace lantern
