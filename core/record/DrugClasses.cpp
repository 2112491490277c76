#include "core/record/DrugClasses.h"

#include "core/record/DrugKnowledge.h"

namespace lantern::record {
namespace {

void note(QMap<QString, MatchedBy>& map, const QString& key, MatchedBy by)
{
    const auto it = map.find(key);
    if (it == map.end())
        map.insert(key, by);
    else if (by == MatchedBy::Code)
        *it = MatchedBy::Code; // a code wins over a word
}

void addCode(DrugIdentity& id, const QString& system, const QString& code)
{
    const DrugKnowledge& k = DrugKnowledge::instance();
    for (const QString& m : k.membersOfCode(system, code)) {
        note(id.ingredients, m, MatchedBy::Code);
        if (const DrugMember* member = k.member(m))
            note(id.classes, member->classKey, MatchedBy::Code);
    }
    for (const QString& c : k.classesOfCode(system, code))
        note(id.classes, c, MatchedBy::Code);
}

void addText(DrugIdentity& id, const QString& text)
{
    if (text.trimmed().isEmpty())
        return;
    const DrugKnowledge& k = DrugKnowledge::instance();
    for (const QString& m : k.membersInText(text)) {
        note(id.ingredients, m, MatchedBy::Word);
        if (const DrugMember* member = k.member(m))
            note(id.classes, member->classKey, MatchedBy::Word);
    }
    for (const QString& c : k.classesInText(text))
        note(id.classes, c, MatchedBy::Word);
}

bool sameCode(const QString& systemA, const QString& codeA, const QString& systemB, const QString& codeB)
{
    if (codeA.isEmpty() || codeB.isEmpty())
        return false;
    if (isAtcSystem(systemA) && isAtcSystem(systemB)) {
        const QString a = codeA.trimmed().toUpper();
        const QString b = codeB.trimmed().toUpper();
        // An ATC group (V08A) contains its members (V08AB05); a member does not contain its group.
        return a == b || (a.size() < b.size() && b.startsWith(a));
    }
    return systemA == systemB && codeA.trimmed() == codeB.trimmed();
}

} // namespace

DrugIdentity identifyMedication(const model::MedicationInfo& medication)
{
    DrugIdentity id;
    for (const model::DrugCode& c : medication.codes) {
        addCode(id, c.system, c.code);
        addText(id, c.display);
    }
    for (const model::Ingredient& i : medication.ingredients) {
        for (const model::Coding& c : i.item.codings)
            addCode(id, c.system, c.code);
        addText(id, i.item.displayText());
    }
    addText(id, medication.text);
    return id;
}

DrugIdentity identifySubstance(const model::CodeableConcept& substance)
{
    DrugIdentity id;
    for (const model::Coding& c : substance.codings) {
        addCode(id, c.system, c.code);
        addText(id, c.display);
    }
    addText(id, substance.text);
    return id;
}

bool needsWitness(const model::MedicationInfo& medication)
{
    const DrugKnowledge& k = DrugKnowledge::instance();
    const DrugIdentity id = identifyMedication(medication);
    for (auto it = id.classes.constBegin(); it != id.classes.constEnd(); ++it) {
        const DrugClassInfo* c = k.drugClass(it.key());
        if (c && c->highAlert)
            return true;
    }
    return false;
}

QString drugClassLabel(const QString& classKey)
{
    const DrugClassInfo* c = DrugKnowledge::instance().drugClass(classKey);
    return c ? c->labelEn : classKey;
}

std::optional<MatchedBy> substanceNamesMedication(const model::CodeableConcept& substance, const model::MedicationInfo& medication)
{
    for (const model::Coding& s : substance.codings) {
        for (const model::DrugCode& m : medication.codes) {
            if (sameCode(s.system, s.code, m.system, m.code))
                return MatchedBy::Code;
        }
        for (const model::Ingredient& i : medication.ingredients) {
            for (const model::Coding& c : i.item.codings) {
                if (sameCode(s.system, s.code, c.system, c.code))
                    return MatchedBy::Code;
            }
        }
    }
    const QString word = substance.displayText().trimmed().toLower();
    if (word.size() < 4)
        return std::nullopt;
    QStringList texts{medication.text};
    for (const model::DrugCode& m : medication.codes)
        texts << m.display;
    for (const model::Ingredient& i : medication.ingredients)
        texts << i.item.displayText();
    for (const QString& t : texts) {
        if (t.toLower().contains(word))
            return MatchedBy::Word;
    }
    return std::nullopt;
}

} // namespace lantern::record
