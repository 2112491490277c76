#include "PassphrasePrompt.h"

#include "core/common/SecureBuffer.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace lantern::cli {
namespace {

QString readLine(bool hideInput, const QString& prompt)
{
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
        if (hideInput && tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    QByteArray line;
    int c;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.append(static_cast<char>(c));
    if (tty && hideInput) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fprintf(stderr, "\n");
    }
    if (line.endsWith('\r'))
        line.chop(1);
    QString text = QString::fromUtf8(line);
    wipe(line);
    return text;
}

} // namespace

QString PassphrasePrompt::read(const QString& prompt)
{
    return readLine(true, prompt);
}

QString PassphrasePrompt::readNew(const QString& prompt)
{
    QString first = readLine(true, prompt);
    if (!isatty(STDIN_FILENO))
        return first;
    QString second = readLine(true, QStringLiteral("Repeat: "));
    if (first != second) {
        std::fprintf(stderr, "lanternctl: the two passphrases differ\n");
        wipe(first);
        wipe(second);
        return {};
    }
    wipe(second);
    return first;
}

QString PassphrasePrompt::readRest(const QString& prompt)
{
    if (isatty(STDIN_FILENO)) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
    }
    QByteArray text;
    int c;
    while ((c = std::fgetc(stdin)) != EOF)
        text.append(static_cast<char>(c));
    return QString::fromUtf8(text);
}

} // namespace lantern::cli
