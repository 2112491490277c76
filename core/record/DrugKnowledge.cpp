#include "core/record/DrugKnowledge.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcDrugs, "lantern.record.drugs")

namespace lantern::record {
namespace {

QStringList strings(const QJsonObject& o, const char* key)
{
    QStringList out;
    for (const QJsonValue& v : o.value(QLatin1String(key)).toArray())
        out << v.toString();
    return out;
}

QStringList lowered(const QStringList& in)
{
    QStringList out;
    for (const QString& s : in) {
        const QString w = s.trimmed().toLower();
        if (!w.isEmpty() && !out.contains(w))
            out << w;
    }
    return out;
}

bool isLetterOrDigit(QChar c)
{
    return c.isLetterOrNumber();
}

void validateCodes(const QJsonObject& o, const QString& where, const QString& owner, QHash<QString, QString>& seen,
                   QStringList& problems)
{
    static const QRegularExpression atc(QStringLiteral("^[A-Z][0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?$"));
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    const struct
    {
        const char* key;
        const QRegularExpression* re;
    } kinds[] = {{"atc", &atc}, {"rxnorm", &digits}, {"snomed", &digits}};
    for (const auto& k : kinds) {
        const QJsonValue v = o.value(QLatin1String(k.key));
        if (!v.isUndefined() && !v.isArray()) {
            problems << QStringLiteral("%1: %2 must be a list").arg(where, QLatin1String(k.key));
            continue;
        }
        for (const QString& code : strings(o, k.key)) {
            if (!k.re->match(code).hasMatch())
                problems << QStringLiteral("%1: %2 code \"%3\" is malformed").arg(where, QLatin1String(k.key), code);
            const QString id = QLatin1String(k.key) + QLatin1Char('|') + code;
            if (seen.contains(id) && seen.value(id) != owner)
                problems << QStringLiteral("%1: %2 code %3 also listed under %4").arg(where, QLatin1String(k.key), code,
                                                                                      seen.value(id));
            else if (seen.contains(id))
                problems << QStringLiteral("%1: %2 code %3 listed twice").arg(where, QLatin1String(k.key), code);
            seen.insert(id, owner);
        }
    }
}

} // namespace

bool isAtcSystem(const QString& system)
{
    return system == QLatin1String(kAtcWho) || system == QLatin1String(kAtcBfarm);
}

bool containsWord(const QString& lowerText, const QString& word)
{
    if (word.isEmpty())
        return false;
    qsizetype from = 0;
    while ((from = lowerText.indexOf(word, from)) >= 0) {
        const bool startsWord = from == 0 || !isLetterOrDigit(lowerText.at(from - 1));
        const qsizetype end = from + word.size();
        const bool endsWord = end >= lowerText.size() || !isLetterOrDigit(lowerText.at(end));
        if (startsWord && (word.size() >= 5 || endsWord))
            return true;
        ++from;
    }
    return false;
}

namespace {

// Keys of the entries (members or classes) one of whose words occurs in `text`.
template <typename Entries>
QStringList keysNamedIn(const QString& text, const Entries& entries)
{
    QStringList out;
    const QString lower = text.toLower();
    if (lower.trimmed().isEmpty())
        return out;
    for (const auto& entry : entries) {
        for (const QString& w : entry.words) {
            if (containsWord(lower, w)) {
                out << entry.key;
                break;
            }
        }
    }
    return out;
}

} // namespace

QStringList DrugKnowledge::validate(const QJsonObject& t)
{
    QStringList problems;
    if (t.value(QLatin1String("format")).toString() != QLatin1String("lantern-drug-classes"))
        problems << QStringLiteral("format must be \"lantern-drug-classes\"");
    if (t.value(QLatin1String("version")).toString().trimmed().isEmpty())
        problems << QStringLiteral("version is missing");
    if (!QDate::fromString(t.value(QLatin1String("reviewDate")).toString(), Qt::ISODate).isValid())
        problems << QStringLiteral("reviewDate is missing or not a date (YYYY-MM-DD)");
    QSet<QString> sourceKeys;
    for (const QJsonValue& v : t.value(QLatin1String("sources")).toArray()) {
        const QJsonObject s = v.toObject();
        if (s.value(QLatin1String("key")).toString().isEmpty() || s.value(QLatin1String("name")).toString().isEmpty())
            problems << QStringLiteral("a source needs a key and a name");
        sourceKeys.insert(s.value(QLatin1String("key")).toString());
    }
    if (sourceKeys.isEmpty())
        problems << QStringLiteral("sources are missing");

    const QJsonArray classes = t.value(QLatin1String("classes")).toArray();
    if (classes.isEmpty())
        problems << QStringLiteral("classes are missing");
    QSet<QString> classKeys, memberKeys, classPrefixes;
    QHash<QString, QString> memberCodes, classCodes;
    for (const QJsonValue& cv : classes) {
        const QJsonObject c = cv.toObject();
        const QString key = c.value(QLatin1String("key")).toString();
        const QString where = QStringLiteral("class \"%1\"").arg(key);
        if (key.isEmpty())
            problems << QStringLiteral("a class has no key");
        if (classKeys.contains(key))
            problems << where + QStringLiteral(": key used twice");
        classKeys.insert(key);
        const QJsonObject label = c.value(QLatin1String("label")).toObject();
        if (label.value(QLatin1String("en")).toString().isEmpty() || label.value(QLatin1String("de")).toString().isEmpty())
            problems << where + QStringLiteral(": label needs en and de");
        if (!c.value(QLatin1String("highAlert")).isBool())
            problems << where + QStringLiteral(": highAlert must be true or false");
        QJsonObject classCodeLists = c;
        classCodeLists.remove(QStringLiteral("atc")); // class ATC entries are group prefixes, checked below
        validateCodes(classCodeLists, where, key, classCodes, problems);
        for (const QString& prefix : strings(c, "atc")) {
            static const QRegularExpression atcPrefix(QStringLiteral("^[A-Z][0-9]{2}[A-Z]{0,2}([0-9]{2})?$"));
            if (!atcPrefix.match(prefix).hasMatch())
                problems << where + QStringLiteral(": ATC prefix \"%1\" is malformed").arg(prefix);
            if (classPrefixes.contains(prefix))
                problems << where + QStringLiteral(": ATC prefix %1 also used by another class").arg(prefix);
            classPrefixes.insert(prefix);
        }
        const QJsonArray members = c.value(QLatin1String("members")).toArray();
        if (members.isEmpty())
            problems << where + QStringLiteral(": has no members");
        for (const QJsonValue& mv : members) {
            const QJsonObject m = mv.toObject();
            const QString mkey = m.value(QLatin1String("key")).toString();
            const QString mwhere = where + QStringLiteral(", member \"%1\"").arg(mkey);
            if (mkey.isEmpty())
                problems << where + QStringLiteral(": a member has no key");
            if (memberKeys.contains(mkey))
                problems << mwhere + QStringLiteral(": key used twice");
            memberKeys.insert(mkey);
            const QJsonObject names = m.value(QLatin1String("names")).toObject();
            if (strings(names, "en").isEmpty() || strings(names, "de").isEmpty())
                problems << mwhere + QStringLiteral(": names need en and de");
            if (strings(m, "atc").isEmpty() && strings(m, "rxnorm").isEmpty() && strings(m, "snomed").isEmpty())
                problems << mwhere + QStringLiteral(": has no code (atc, rxnorm or snomed)");
            validateCodes(m, mwhere, mkey, memberCodes, problems);
            if (m.contains(QLatin1String("maxDailyDose"))) {
                const QJsonObject max = m.value(QLatin1String("maxDailyDose")).toObject();
                static const QStringList units{QStringLiteral("g"), QStringLiteral("mg"), QStringLiteral("ug")};
                if (max.value(QLatin1String("value")).toDouble() <= 0 || !units.contains(max.value(QLatin1String("unit")).toString()))
                    problems << mwhere + QStringLiteral(": maxDailyDose needs a value above 0 and a unit g, mg or ug");
                if (!sourceKeys.contains(max.value(QLatin1String("source")).toString()))
                    problems << mwhere + QStringLiteral(": maxDailyDose names no known source");
            }
        }
    }
    for (const QJsonValue& v : t.value(QLatin1String("crossReactivity")).toArray()) {
        const QJsonObject x = v.toObject();
        const QString a = x.value(QLatin1String("allergy")).toString();
        const QString o = x.value(QLatin1String("order")).toString();
        if (!classKeys.contains(a) || !classKeys.contains(o) || a == o)
            problems << QStringLiteral("crossReactivity %1 -> %2 must name two different known classes").arg(a, o);
    }
    return problems;
}

Result<DrugKnowledge> DrugKnowledge::fromJson(const QByteArray& json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        return Error(ErrorCode::Corrupt, QStringLiteral("drug class table: not JSON (%1)").arg(error.errorString()));
    const QJsonObject t = doc.object();
    const QStringList problems = validate(t);
    if (!problems.isEmpty())
        return Error(ErrorCode::Corrupt, QStringLiteral("drug class table: ") + problems.join(QStringLiteral("; ")));
    DrugKnowledge k;
    k.m_version = t.value(QLatin1String("version")).toString();
    k.m_reviewDate = t.value(QLatin1String("reviewDate")).toString();
    for (const QJsonValue& cv : t.value(QLatin1String("classes")).toArray()) {
        const QJsonObject c = cv.toObject();
        DrugClassInfo info;
        info.key = c.value(QLatin1String("key")).toString();
        const QJsonObject label = c.value(QLatin1String("label")).toObject();
        info.labelEn = label.value(QLatin1String("en")).toString();
        info.labelDe = label.value(QLatin1String("de")).toString();
        info.highAlert = c.value(QLatin1String("highAlert")).toBool();
        info.atcPrefixes = strings(c, "atc");
        info.rxnorm = strings(c, "rxnorm");
        info.snomed = strings(c, "snomed");
        info.words = lowered(strings(c, "words"));
        for (const QJsonValue& mv : c.value(QLatin1String("members")).toArray()) {
            const QJsonObject m = mv.toObject();
            DrugMember member;
            member.key = m.value(QLatin1String("key")).toString();
            member.classKey = info.key;
            const QJsonObject names = m.value(QLatin1String("names")).toObject();
            member.words = lowered(strings(names, "en") + strings(names, "de") + strings(m, "brands"));
            member.atc = strings(m, "atc");
            member.rxnorm = strings(m, "rxnorm");
            member.snomed = strings(m, "snomed");
            if (m.contains(QLatin1String("maxDailyDose"))) {
                const QJsonObject max = m.value(QLatin1String("maxDailyDose")).toObject();
                member.maxDaily = MaxDailyDose{max.value(QLatin1String("value")).toDouble(),
                                               max.value(QLatin1String("unit")).toString()};
            }
            info.members << member.key;
            k.m_members << member;
        }
        k.m_classes << info;
    }
    for (const QJsonValue& v : t.value(QLatin1String("crossReactivity")).toArray()) {
        const QJsonObject x = v.toObject();
        k.m_crossReactivity.insert(x.value(QLatin1String("allergy")).toString() + QLatin1Char('|')
                                       + x.value(QLatin1String("order")).toString(),
                                   x.value(QLatin1String("note")).toString());
    }
    return k;
}

const DrugKnowledge& DrugKnowledge::instance()
{
    static const DrugKnowledge table = [] {
        QFile file(QStringLiteral(":/lantern/drug-classes.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcDrugs, "drug class table missing from the build: allergy classes, witness and maximum doses "
                                "cannot be checked");
            return DrugKnowledge();
        }
        auto loaded = fromJson(file.readAll());
        if (!loaded.ok()) {
            qCCritical(lcDrugs, "%s", qPrintable(loaded.error().message));
            return DrugKnowledge();
        }
        return std::move(loaded).value();
    }();
    return table;
}

const DrugClassInfo* DrugKnowledge::drugClass(const QString& key) const
{
    for (const DrugClassInfo& c : m_classes) {
        if (c.key == key)
            return &c;
    }
    return nullptr;
}

const DrugMember* DrugKnowledge::member(const QString& key) const
{
    for (const DrugMember& m : m_members) {
        if (m.key == key)
            return &m;
    }
    return nullptr;
}

QStringList DrugKnowledge::membersOfCode(const QString& system, const QString& rawCode) const
{
    QStringList out;
    const QString code = rawCode.trimmed();
    if (code.isEmpty())
        return out;
    const bool atc = isAtcSystem(system);
    const bool rx = system == QLatin1String(kRxNormSystem);
    const bool sct = system == QLatin1String(kSnomedSystem);
    for (const DrugMember& m : m_members) {
        if ((atc && m.atc.contains(code.toUpper())) || (rx && m.rxnorm.contains(code)) || (sct && m.snomed.contains(code)))
            out << m.key;
    }
    return out;
}

QStringList DrugKnowledge::classesOfCode(const QString& system, const QString& rawCode) const
{
    QStringList out;
    const QString code = rawCode.trimmed();
    if (code.isEmpty())
        return out;
    const bool atc = isAtcSystem(system);
    const bool rx = system == QLatin1String(kRxNormSystem);
    const bool sct = system == QLatin1String(kSnomedSystem);
    for (const DrugClassInfo& c : m_classes) {
        bool hit = (rx && c.rxnorm.contains(code)) || (sct && c.snomed.contains(code));
        for (const QString& prefix : c.atcPrefixes)
            hit = hit || (atc && code.toUpper().startsWith(prefix));
        if (hit)
            out << c.key;
    }
    return out;
}

QStringList DrugKnowledge::membersInText(const QString& text) const
{
    return keysNamedIn(text, m_members);
}

QStringList DrugKnowledge::classesInText(const QString& text) const
{
    return keysNamedIn(text, m_classes);
}

std::optional<QString> DrugKnowledge::crossReactivity(const QString& allergyClass, const QString& orderClass) const
{
    const auto it = m_crossReactivity.constFind(allergyClass + QLatin1Char('|') + orderClass);
    if (it == m_crossReactivity.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace lantern::record
