// How the desktop words what core finds, in German and English: safety
// warnings come from core as data and are worded through tr() (the stored
// entry keeps core's English sentence); a PRN order says "as needed" once on
// screen and paper.

#include "GuiFixture.h"
#include "ui/chart/EmergencySheetHtml.h"
#include "ui/chart/OrderText.h"
#include "ui/print/ReportHtml.h"
#include "ui/record/AdministrationDialog.h"
#include "ui/record/RecordEnv.h"
#include "core/record/SafetyChecker.h"
#include "ui/record/SafetyWarningPanel.h"
#include "ui/record/SafetyWarningText.h"
#include "core/records/PatientRecords.h"
#include "core/vault/OutboxRepository.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

// The desktop's translation of one language for the life of the object (Translations.cpp loads the same
// file).
class Language
{
public:
    explicit Language(const QString& lang) : m_previous(QLocale())
    {
        m_loaded = m_translator.load(QStringLiteral(":/i18n/lantern_") + lang);
        if (m_loaded)
            QCoreApplication::installTranslator(&m_translator);
        QLocale::setDefault(QLocale(lang == QLatin1String("de") ? QLocale::German : QLocale::English,
                                    lang == QLatin1String("de") ? QLocale::Germany : QLocale::UnitedKingdom));
    }
    ~Language()
    {
        QCoreApplication::removeTranslator(&m_translator);
        QLocale::setDefault(m_previous);
    }
    bool loaded() const { return m_loaded; }

private:
    QTranslator m_translator;
    QLocale m_previous;
    bool m_loaded = false;
};

const model::MedicationOrder* orderOf(const model::PatientChart& chart, const QString& id)
{
    for (const model::MedicationOrder& o : chart.orders) {
        if (o.meta.id == id)
            return &o;
    }
    return nullptr;
}

record::SafetyFinding finding(record::SafetyCode code)
{
    record::SafetyFinding f;
    f.code = code;
    f.drug = QStringLiteral("Amoxicillin 1000 mg");
    f.substance = QStringLiteral("Penicillin");
    f.drugClass = QStringLiteral("penicillin");
    f.otherDoseAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    f.minutesApart = 150;
    f.minimumIntervalMinutes = 360;
    f.totalAmount = 4500;
    f.maximumAmount = 4000;
    f.unit = QStringLiteral("mg");
    f.periodMinutes = 24 * 60;
    f.orderStatus = QStringLiteral("stopped");
    f.dataAsOf = QDateTime(QDate(2026, 3, 1), QTime(11, 0), Qt::UTC);
    f.endedAt = QDateTime(QDate(2026, 2, 28), QTime(18, 0), Qt::UTC);
    return f;
}

// One drug's line of a printout: from the drug name to the end of its table row or list item.
QString lineOf(const QString& html, const QString& drug, const QString& end)
{
    const qsizetype at = html.indexOf(drug);
    const qsizetype to = at < 0 ? -1 : html.indexOf(end, at);
    return to < 0 ? QString() : html.mid(at, to - at);
}

} // namespace

