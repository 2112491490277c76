#include "core/import/ImportInput.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lantern::import {
namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 FirstPeek = 64 * 1024;
constexpr qint64 ReadChunk = 1024 * 1024;

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// Whether `st` is the very file or pipe standard input is: /dev/stdin,
// /proc/self/fd/0, or the path of a file also redirected into us. Reading it
// through a second descriptor would miss what the passphrase prompt already
// buffered from standard input.
bool isStandardInput(const struct stat& st)
{
    struct stat in
    {
    };
    return ::fstat(STDIN_FILENO, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino;
}

// Opens a FIFO without blocking, then waits at most `wait` for a writer to
// send something (or to come and go): open(2) alone would block for ever.
Result<int> openFifo(const QString& path, std::chrono::seconds wait)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, systemError(errno)));
    QDeadlineTimer deadline(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(qMin<qint64>(deadline.remainingTime(), 1000)));
        if (ready > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR)))
            break;
        if (ready < 0 && errno != EINTR) {
            const int err = errno;
            ::close(fd);
            return Error(ErrorCode::Io, QStringLiteral("cannot wait for %1: %2").arg(path, systemError(err)));
        }
        if (deadline.hasExpired()) {
            ::close(fd);
            return Error(ErrorCode::Io,
                         QStringLiteral("no program wrote to the FIFO %1 within %2 seconds (--writer-wait); nothing was "
                                        "imported from it: start the writer first, or wait longer with --writer-wait SECONDS")
                             .arg(path)
                             .arg(wait.count()));
        }
    }
    // From here on reads block as usual: the writer is there.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        const int err = errno;
        ::close(fd);
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, systemError(err)));
    }
    return fd;
}

qsizetype firstContentByte(const QByteArray& head)
{
    qsizetype i = head.startsWith("\xEF\xBB\xBF") ? 3 : 0; // a UTF-8 byte order mark
    while (i < head.size() && (head.at(i) == ' ' || head.at(i) == '\t' || head.at(i) == '\r' || head.at(i) == '\n'))
        ++i;
    return i < head.size() ? i : -1;
}

} // namespace

ImportInput::~ImportInput() = default;

Result<std::unique_ptr<ImportInput>> ImportInput::open(const QString& path, std::chrono::seconds writerWait)
{
    std::unique_ptr<ImportInput> input;
    struct stat st
    {
    };
    const bool standardInput = path == QLatin1String("-");
    if (!standardInput && ::stat(QFile::encodeName(path).constData(), &st) != 0) {
        const int err = errno;
        return Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                     QStringLiteral("cannot read %1: %2").arg(path, systemError(err)));
    }
    if (standardInput || isStandardInput(st)) {
        input.reset(new ImportInput(QStringLiteral("standard input"), false));
        // Through stdin's FILE: it holds whatever the passphrase prompt read ahead.
        if (!input->m_file.open(stdin, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
            return Error(ErrorCode::Io, QStringLiteral("cannot read standard input: %1").arg(input->m_file.errorString()));
        return input;
    }
    if (S_ISDIR(st.st_mode))
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is a folder, not a FHIR file").arg(path));
    const QString name = QFileInfo(path).fileName();
    if (S_ISREG(st.st_mode)) {
        input.reset(new ImportInput(name, true));
        input->m_suffix = QFileInfo(path).suffix().toLower();
        input->m_file.setFileName(path);
        if (!input->m_file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, input->m_file.errorString()));
        return input;
    }
    // A pipe, FIFO or device: read through a FILE, whose end-of-file QFile can tell.
    int fd = -1;
    if (S_ISFIFO(st.st_mode)) {
        auto opened = openFifo(path, writerWait);
        if (!opened.ok())
            return opened.error();
        fd = *opened;
    } else {
        fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, systemError(errno)));
    }
    FILE* stream = ::fdopen(fd, "rb");
    if (!stream) {
        const int err = errno;
        ::close(fd);
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, systemError(err)));
    }
    input.reset(new ImportInput(name, false));
    input->m_suffix = QFileInfo(path).suffix().toLower();
    if (!input->m_file.open(stream, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        std::fclose(stream);
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, input->m_file.errorString()));
    }
    return input;
}

Result<InputFormat> ImportInput::detectFormat(const ImportLimits& limits)
{
    // Peek (never read) in growing steps until the first line ends, the input
    // ends, or the line is longer than an NDJSON line may be.
    QByteArray head;
    qsizetype start = -1;
    qsizetype newline = -1;
    for (qint64 want = FirstPeek;; want = qMin(want * 4, limits.maxLineBytes + 1)) {
        head = m_file.peek(want);
        start = firstContentByte(head);
        if (start >= 0 && head.at(start) != '{' && head.at(start) != '[')
            return Error(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not FHIR JSON or NDJSON: it starts with the byte 0x%2, not '{'; nothing was "
                                        "imported")
                             .arg(m_name)
                             .arg(static_cast<unsigned char>(head.at(start)), 2, 16, QLatin1Char('0')));
        if (start >= 0)
            newline = head.indexOf('\n', start);
        if (newline >= 0 || head.size() < want || want > limits.maxLineBytes)
            break;
    }
    if (start < 0)
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is empty; nothing was imported").arg(m_name));
    if (m_suffix == QLatin1String("ndjson") || m_suffix == QLatin1String("jsonl"))
        return InputFormat::Ndjson;
    if (newline < 0)
        return InputFormat::Json; // one line, or a first line too long for NDJSON: a document
    // A first line that is a whole JSON object, followed by more, is NDJSON.
    const bool more = m_file.peek(newline + 2).size() > newline + 1;
    const QByteArray first = head.mid(start, newline - start).trimmed();
    if (!more || !first.startsWith('{'))
        return InputFormat::Json;
    QJsonParseError error{};
    QJsonDocument::fromJson(first, &error);
    return error.error == QJsonParseError::NoError ? InputFormat::Ndjson : InputFormat::Json;
}

Result<QByteArray> ImportInput::readDocument(const ImportLimits& limits)
{
    const auto tooLarge = [&] {
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is larger than %2 MiB, the limit for one JSON document; nothing was imported: "
                                    "split it, or export it as NDJSON (one resource per line)")
                         .arg(m_name)
                         .arg(limits.maxDocumentBytes / MiB));
    };
    if (m_regular && m_file.size() > limits.maxDocumentBytes)
        return tooLarge();
    QByteArray document;
    QByteArray chunk(ReadChunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = m_file.read(chunk.data(), chunk.size());
        if (n < 0)
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(m_name, m_file.errorString()));
        if (n == 0)
            break;
        if (document.size() + n > limits.maxDocumentBytes)
            return tooLarge();
        document.append(chunk.constData(), n);
    }
    return document;
}

} // namespace lantern::import
