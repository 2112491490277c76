// The FHIR date/dateTime/instant reader on the write path (fhir/WhenParser.h):
// what it accepts, what each form means, and that it reads exactly what the
// regular expression it replaced read (kept here as the reference). Registered
// twice: under the machine's zone and under TZ=Europe/Berlin, where a time
// without a zone is an hour or two off UTC and the offsets matter.

#include "core/fhir/Reader.h"
#include "core/fhir/WhenParser.h"

#include <QRegularExpression>
#include <QTest>

using namespace lantern;
using namespace Qt::StringLiterals;
using Precision = model::When::Precision;

namespace {

// The reader before #11, verbatim: the oracle for equivalence.
std::optional<model::When> referenceParse(const QString& text)
{
    static const QRegularExpression pattern(
        uR"(^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$)"_s);
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    model::When w;
    w.text = text;
    const bool hasMonth = m.hasCaptured(2);
    const bool hasDay = m.hasCaptured(3);
    const bool hasTime = m.hasCaptured(4);
    w.date = QDate(m.captured(1).toInt(), hasMonth ? m.captured(2).toInt() : 1, hasDay ? m.captured(3).toInt() : 1);
    if (!w.date.isValid())
        return std::nullopt;
    w.precision = hasTime ? Precision::Time : hasDay ? Precision::Day : hasMonth ? Precision::Month : Precision::Year;
    if (!hasTime)
        return w;
    const int ms = m.hasCaptured(7) ? m.captured(7).left(3).leftJustified(3, u'0').toInt() : 0;
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.hasCaptured(6) ? m.captured(6).toInt() : 0, ms);
    if (!time.isValid())
        return std::nullopt;
    const QString zone = m.captured(8);
    if (zone.isEmpty()) {
        w.instant = QDateTime(w.date, time, Qt::LocalTime).toUTC();
    } else if (zone == u"Z"_s) {
        w.instant = QDateTime(w.date, time, Qt::UTC);
        w.hadOffset = true;
    } else {
        const int sign = zone.startsWith(u'-') ? -1 : 1;
        const int hours = zone.mid(1, 2).toInt();
        const int minutes = zone.mid(4, 2).toInt();
        if (hours > 14 || minutes > 59)
            return std::nullopt;
        w.instant = QDateTime(w.date, time, Qt::OffsetFromUTC, sign * (hours * 3600 + minutes * 60)).toUTC();
        w.hadOffset = true;
    }
    if (!w.instant.isValid())
        return std::nullopt;
    return w;
}

QString describe(const std::optional<model::When>& w)
{
    if (!w)
        return u"(invalid)"_s;
    return u"%1 %2 %3 %4 %5"_s.arg(w->text)
        .arg(int(w->precision))
        .arg(w->date.toString(Qt::ISODate), w->instant.toUTC().toString(Qt::ISODateWithMs))
        .arg(w->hadOffset);
}

// Valid forms and near misses: every prefix, and each character replaced.
QStringList corpus()
{
    const QStringList seeds = {u"2024-03-05T10:15:30.123456+01:00"_s, u"1999-12-31T23:59:59Z"_s,
                               u"2024-02-29T00:00:00-14:00"_s,       u"2023-02-29"_s,
                               u"2024-10-27T02:30:00"_s,             u"2024-03-31T02:30"_s,
                               u"2024-07-01T12:00:00.5-03:30"_s,     u"0001-01-01T00:00:00+14:00"_s};
    const QString replacements = u"0159-+:.TZ \u0663x"_s; // U+0663 is an Arabic-Indic digit: not a FHIR digit
    QStringList out;
    for (const QString& seed : seeds) {
        for (qsizetype n = 0; n <= seed.size(); ++n)
            out << seed.left(n);
        for (qsizetype i = 0; i < seed.size(); ++i) {
            for (const QChar c : replacements) {
                QString mutated = seed;
                mutated[i] = c;
                out << mutated;
            }
            out << QString(seed).remove(i, 1);
        }
    }
    return out;
}

} // namespace