class TestGuiWording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void safetyWarningsAreWordedInGerman()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(chart.ok());
        const model::MedicationOrder* ramipril = orderOf(*chart, QStringLiteral("mr-erika-rami")); // stopped
        QVERIFY(ramipril);

        QString shown;
        QString title;
        QString stored;
        {
            Language german(QStringLiteral("de"));
            QVERIFY(german.loaded());
            const ui::RecordEnv env{*session, f.clock(),
                                    QStringLiteral("5f2b8c1e-0d4a-4c7e-9a51-3b6e2f1d9c07")};
            ui::AdministrationDialog dialog(env, *chart, *ramipril);
            QCOMPARE(dialog.warnings()->warnings().size(), 1);
            const QList<QLabel*> labels = dialog.warnings()->findChildren<QLabel*>();
            for (QLabel* l : labels) {
                if (l->objectName() == QLatin1String("safetyWarningText"))
                    shown = l->text();
                else if (l->text().startsWith(QStringLiteral("⚠")))
                    title = l->text();
            }
            dialog.warnings()->confirmAll();
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            stored = (*vault::OutboxRepository(session->vault().db()).item(dialog.entry().uuid))
                         ->entry.warnings.value(0)
                         .message;
        }
        QCOMPARE(title, QStringLiteral("⚠ VERORDNUNG ABGESETZT"));
        QCOMPARE(shown, QStringLiteral(
                            "Diese Verordnung ist laut zuletzt importierten KIS-Daten abgesetzt; sie sollte "
                            "nicht gegeben werden."));
        // The entry keeps core's English sentence: the reconciliation report reads it later, in any language.
        QCOMPARE(stored,
                 QStringLiteral(
                     "This order is stopped in the EHR data as of the last import; it should not be given."));
    }

    void everyFindingHasAGermanSentence()
    {
        Language german(QStringLiteral("de"));
        QVERIFY(german.loaded());
        using record::SafetyCode;
        const auto text = [](SafetyCode code) { return ui::SafetyWarningText::text(finding(code)); };
        QCOMPARE(text(SafetyCode::Allergy),
                 QStringLiteral(
                     "Dokumentierte Allergie gegen Penicillin: Amoxicillin 1000 mg enthält diesen Stoff."));
        QCOMPARE(text(SafetyCode::AllergyClass),
                 QStringLiteral(
                     "Dokumentierte Allergie gegen Penicillin (Penicilline): Amoxicillin 1000 mg gehört zur "
                     "selben Wirkstoffklasse."));
        const QString interval = text(SafetyCode::Interval);
        QVERIFY2(interval.startsWith(QStringLiteral("Letzte Gabe dieser Verordnung am 01.03.2026")),
                 qPrintable(interval));
        QVERIFY2(interval.contains(QStringLiteral("2 h 30 min Abstand")) &&
                     interval.endsWith(QStringLiteral("alle 6 h.")),
                 qPrintable(interval));
        QCOMPARE(text(SafetyCode::MaxDosePerPeriod),
                 QStringLiteral("Mit dieser Gabe wären es 4500 mg innerhalb von 24 h; die Verordnung erlaubt "
                                "höchstens 4000 mg."));
        QVERIFY(text(SafetyCode::DiscontinuedOrder)
                    .startsWith(QStringLiteral("Diese Verordnung ist laut KIS-Datenstand 01.03.2026")));
        QVERIFY(text(SafetyCode::DiscontinuedOrder)
                    .contains(QStringLiteral(" abgesetzt; sie sollte nicht gegeben werden.")));
        QVERIFY(
            text(SafetyCode::OrderEnded).startsWith(QStringLiteral("Diese Verordnung endete am 28.02.2026")));
        const record::SafetyWarning max =
            record::SafetyChecker::warning(finding(SafetyCode::MaxDosePerPeriod));
        QCOMPARE(ui::SafetyWarningPanel::title(max), QStringLiteral("HÖCHSTDOSIS ÜBERSCHRITTEN"));

        // A warning read back from the outbox has no finding: its stored sentence is shown as it is.
        const record::SafetyWarning stored(QStringLiteral("allergy"),
                                           QStringLiteral("Recorded allergy to X: Y contains it."), true);
        QCOMPARE(ui::SafetyWarningText::text(stored), stored.message);
    }

    void englishScreenTextMatchesTheStoredSentence()
    {
        using record::SafetyCode;
        for (SafetyCode code :
             {SafetyCode::Allergy, SafetyCode::AllergyClass, SafetyCode::MaxDosePerPeriod}) {
            const record::SafetyFinding f = finding(code);
            QCOMPARE(ui::SafetyWarningText::text(f), record::SafetyChecker::englishText(f));
        }
    }

    void prnIsStatedOnce_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("word");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("as needed: pain")
                            << QStringLiteral("needed");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("bei Bedarf: pain")
                            << QStringLiteral("Bedarf");
    }

    void prnIsStatedOnce()
    {
        QFETCH(QString, lang);
        QFETCH(QString, expected);
        QFETCH(QString, word);
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        auto chart = records::PatientRecords(session->vault()).chart(GuiFixture::kErikaId);
        QVERIFY(chart.ok());
        const model::MedicationOrder* para =
            orderOf(*chart, QStringLiteral("mr-erika-para")); // PRN, reason "pain"
        QVERIFY(para);

        Language language(lang);
        QVERIFY(language.loaded());
        QCOMPARE(ui::OrderText::prn(*para), expected);
        QVERIFY(ui::OrderText::schedule(*para).isEmpty()); // no timing: nothing but "as needed" to say
        const QString line = ui::OrderText::instructions(*para);
        QVERIFY2(line.endsWith(QStringLiteral(" · ") + expected), qPrintable(line));
        QCOMPARE(line.count(word), 1);

        // The paper MAR and the emergency sheet say it once too.
        const QString mar = lineOf(ui::ReportHtml::mar(*chart, QStringLiteral("Station 3A"),
                                                       QStringLiteral("3A-01"), f.clock().now()),
                                   QStringLiteral("Paracetamol 500 mg"), QStringLiteral("</tr>"));
        QVERIFY2(mar.contains(expected), qPrintable(mar));
        QCOMPARE(mar.count(word), 1);
        QVERIFY(!mar.contains(QStringLiteral("PRN")));
        const QString sheet = lineOf(ui::EmergencySheetHtml::build(*chart),
                                     QStringLiteral("Paracetamol 500 mg"), QStringLiteral("</li>"));
        QVERIFY2(sheet.contains(expected), qPrintable(sheet));
        QCOMPARE(sheet.count(word), 1);
    }
};

QTEST_MAIN(TestGuiWording)
#include "test_gui_wording.moc"
