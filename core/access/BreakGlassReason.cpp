#include "core/access/BreakGlassReason.h"

namespace lantern::access {

QStringList BreakGlassReason::codes()
{
    return {QStringLiteral("emergency"), QStringLiteral("transfer"), QStringLiteral("covering"), QStringLiteral("consult")};
}

Result<BreakGlassReason> BreakGlassReason::parse(const QString& given)
{
    const QString trimmed = given.trimmed();
    // The code is the first word, up to a space or a colon.
    qsizetype end = 0;
    while (end < trimmed.size() && trimmed.at(end).isLetter())
        ++end;
    QString code = trimmed.left(end).toLower();
    if (code == QLatin1String("consultation"))
        code = QStringLiteral("consult");
    if (!codes().contains(code))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("a break-glass reason starts with one of: emergency, transfer, covering, consultation "
                                    "(words of your own may follow, e.g. \"covering: night shift\")"));
    QString text = trimmed.mid(end);
    while (!text.isEmpty() && (text.front().isSpace() || text.front() == QLatin1Char(':') || text.front() == QLatin1Char('-')))
        text.remove(0, 1);
    // One line, no control characters: the audit chain is exported line by line.
    QString clean;
    for (const QChar c : std::as_const(text))
        clean += (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
                     ? QLatin1Char(' ')
                     : c;
    clean = clean.simplified();
    if (clean.size() > kMaxTextLength)
        return Error(ErrorCode::InvalidInput, QStringLiteral("the break-glass reason's own words are limited to %1 "
                                                             "characters; say it shorter")
                                                  .arg(kMaxTextLength));
    return BreakGlassReason{code, clean};
}

QString BreakGlassReason::auditDetail() const
{
    const QString coded = QStringLiteral("reason=") + code;
    return text.isEmpty() ? coded : QString(coded + QStringLiteral(" text=") + text);
}

} // namespace lantern::access