class TestFhirWhen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("instantUtc"); // empty: no instant (a date) or invalid
        QTest::newRow("year") << u"2024"_s << int(Precision::Year) << QString();
        QTest::newRow("month") << u"2024-03"_s << int(Precision::Month) << QString();
        QTest::newRow("day") << u"2024-03-05"_s << int(Precision::Day) << QString();
        QTest::newRow("utc") << u"2024-03-05T10:15:30Z"_s << int(Precision::Time) << u"2024-03-05T10:15:30.000Z"_s;
        QTest::newRow("offset") << u"2024-03-05T10:15:30+01:00"_s << int(Precision::Time) << u"2024-03-05T09:15:30.000Z"_s;
        QTest::newRow("negative offset across midnight")
            << u"2024-12-31T22:00:00-05:00"_s << int(Precision::Time) << u"2025-01-01T03:00:00.000Z"_s;
        QTest::newRow("fraction truncated to ms")
            << u"2024-03-05T10:15:30.98765Z"_s << int(Precision::Time) << u"2024-03-05T10:15:30.987Z"_s;
        QTest::newRow("short fraction") << u"2024-03-05T10:15:30.5Z"_s << int(Precision::Time) << u"2024-03-05T10:15:30.500Z"_s;
        QTest::newRow("no seconds") << u"2024-03-05T10:15Z"_s << int(Precision::Time) << u"2024-03-05T10:15:00.000Z"_s;
    }

    void forms()
    {
        QFETCH(QString, text);
        QFETCH(int, precision);
        QFETCH(QString, instantUtc);
        const auto w = fhir::parseFhirWhen(text);
        QVERIFY(w);
        QCOMPARE(w->text, text);
        QCOMPARE(int(w->precision), precision);
        QCOMPARE(w->instant.isValid() ? w->instant.toUTC().toString(Qt::ISODateWithMs) : QString(), instantUtc);
        QCOMPARE(w->hadOffset, !instantUtc.isEmpty());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* bad : {"", "24", "2024-3", "2024-02-30", "2024-13", "2024-03-05T", "2024-03-05T10",
                                "2024-03-05T25:00:00Z", "2024-03-05T10:60Z", "2024-03-05T10:15:30.Z",
                                "2024-03-05T10:15:30+15:00", "2024-03-05T10:15:30+01:60", "2024-03-05T10:15:30+0100",
                                "2024-03T10:15Z", "2024-03-05 10:15:30Z", "2024-03-05T10:15:30Zjunk", " 2024"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }

    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!fhir::parseFhirWhen(text));
        QVERIFY(!fhir::parseWhen(text)); // the Reader's entry point is the same reader
    }

    // A time without a zone is the ward's local time (whatever TZ says).
    void noZoneIsLocalTime()
    {
        const auto w = fhir::parseFhirWhen(u"2024-01-15T10:00:00"_s);
        QVERIFY(w);
        QVERIFY(!w->hadOffset);
        QCOMPARE(w->instant, QDateTime(QDate(2024, 1, 15), QTime(10, 0), Qt::LocalTime).toUTC());
        if (qgetenv("TZ") == "Europe/Berlin") {
            QCOMPARE(w->instant.toString(Qt::ISODate), u"2024-01-15T09:00:00Z"_s); // CET
            const auto summer = fhir::parseFhirWhen(u"2024-07-15T10:00:00"_s);
            QCOMPARE(summer->instant.toString(Qt::ISODate), u"2024-07-15T08:00:00Z"_s); // CEST
        }
    }

    // Exactly what the regular expression read, form by form and near miss by near miss.
    void sameAsTheRegularExpression()
    {
        const QStringList texts = corpus();
        QVERIFY(texts.size() > 1000);
        int valid = 0;
        for (const QString& text : texts) {
            const auto expected = referenceParse(text);
            QCOMPARE(describe(fhir::parseFhirWhen(text)), describe(expected));
            valid += expected ? 1 : 0;
        }
        QVERIFY(valid > 50); // the corpus exercises the accepting paths, not only rejections
    }
};

QTEST_GUILESS_MAIN(TestFhirWhen)
#include "test_fhir_when.moc"
