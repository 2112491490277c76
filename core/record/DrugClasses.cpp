#include "record/DrugClasses.h"

#include "fhir/Codes.h"

#include <array>

namespace lantern::record {
namespace {

struct DrugClass
{
    const char* key;
    const char* label;
    std::array<const char*, 6> atcPrefixes;   // WHO ATC groups
    std::array<const char*, 6> substanceCodes; // SNOMED CT / RxNorm substance or class codes
    std::array<const char*, 10> words;         // lower-case stems, matched in free text
};

// Reviewed list; extend with care (a wider class means more warnings, and
// warnings that fire for everything get clicked away).
const std::array<DrugClass, 8> kClasses = {{
    {"penicillin", "penicillins",
     {"J01C", nullptr, nullptr, nullptr, nullptr, nullptr},
     {"764146007", "373270004", "70618", "7980", "7984", nullptr},
     {"penicillin", "amoxi", "ampicillin", "piperacillin", "flucloxacillin", "oxacillin", "benzylpenicillin",
      "penicilline", nullptr, nullptr}},
    {"cephalosporin", "cephalosporins",
     {"J01DB", "J01DC", "J01DD", "J01DE", "J01DI", nullptr},
     {"373262009", nullptr, nullptr, nullptr, nullptr, nullptr},
     {"cephalosporin", "cefazolin", "cefuroxim", "ceftriaxon", "cefotaxim", "ceftazidim", "cefalexin", "cefepim",
      nullptr, nullptr}},
    {"nsaid", "NSAIDs",
     {"M01A", "N02BA", "B01AC06", nullptr, nullptr, nullptr},
     {"372665008", "387207008", "387458008", "1191", "5640", nullptr},
     {"nsaid", "nsar", "ibuprofen", "diclofenac", "naproxen", "aspirin", "acetylsalicyl", "ketoprofen",
      "indometacin", "etoricoxib"}},
    {"heparin", "heparins",
     {"B01AB", nullptr, nullptr, nullptr, nullptr, nullptr},
     {"372877000", "5224", nullptr, nullptr, nullptr, nullptr},
     {"heparin", "enoxaparin", "dalteparin", "tinzaparin", "nadroparin", "certoparin", nullptr, nullptr, nullptr,
      nullptr}},
    {"opioid", "opioids",
     {"N02A", "R05DA", "N07BC", nullptr, nullptr, nullptr},
     {"373529000", "387494007", "55452001", nullptr, nullptr, nullptr},
     {"opioid", "opiat", "morphin", "codein", "oxycodon", "fentanyl", "tramadol", "hydromorphon", "tilidin",
      "piritramid"}},
    {"pyrazolone", "pyrazolones (metamizole)",
     {"N02BB", nullptr, nullptr, nullptr, nullptr, nullptr},
     {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
     {"metamizol", "novaminsulfon", "dipyron", "propyphenazon", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr}},
    {"sulfonamide", "sulfonamide antibiotics",
     {"J01E", nullptr, nullptr, nullptr, nullptr, nullptr},
     {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
     {"sulfonamid", "sulfamethoxazol", "cotrimoxazol", "co-trimoxazol", nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr}},
    {"iodinated-contrast", "iodinated contrast media",
     {"V08A", nullptr, nullptr, nullptr, nullptr, nullptr},
     {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
     {"kontrastmittel", "contrast medi", "iodinated contrast", "jodhaltig", nullptr, nullptr, nullptr, nullptr,
      nullptr, nullptr}},
}};

void addUnique(QStringList& list, const QString& value)
{
    if (!list.contains(value))
        list << value;
}

void classesOfText(const QString& text, QStringList& out)
{
    const QString lower = text.toLower();
    if (lower.isEmpty())
        return;
    for (const DrugClass& c : kClasses) {
        for (const char* w : c.words) {
            if (w && lower.contains(QLatin1String(w))) {
                addUnique(out, QLatin1String(c.key));
                break;
            }
        }
    }
}

void classesOfCode(const QString& system, const QString& code, QStringList& out)
{
    if (code.isEmpty())
        return;
    if (system == QStringView(fhir::codes::kAtc)) {
        for (const QString& k : drugClassesOfAtc(code))
            addUnique(out, k);
        return;
    }
    for (const DrugClass& c : kClasses) {
        for (const char* s : c.substanceCodes) {
            if (s && code == QLatin1String(s))
                addUnique(out, QLatin1String(c.key));
        }
    }
}

bool sameCode(const QString& systemA, const QString& codeA, const QString& systemB, const QString& codeB)
{
    if (codeA.isEmpty() || codeB.isEmpty() || systemA != systemB)
        return false;
    if (codeA == codeB)
        return true;
    // An ATC group (V08A) contains its members (V08AB05); a member does not contain its group.
    return systemA == QStringView(fhir::codes::kAtc) && codeA.size() < codeB.size() && codeB.startsWith(codeA);
}

} // namespace

QStringList drugClassesOfAtc(const QString& atcCode)
{
    QStringList out;
    const QString code = atcCode.trimmed().toUpper();
    for (const DrugClass& c : kClasses) {
        for (const char* prefix : c.atcPrefixes) {
            if (prefix && code.startsWith(QLatin1String(prefix)))
                addUnique(out, QLatin1String(c.key));
        }
    }
    return out;
}

QStringList drugClassesOfSubstance(const model::CodeableConcept& substance)
{
    QStringList out;
    for (const model::Coding& c : substance.codings) {
        classesOfCode(c.system, c.code, out);
        classesOfText(c.display, out);
    }
    classesOfText(substance.text, out);
    return out;
}

QStringList drugClassesOfMedication(const model::MedicationInfo& medication)
{
    QStringList out;
    for (const model::DrugCode& c : medication.codes) {
        classesOfCode(c.system, c.code, out);
        classesOfText(c.display, out);
    }
    for (const model::Ingredient& i : medication.ingredients) {
        for (const model::Coding& c : i.item.codings)
            classesOfCode(c.system, c.code, out);
        classesOfText(i.item.displayText(), out);
    }
    classesOfText(medication.text, out);
    return out;
}

QString drugClassLabel(const QString& classKey)
{
    for (const DrugClass& c : kClasses) {
        if (classKey == QLatin1String(c.key))
            return QLatin1String(c.label);
    }
    return classKey;
}

bool substanceNamesMedication(const model::CodeableConcept& substance, const model::MedicationInfo& medication)
{
    for (const model::Coding& s : substance.codings) {
        for (const model::DrugCode& m : medication.codes) {
            if (sameCode(s.system, s.code, m.system, m.code))
                return true;
        }
        for (const model::Ingredient& i : medication.ingredients) {
            for (const model::Coding& c : i.item.codings) {
                if (sameCode(s.system, s.code, c.system, c.code))
                    return true;
            }
        }
    }
    const QString word = substance.displayText().trimmed().toLower();
    if (word.size() < 4)
        return false;
    QStringList texts{medication.text};
    for (const model::DrugCode& m : medication.codes)
        texts << m.display;
    for (const model::Ingredient& i : medication.ingredients)
        texts << i.item.displayText();
    for (const QString& t : texts) {
        if (t.toLower().contains(word))
            return true;
    }
    return false;
}

} // namespace lantern::record
