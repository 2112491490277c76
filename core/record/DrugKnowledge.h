#pragma once
// The reviewed drug-class table (resources/drug-classes.json, compiled into
// lantern_core as :/lantern/drug-classes.json): which ingredient a code or a
// name stands for, which class it belongs to, which classes are high-alert
// (witness), which classes may cross-react, and the maximum daily dose of an
// ingredient where the product information gives one.
//
// The table is data, not code, so a pharmacist can review and extend it
// (resources/drug-classes.md says how); validate() is what the test and the
// loader check. Loaded once, on first use; never changes while running.

#include "core/common/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace lantern::record {

// Code systems the table speaks. ATC is matched under both systems: the WHO's
// and the German official (BfArM) one, which German FHIR profiles use.
inline constexpr char kAtcWho[] = "http://www.whocc.no/atc";
inline constexpr char kAtcBfarm[] = "http://fhir.de/CodeSystem/bfarm/atc";
inline constexpr char kRxNormSystem[] = "http://www.nlm.nih.gov/research/umls/rxnorm";
inline constexpr char kSnomedSystem[] = "http://snomed.info/sct";

bool isAtcSystem(const QString& system);

struct MaxDailyDose
{
    double value = 0;
    QString unit; // "g", "mg" or "ug"
};

struct DrugMember
{
    QString key;      // "amoxicillin"
    QString classKey; // "penicillin"
    QStringList words; // lower-case INN names, synonyms (en, de) and brand names
    QStringList atc, rxnorm, snomed;
    std::optional<MaxDailyDose> maxDaily;
};

struct DrugClassInfo
{
    QString key; // "penicillin"
    QString labelEn, labelDe;
    bool highAlert = false;
    QStringList atcPrefixes, rxnorm, snomed; // codes of the class itself (an allergy "to penicillins")
    QStringList words;                       // lower-case class names ("penicillin", "nsar")
    QStringList members;                     // member keys
};

class DrugKnowledge
{
public:
    // The compiled-in table. If it cannot be read (a broken build), the table is
    // empty and every use logs a critical message: the test suite catches that first.
    static const DrugKnowledge& instance();

    // Problems with a table, as sentences; empty when it is valid: format and
    // version, a review date, sources, classes with keys, labels and members,
    // member codes well-formed and unique, cross-reactivity naming known classes.
    static QStringList validate(const QJsonObject& table);
    static Result<DrugKnowledge> fromJson(const QByteArray& json);

    bool isEmpty() const { return m_classes.isEmpty(); }
    QString version() const { return m_version; }
    QString reviewDate() const { return m_reviewDate; }
    const QList<DrugClassInfo>& classes() const { return m_classes; }
    const DrugClassInfo* drugClass(const QString& key) const;
    const DrugMember* member(const QString& key) const;

    // Member keys for one coding (system + code; ATC under either system).
    QStringList membersOfCode(const QString& system, const QString& code) const;
    // Class keys for a class-level coding (ATC group prefix, class SNOMED / RxNorm code).
    QStringList classesOfCode(const QString& system, const QString& code) const;
    // Member and class keys whose names occur in free text (at the start of a word).
    QStringList membersInText(const QString& text) const;
    QStringList classesInText(const QString& text) const;
    // The note when an allergy to `allergyClass` may cross-react with `orderClass`, if any.
    std::optional<QString> crossReactivity(const QString& allergyClass, const QString& orderClass) const;

private:
    QString m_version;
    QString m_reviewDate;
    QList<DrugClassInfo> m_classes;
    QList<DrugMember> m_members;
    QHash<QString, QString> m_crossReactivity; // "allergy|order" -> note
};

// True when `word` (lower-case) starts a word in `lowerText`; words under five
// letters ("ass", "mst") must also end there.
bool containsWord(const QString& lowerText, const QString& word);

} // namespace lantern::record
