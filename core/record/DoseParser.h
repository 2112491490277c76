#pragma once
// Reads a dose as a person types it, in the reader's locale: "2,5" in German
// is 2.5, "2.5" in English is 2.5. A number that could be read two ways is
// refused with a hint instead of guessed: "2.500" in a German locale may be
// 2500 (grouping) or 2.5 (an English decimal point), so the person writes
// "2500" or "2,5". Any grouping ("1,000.5", "1.000,5") is refused the same
// way: a dose is never read with thousands separators. A unit may follow the
// number ("500 mg", "2 I.E.").

#include <QLocale>
#include <QString>

#include <optional>

namespace lantern::record {

enum class DoseProblem
{
    None,
    Empty,      // nothing typed
    NotANumber, // no number, or characters that are neither number nor unit
    Ambiguous,  // "2.500" (German) / "2,500" (English): grouping or decimal?
    Grouping,   // "1,000.5", "1.000.000": thousands separators
    Negative
};

struct ParsedDose
{
    std::optional<double> value;
    QString unit;      // as typed ("mg", "I.E."); empty when none
    QString unitCode;  // canonical UCUM code of `unit` (canonicalUnit), or empty
    DoseProblem problem = DoseProblem::None;
    QString message;   // English: what is wrong and what to type instead; empty when ok
    QString suggestionA, suggestionB; // Ambiguous: the two readings as they should be typed ("2500", "2,5")

    bool ok() const { return problem == DoseProblem::None; }
};

ParsedDose parseDose(const QString& text, const QLocale& locale = QLocale());

// The UCUM code for a typed or coded unit: mg, g, ug, kg, mL, L, [iU]; "mg"
// for "MG", "ug" for "µg"/"mcg", "[iU]" for "I.E."/"IE"/"IU"/"E"/"U". Other
// units come back unchanged.
QString canonicalUnit(const QString& unit);
// Milligrams per one `unit` for mass units (g -> 1000, ug -> 0.001); nullopt otherwise.
std::optional<double> milligramsPer(const QString& unit);
// `value` in `from` expressed in `to`: the same canonical unit, or both mass units.
std::optional<double> convertAmount(double value, const QString& from, const QString& to);

} // namespace lantern::record
