// Hazard: the mirror held a ward's drop (an empty EHR answer; see
// sync/mirror/PurgeGuard.h) and nobody on the ward or in IT notices, so the
// census quietly stops following the EHR. The status banner shows a red line
// per held ward ("EHR answer would remove N of M patients of <ward>: kept,
// waiting for IT"), in English and German, and drops it once the alarm is gone.

#include "TestConfig.h"
#include "ui/banner/StatusBanner.h"

#include <QFile>
#include <QLabel>
#include <QTest>
#include <QXmlStreamReader>

using namespace lantern;

namespace {

// The translation of `source` in `context` of a .ts file (the desktop compiles these into its .qm).
QString translationOf(const QString& tsFile, const QString& context, const QString& source)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QString currentContext, currentSource;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            currentContext = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            currentSource = xml.readElementText();
        else if (xml.name() == QLatin1String("translation") && currentContext == context && currentSource == source)
            return xml.readElementText();
    }
    return {};
}

} // namespace

class TestSafetyGuiPurgeBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heldDropIsARedLine()
    {
        ManualClock clock(QDateTime(QDate(2026, 3, 29), QTime(1, 30), Qt::UTC)); // Berlin's spring-forward night
        ui::StatusBanner banner(clock);
        banner.show();
        sync::MirrorStatus s;
        s.state = sync::EhrState::Online;
        s.dataAsOf = clock.now().addSecs(-60);
        banner.setStatus(s);
        QVERIFY(banner.dropAlarmText().isEmpty());
        auto* line = banner.findChild<QLabel*>(QStringLiteral("bannerDropAlarm"));
        QVERIFY(line);
        QVERIFY(!line->isVisible());

        s.dropAlarms = {{QStringLiteral("ward-3b"), 40, 0, 40, clock.now()},
                        {QStringLiteral("ward-4a"), 20, 14, 6, clock.now()}};
        banner.setStatus(s);
        QVERIFY(line->isVisible());
        const QString text = banner.dropAlarmText();
        QVERIFY2(text.contains(QStringLiteral("EHR answer would remove 40 of 40 patients of ward-3b: kept, waiting for IT")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("EHR answer would remove 6 of 20 patients of ward-4a: kept, waiting for IT")),
                 qPrintable(text));
        QVERIFY2(banner.styleSheet().contains(QStringLiteral("#bannerDropAlarm, #bannerServiceDown, #bannerFailing { background: #C62828")),
                 qPrintable(banner.styleSheet()));
        // Not hidden by a downtime either.
        s.state = sync::EhrState::Downtime;
        banner.setStatus(s);
        QVERIFY(line->isVisible());

        // German (and English kept consistent), in the banner's own context.
        const QString source = QStringLiteral("EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT");
        const QString context = QStringLiteral("lantern::ui::StatusBanner");
        const QString de = translationOf(QStringLiteral(LANTERN_SOURCE_DIR "/resources/translations/lantern_de.ts"), context, source);
        QCOMPARE(de.arg(40).arg(40).arg(QStringLiteral("ward-3b")),
                 QStringLiteral("KIS-Antwort würde 40 von 40 Patienten von ward-3b entfernen: behalten, wartet auf die IT"));
        QCOMPARE(translationOf(QStringLiteral(LANTERN_SOURCE_DIR "/resources/translations/lantern_en.ts"), context, source), source);

        s.dropAlarms.clear();
        banner.setStatus(s);
        QVERIFY(!line->isVisible());
        QVERIFY(banner.dropAlarmText().isEmpty());
    }
};

QTEST_MAIN(TestSafetyGuiPurgeBanner)
#include "test_safety_gui_purge_banner.moc"
