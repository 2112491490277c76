// Hazard: an allergy, a high-alert drug or a maximum dose missed because the
// drug-class knowledge is wrong, incomplete or unreadable. The table is data
// (resources/drug-classes.json, compiled in); this test validates the file as
// built (format, version, review date, sources, members, codes unique and
// well-formed), pins the codes and facts the safety checks rely on, and shows
// that validation refuses a broken table.

#include "core/record/DrugKnowledge.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace lantern;
using namespace lantern::record;

namespace {

QJsonObject compiledTable()
{
    QFile file(QStringLiteral(":/lantern/drug-classes.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestSafetyDrugsTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compiledTableIsValid()
    {
        const QJsonObject table = compiledTable();
        QVERIFY2(!table.isEmpty(), "drug-classes.json is not compiled into lantern_core");
        const QStringList problems = DrugKnowledge::validate(table);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const DrugKnowledge& k = DrugKnowledge::instance();
        QVERIFY(!k.isEmpty());
        QVERIFY(!k.version().isEmpty());
        QVERIFY(QDate::fromString(k.reviewDate(), Qt::ISODate).isValid());
        QStringList sources;
        for (const QJsonValue& s : table.value(QLatin1String("sources")).toArray())
            sources << s.toObject().value(QLatin1String("key")).toString();
        for (const char* s : {"who-atc", "bfarm-atc", "rxnorm", "snomed", "ismp", "smpc"})
            QVERIFY2(sources.contains(QLatin1String(s)), s);
    }

    void coversTheClassesTheChecksNeed()
    {
        const DrugKnowledge& k = DrugKnowledge::instance();
        for (const char* key : {"penicillin", "cephalosporin", "carbapenem", "sulfonamide", "nsaid", "opioid", "heparin",
                                "doac", "vitamin-k-antagonist", "insulin", "ace-inhibitor", "iodinated-contrast",
                                "pyrazolone", "macrolide", "fluoroquinolone", "tetracycline", "anilide"}) {
            const DrugClassInfo* c = k.drugClass(QLatin1String(key));
            QVERIFY2(c, key);
            QVERIFY2(!c->members.isEmpty(), key);
            QVERIFY2(!c->labelEn.isEmpty() && !c->labelDe.isEmpty(), key);
        }
        // ISMP high-alert classes need a witness; antibiotics do not.
        for (const char* key : {"opioid", "heparin", "doac", "vitamin-k-antagonist", "insulin"})
            QVERIFY2(k.drugClass(QLatin1String(key))->highAlert, key);
        for (const char* key : {"penicillin", "cephalosporin", "nsaid", "anilide"})
            QVERIFY2(!k.drugClass(QLatin1String(key))->highAlert, key);
        // Beta-lactam cross-reactivity is its own, milder finding.
        QVERIFY(k.crossReactivity(QStringLiteral("penicillin"), QStringLiteral("cephalosporin")));
        QVERIFY(k.crossReactivity(QStringLiteral("penicillin"), QStringLiteral("carbapenem")));
        QVERIFY(!k.crossReactivity(QStringLiteral("penicillin"), QStringLiteral("macrolide")));
    }

    void codesAreComparedWithTheirSystem()
    {
        const DrugKnowledge& k = DrugKnowledge::instance();
        QCOMPARE(k.membersOfCode(QLatin1String(kRxNormSystem), QStringLiteral("723")), QStringList{QStringLiteral("amoxicillin")});
        QCOMPARE(k.membersOfCode(QLatin1String(kRxNormSystem), QStringLiteral("161")), QStringList{QStringLiteral("paracetamol")});
        QCOMPARE(k.membersOfCode(QLatin1String(kRxNormSystem), QStringLiteral("7980")),
                 QStringList{QStringLiteral("benzylpenicillin")});
        QCOMPARE(k.classesOfCode(QLatin1String(kSnomedSystem), QStringLiteral("764146007")),
                 QStringList{QStringLiteral("penicillin")});
        // ATC under the WHO and the German BfArM system alike.
        QCOMPARE(k.membersOfCode(QLatin1String(kAtcBfarm), QStringLiteral("J01CR02")), QStringList{QStringLiteral("amoxicillin")});
        QCOMPARE(k.classesOfCode(QLatin1String(kAtcBfarm), QStringLiteral("J01CR02")), QStringList{QStringLiteral("penicillin")});
        QCOMPARE(k.classesOfCode(QLatin1String(kAtcWho), QStringLiteral("B01AB05")), QStringList{QStringLiteral("heparin")});
        // The same digits in another system are another thing.
        QVERIFY(k.membersOfCode(QLatin1String(kSnomedSystem), QStringLiteral("723")).isEmpty());
        QVERIFY(k.membersOfCode(QStringLiteral("http://example.org/local"), QStringLiteral("161")).isEmpty());
        QVERIFY(k.classesOfCode(QLatin1String(kRxNormSystem), QStringLiteral("764146007")).isEmpty());
    }

    void brandsAndGermanNames()
    {
        const DrugKnowledge& k = DrugKnowledge::instance();
        const QList<QPair<const char*, const char*>> expected{
            {"Augmentan 875/125 mg", "amoxicillin"}, {"Amoxiclav forte", "amoxicillin"}, {"Novalgin Tropfen", "metamizole"},
            {"Clexane 40 mg", "enoxaparin"},         {"Marcumar 3 mg", "phenprocoumon"}, {"Xarelto 20 mg", "rivaroxaban"},
            {"Eliquis 5 mg", "apixaban"},            {"Voltaren Dispers", "diclofenac"}, {"Ben-u-ron 1000 mg Supp.", "paracetamol"},
            {"Novaminsulfon 500 mg", "metamizole"},  {"ASS 100", "acetylsalicylic-acid"}};
        for (const auto& [text, member] : expected)
            QVERIFY2(k.membersInText(QLatin1String(text)).contains(QLatin1String(member)), text);
        // Short words only as whole words: "Klasse" is no ASS, "Kassette" no ASS.
        QVERIFY(k.membersInText(QStringLiteral("Klasse Kassette")).isEmpty());
    }

    void maximumDailyDoses()
    {
        const DrugKnowledge& k = DrugKnowledge::instance();
        const struct
        {
            const char* member;
            double value;
            const char* unit;
        } expected[] = {{"paracetamol", 4, "g"}, {"ibuprofen", 2.4, "g"}, {"metamizole", 4, "g"}};
        for (const auto& e : expected) {
            const DrugMember* m = k.member(QLatin1String(e.member));
            QVERIFY2(m && m->maxDaily, e.member);
            QCOMPARE(m->maxDaily->value, e.value);
            QCOMPARE(m->maxDaily->unit, QLatin1String(e.unit));
        }
    }

    void brokenTablesAreRefused()
    {
        const QJsonObject good = compiledTable();
        QJsonObject noReview = good;
        noReview.remove(QStringLiteral("reviewDate"));
        QVERIFY(DrugKnowledge::validate(noReview).join(QLatin1Char(' ')).contains(QStringLiteral("reviewDate")));
        QVERIFY(!DrugKnowledge::fromJson(QJsonDocument(noReview).toJson()).ok());

        QJsonArray classes = good.value(QLatin1String("classes")).toArray();
        QJsonObject first = classes.at(0).toObject();
        QJsonObject empty = first;
        empty.insert(QStringLiteral("members"), QJsonArray{});
        QJsonObject withEmpty = good;
        QJsonArray c1 = classes;
        c1.replace(0, empty);
        withEmpty.insert(QStringLiteral("classes"), c1);
        QVERIFY(DrugKnowledge::validate(withEmpty).join(QLatin1Char(' ')).contains(QStringLiteral("has no members")));

        // The RxNorm code of amoxicillin given to a second member as well.
        QJsonArray members = first.value(QLatin1String("members")).toArray();
        QJsonObject second = members.at(1).toObject();
        second.insert(QStringLiteral("rxnorm"), QJsonArray{QStringLiteral("723")});
        members.replace(1, second);
        first.insert(QStringLiteral("members"), members);
        QJsonArray c2 = classes;
        c2.replace(0, first);
        QJsonObject duplicate = good;
        duplicate.insert(QStringLiteral("classes"), c2);
        QVERIFY(DrugKnowledge::validate(duplicate).join(QLatin1Char(' ')).contains(QStringLiteral("723")));

        QVERIFY(!DrugKnowledge::fromJson(QByteArrayLiteral("{not json")).ok());
    }
};

QTEST_GUILESS_MAIN(TestSafetyDrugsTable)
#include "test_safety_drugs_table.moc"
