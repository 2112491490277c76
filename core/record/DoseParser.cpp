#include "core/record/DoseParser.h"

#include <QRegularExpression>

namespace lantern::record {
namespace {

ParsedDose refuse(DoseProblem problem, const QString& message)
{
    ParsedDose d;
    d.problem = problem;
    d.message = message;
    return d;
}

QString notANumber(QChar decimal)
{
    return QStringLiteral("not a number: enter the dose as digits, e.g. 2") + decimal + QStringLiteral("5 or 500");
}

} // namespace

QString canonicalUnit(const QString& unit)
{
    const QString u = unit.trimmed();
    const QString l = u.toLower();
    if (l == QLatin1String("mg"))
        return QStringLiteral("mg");
    if (l == QLatin1String("g"))
        return QStringLiteral("g");
    if (l == QLatin1String("kg"))
        return QStringLiteral("kg");
    if (l == QLatin1String("ug") || l == QLatin1String("mcg") || l == QStringLiteral("µg") || l == QStringLiteral("μg"))
        return QStringLiteral("ug");
    if (l == QLatin1String("ml"))
        return QStringLiteral("mL");
    if (l == QLatin1String("l"))
        return QStringLiteral("L");
    static const QStringList units{QStringLiteral("[iu]"), QStringLiteral("i.e."), QStringLiteral("ie"),
                                   QStringLiteral("iu"),   QStringLiteral("e"),    QStringLiteral("u"),
                                   QStringLiteral("einheiten"), QStringLiteral("units"), QStringLiteral("[u]")};
    if (units.contains(l))
        return QStringLiteral("[iU]");
    return u;
}

std::optional<double> milligramsPer(const QString& unit)
{
    const QString u = canonicalUnit(unit);
    if (u == QLatin1String("mg"))
        return 1.0;
    if (u == QLatin1String("g"))
        return 1000.0;
    if (u == QLatin1String("kg"))
        return 1e6;
    if (u == QLatin1String("ug"))
        return 0.001;
    return std::nullopt;
}

std::optional<double> convertAmount(double value, const QString& from, const QString& to)
{
    const QString a = canonicalUnit(from);
    const QString b = canonicalUnit(to);
    if (a == b)
        return value;
    const auto ma = milligramsPer(a);
    const auto mb = milligramsPer(b);
    if (ma && mb)
        return value * *ma / *mb;
    if (a == QLatin1String("mL") && b == QLatin1String("L"))
        return value / 1000.0;
    if (a == QLatin1String("L") && b == QLatin1String("mL"))
        return value * 1000.0;
    return std::nullopt;
}

ParsedDose parseDose(const QString& text, const QLocale& locale)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return refuse(DoseProblem::Empty, QStringLiteral("no dose entered"));
    if (t.startsWith(QLatin1Char('-')) || t.startsWith(QChar(0x2212)))
        return refuse(DoseProblem::Negative, QStringLiteral("a dose cannot be negative"));
    static const QRegularExpression shape(QStringLiteral("^([0-9][0-9.,' \\x{00A0}\\x{202F}]*?)\\s*([^0-9\\s.,].*)?$"));
    const auto m = shape.match(t);
    if (!m.hasMatch())
        return refuse(DoseProblem::NotANumber, notANumber(QLatin1Char(',')));
    QString number = m.captured(1).trimmed();
    const QString unit = m.captured(2).trimmed();
    static const QRegularExpression spaces(QStringLiteral("[' \\x{00A0}\\x{202F}]"));
    if (number.contains(spaces))
        return refuse(DoseProblem::Grouping, QStringLiteral("write the dose without thousands separators or spaces, "
                                                            "e.g. 2500"));

    const QChar decimal = locale.decimalPoint().size() == 1 ? locale.decimalPoint().at(0) : QLatin1Char('.');
    const QChar other = decimal == QLatin1Char(',') ? QLatin1Char('.') : QLatin1Char(',');
    const qsizetype decimals = number.count(decimal);
    const qsizetype others = number.count(other);
    if (decimals + others > 1)
        return refuse(DoseProblem::Grouping, QStringLiteral("write the dose without thousands separators, e.g. 2500 or 2")
                                                            + decimal + QStringLiteral("5"));
    if (others == 1) {
        // The separator the locale does not use for decimals: a decimal point
        // typed the other way ("2.5" in German), unless exactly three digits
        // follow — then it may just as well be grouping ("2.500").
        const qsizetype at = number.indexOf(other);
        const QString whole = number.left(at);
        const QString fraction = number.mid(at + 1);
        if (whole.isEmpty() || fraction.isEmpty())
            return refuse(DoseProblem::NotANumber, notANumber(decimal));
        if (fraction.size() == 3) {
            ParsedDose d = refuse(DoseProblem::Ambiguous, QString());
            d.suggestionA = whole + fraction;
            d.suggestionB = whole + decimal + QString(fraction).remove(QRegularExpression(QStringLiteral("0+$")));
            if (d.suggestionB.endsWith(decimal))
                d.suggestionB.chop(1);
            d.message = QStringLiteral("ambiguous: write %1 or %2").arg(d.suggestionA, d.suggestionB);
            return d;
        }
        number = whole + QLatin1Char('.') + fraction;
    } else if (decimals == 1) {
        const qsizetype at = number.indexOf(decimal);
        if (at == 0 || at == number.size() - 1)
            return refuse(DoseProblem::NotANumber, notANumber(decimal));
        number.replace(decimal, QLatin1Char('.'));
    }
    bool ok = false;
    const double value = QLocale::c().toDouble(number, &ok);
    if (!ok)
        return refuse(DoseProblem::NotANumber, notANumber(decimal));
    ParsedDose d;
    d.value = value;
    d.unit = unit;
    d.unitCode = unit.isEmpty() ? QString() : canonicalUnit(unit);
    return d;
}

} // namespace lantern::record
