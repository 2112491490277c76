// Issue 9, clinical truth on screen and paper (defects 2, 3, 7 and 9):
// - every administration status is drawn exactly on the screen MAR and the
//   printed MAR: ✓ only for a dose given (held, in progress, stopped, unknown
//   and a made-up code each say what they are);
// - an unreadable allergy record beside an NKA statement shows "? Unknown -
//   check paper record" (grey) in chart, census and on paper, and the record
//   is listed as "could not be read";
// - a Bundle entry that failed indexing is listed in its patient's chart;
// - the MAR on screen and paper says plainly that downtime entries are from
//   this PC only, in English and German.

#include "GuiFixture.h"
#include "TestConfig.h"
#include "ui/app/WardDesktop.h"
#include "ui/census/CensusModel.h"
#include "ui/chart/ChartView.h"
#include "ui/chart/MarModel.h"
#include "ui/chart/MedicationPlanModel.h"
#include "ui/chart/OrderText.h"
#include "core/import/Importer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

const QString kOrder = QStringLiteral("mr-max-enox"); // GuiFixture: Max's active enoxaparin order

QJsonObject ref(const QString& reference)
{
    return QJsonObject{{QStringLiteral("reference"), reference}};
}

QJsonObject administration(const QString& id, const QString& status, const QDateTime& at)
{
    return QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("MedicationAdministration")},
                       {QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("statusReason"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("Sedated")}}}},
                       {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Enoxaparin 40 mg")}}},
                       {QStringLiteral("subject"), ref(QStringLiteral("Patient/") + GuiFixture::kMaxId)},
                       {QStringLiteral("effectiveDateTime"), at.toUTC().toString(Qt::ISODate)},
                       {QStringLiteral("performer"),
                        QJsonArray{QJsonObject{{QStringLiteral("actor"), QJsonObject{{QStringLiteral("display"), QStringLiteral("Jana Schulz")}}}}}},
                       {QStringLiteral("request"), ref(QStringLiteral("MedicationRequest/") + kOrder)}};
}

QJsonObject unreadablePenicillin(const QString& patientId)
{
    return QJsonObject{
        {QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
        {QStringLiteral("id"), QString(QStringLiteral("al-unreadable-") + patientId)},
        {QStringLiteral("code"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Penicillin")}}},
        {QStringLiteral("onsetDateTime"), QStringLiteral("last spring")}, // not a date: cannot be mapped
        {QStringLiteral("patient"), ref(QStringLiteral("Patient/") + patientId)}};
}

QByteArray bundle(const QList<QJsonObject>& resources)
{
    QJsonArray entries;
    for (const QJsonObject& r : resources)
        entries.append(QJsonObject{{QStringLiteral("resource"), r}});
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                                     {QStringLiteral("type"), QStringLiteral("collection")},
                                     {QStringLiteral("entry"), entries}})
        .toJson(QJsonDocument::Compact);
}

// One of each status on Max's order within the last 24 h (so the paper MAR lists them too).
QByteArray everyStatus(const QDateTime& now)
{
    return bundle({administration(QStringLiteral("ma-s-given"), QStringLiteral("completed"), now.addSecs(-1 * 3600)),
                   administration(QStringLiteral("ma-s-held"), QStringLiteral("on-hold"), now.addSecs(-3 * 3600)),
                   administration(QStringLiteral("ma-s-running"), QStringLiteral("in-progress"), now.addSecs(-5 * 3600)),
                   administration(QStringLiteral("ma-s-stopped"), QStringLiteral("stopped"), now.addSecs(-7 * 3600)),
                   administration(QStringLiteral("ma-s-unknown"), QStringLiteral("unknown"), now.addSecs(-9 * 3600)),
                   administration(QStringLiteral("ma-s-madeup"), QStringLiteral("administered-maybe"), now.addSecs(-11 * 3600)),
                   administration(QStringLiteral("ma-s-refused"), QStringLiteral("not-done"), now.addSecs(-13 * 3600))});
}

QString pdfText(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Table cells wrap words anywhere: compare text without whitespace.
QString squeezed(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("\\s+")));
    return text;
}

// The desktop's translation of one language for the life of the object, compiled from the
// repository's .ts with Qt's lrelease (safety tests carry no translation resources of their own).
class Language
{
public:
    explicit Language(const QString& lang) : m_previous(QLocale())
    {
        const QString ts = QStringLiteral(LANTERN_SOURCE_DIR "/resources/translations/lantern_") + lang + QStringLiteral(".ts");
        const QString qm = m_dir.filePath(QStringLiteral("lantern.qm"));
        QProcess lrelease;
        lrelease.start(QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lrelease"),
                       {QStringLiteral("-silent"), ts, QStringLiteral("-qm"), qm});
        lrelease.waitForFinished(60000);
        m_loaded = m_translator.load(qm);
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
    QTemporaryDir m_dir;
    QTranslator m_translator;
    QLocale m_previous;
    bool m_loaded = false;
};

struct Desk
{
    GuiFixture f;
    std::unique_ptr<ui::WardDesktop> desktop;

    bool open(const QByteArray& extra = {})
    {
        if (!f.ok())
            return false;
        auto session = f.unlockNurse();
        if (!session)
            return false;
        desktop = std::make_unique<ui::WardDesktop>(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
        if (!extra.isEmpty() && !import::Importer(desktop->session().vault()).importJson(extra, QStringLiteral("test")).ok())
            return false;
        return desktop->reloadCensus().ok();
    }
    QString print(ui::WardDesktop::Printout what, const QString& patientId)
    {
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("out.pdf"));
        auto pages = desktop->printToPdf(what, patientId, pdf);
        return pages.ok() ? pdfText(pdf) : QString();
    }
    QString censusText(const QString& patientId, int column)
    {
        ui::CensusModel* m = desktop->censusModel();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data(ui::CensusModel::PatientIdRole).toString() == patientId)
                return m->index(r, column).data().toString();
        return {};
    }
    QString label(const char* name)
    {
        auto* l = desktop->chartView() ? desktop->chartView()->findChild<QLabel*>(QLatin1String(name)) : nullptr;
        return l ? l->text() : QString();
    }
};

} // namespace

class TestSafetyGuiStatusMar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenMarDrawsEachStatusExactly()
    {
        Desk d;
        QVERIFY(d.open(everyStatus(d.f.clock().now())));
        QVERIFY(d.desktop->openChart(GuiFixture::kMaxId, ui::ChartView::MarTab).ok());
        ui::MarModel* mar = d.desktop->chartView()->mar();
        int row = -1;
        for (int r = 0; r < mar->rowCount(); ++r)
            if (mar->index(r, 0).data(ui::MarModel::OrderIdRole).toString() == kOrder)
                row = r;
        QVERIFY(row >= 0);
        QStringList lines;
        int given = 0;
        int notGiven = 0;
        QList<int> statuses;
        for (int c = 1; c < mar->columnCount(); ++c) {
            const QModelIndex cell = mar->index(row, c);
            const QString text = cell.data().toString();
            if (!text.isEmpty())
                lines += text.split(QLatin1Char('\n'));
            given += cell.data(ui::MarModel::GivenCountRole).toInt();
            notGiven += cell.data(ui::MarModel::NotGivenCountRole).toInt();
            for (const QVariant& s : cell.data(ui::MarModel::StatusesRole).toList())
                statuses << s.toInt();
        }
        QCOMPARE(given, 1);
        QCOMPARE(notGiven, 6);
        QCOMPARE(statuses.count(int(model::AdministrationStatus::Given)), 1);
        QCOMPARE(statuses.count(int(model::AdministrationStatus::Held)), 1);
        QCOMPARE(statuses.count(int(model::AdministrationStatus::Unknown)), 2);
        QCOMPARE(lines.size(), 7);
        QCOMPARE(lines.filter(QStringLiteral("✓")).size(), 1); // only the completed dose
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY2(lines.filter(QStringLiteral("✓")).first().contains(QStringLiteral("Jana Schulz")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("‖")) && all.contains(QStringLiteral("held, not given: Sedated")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("in progress, not completed")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("stopped, not completed")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("status unknown")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("status \"administered-maybe\" unknown")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("✗")) && all.contains(QStringLiteral("not given: Sedated")), qPrintable(all));

        // The rendered table shows the same text (nothing else paints a ✓).
        auto* table = d.desktop->chartView()->findChild<QTableView*>(QStringLiteral("marTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->index(row, 1).data().toString(), mar->index(row, 1).data().toString());
    }

    void printedMarDrawsEachStatusExactly()
    {
        Desk d;
        QVERIFY(d.open(everyStatus(d.f.clock().now())));
        const QString text = d.print(ui::WardDesktop::Printout::Mar, GuiFixture::kMaxId);
        QVERIFY2(!text.isEmpty(), "no PDF text");
        const QString flat = squeezed(text);
        QCOMPARE(text.count(QStringLiteral("✓")), 1);
        QVERIFY2(flat.contains(QStringLiteral("held,notgiven:Sedated")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("inprogress,notcompleted")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("stopped,notcompleted")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("statusunknown")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("\"administered-maybe\"unknown")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("notgiven:Sedated")), qPrintable(text));
        QVERIFY2(flat.contains(QStringLiteral("EntriesfromthisPConly")), qPrintable(text));
    }

    // A held dose is the newest administration of Erika's metoprolol in the fixture's 72 h; the census
    // and the plan's "last given" name the completed dose, never the held one.
    void heldDoseIsNotLastGiven()
    {
        Desk d;
        const QDateTime now = d.f.clock().now();
        QVERIFY(d.open(bundle({administration(QStringLiteral("ma-held-late"), QStringLiteral("on-hold"), now.addSecs(-600)),
                               administration(QStringLiteral("ma-running-late"), QStringLiteral("in-progress"), now.addSecs(-300))})));
        const QString last = d.censusText(GuiFixture::kMaxId, ui::CensusModel::LastGiven);
        QCOMPARE(last, QCoreApplication::translate("lantern::ui::CensusModel", "none"));
        QVERIFY(d.desktop->openChart(GuiFixture::kMaxId, ui::ChartView::PlanTab).ok());
        ui::MedicationPlanModel* plan = d.desktop->chartView()->activePlan();
        QCOMPARE(plan->rowCount(), 1);
        QCOMPARE(plan->index(0, ui::MedicationPlanModel::LastGiven).data().toString(), ui::OrderText::lastGiven(std::nullopt));
    }

    void unreadableAllergyBesideNkaIsUnknown()
    {
        Desk d; // Max has a "no known allergy" record (716186003)
        QVERIFY(d.open(bundle({unreadablePenicillin(GuiFixture::kMaxId)})));
        const QString census = d.censusText(GuiFixture::kMaxId, ui::CensusModel::Allergies);
        QCOMPARE(census, QStringLiteral("? Unknown - check paper record"));
        QVERIFY(d.censusText(GuiFixture::kMaxId, ui::CensusModel::Name).contains(QStringLiteral("unreadable")));
        const QColor background = [&] {
            ui::CensusModel* m = d.desktop->censusModel();
            for (int r = 0; r < m->rowCount(); ++r)
                if (m->index(r, 0).data(ui::CensusModel::PatientIdRole).toString() == GuiFixture::kMaxId)
                    return m->index(r, ui::CensusModel::Allergies).data(Qt::BackgroundRole).value<QBrush>().color();
            return QColor();
        }();
        QCOMPARE(background, QColor(0xE0, 0xE0, 0xE0)); // grey, not the green of NKA

        QVERIFY(d.desktop->openChart(GuiFixture::kMaxId, ui::ChartView::AllergyTab).ok());
        const QString badge = d.label("headerAllergyBadge");
        QVERIFY2(badge.contains(QStringLiteral("? Unknown - check paper record")) && !badge.contains(QStringLiteral("NKA")),
                 qPrintable(badge));
        const QString listed = d.label("chartUnreadable");
        QVERIFY2(listed.contains(QStringLiteral("could not be read: AllergyIntolerance, ")), qPrintable(listed));
        QVERIFY(d.label("allergyUnreadable").contains(QStringLiteral("could not be read: AllergyIntolerance")));
        auto* sheet = d.desktop->chartView()->findChild<QTextBrowser*>(QStringLiteral("emergencySheet"));
        QVERIFY(sheet && sheet->toPlainText().contains(QStringLiteral("could not be read: AllergyIntolerance")));
        QVERIFY(sheet->toPlainText().contains(QStringLiteral("? Unknown - check paper record")));

        const QString paperSheet = squeezed(d.print(ui::WardDesktop::Printout::EmergencySheet, GuiFixture::kMaxId));
        QVERIFY2(paperSheet.contains(QStringLiteral("couldnotberead:AllergyIntolerance")), qPrintable(paperSheet));
        const QString paperMar = squeezed(d.print(ui::WardDesktop::Printout::Mar, GuiFixture::kMaxId));
        QVERIFY2(paperMar.contains(QStringLiteral("couldnotberead:AllergyIntolerance")), qPrintable(paperMar));
        QVERIFY2(paperMar.contains(QStringLiteral("Allergiesunknown")) && !paperMar.contains(QStringLiteral("(NKA)")),
                 qPrintable(paperMar));
        const QString paperCensus = squeezed(d.print(ui::WardDesktop::Printout::Census, {}));
        QVERIFY2(paperCensus.contains(QStringLiteral("?Unknown-checkpaperrecord")), qPrintable(paperCensus));
    }

    // Defect 9: a Bundle whose allergy entry cannot even be indexed: the chart says so.
    void malformedBundleEntryShowsInChart()
    {
        QJsonObject broken = unreadablePenicillin(GuiFixture::kLenaId);
        broken.insert(QStringLiteral("id"), QStringLiteral("not a valid id!")); // fails indexing
        Desk d;
        QVERIFY(d.open(bundle({broken})));
        QVERIFY(d.desktop->openChart(GuiFixture::kLenaId, ui::ChartView::AllergyTab).ok());
        QVERIFY2(d.label("chartUnreadable").contains(QStringLiteral("could not be read: AllergyIntolerance, ")),
                 qPrintable(d.label("chartUnreadable")));
        QVERIFY(d.label("headerAllergyBadge").contains(QStringLiteral("? Unknown - check paper record")));
        QVERIFY(d.censusText(GuiFixture::kLenaId, ui::CensusModel::Name).contains(QStringLiteral("unreadable")));
    }

    void thisPcOnlyOnScreenAndPaper()
    {
        Desk d;
        QVERIFY(d.open());
        QVERIFY(d.desktop->openChart(GuiFixture::kErikaId, ui::ChartView::MarTab).ok());
        QVERIFY(d.label("marThisPcOnly").startsWith(QStringLiteral("Entries from this PC only")));
        const QString ward = squeezed(d.print(ui::WardDesktop::Printout::WardMar, {}));
        QCOMPARE(ward.count(QStringLiteral("EntriesfromthisPConly")), 3); // one per patient's MAR
        QVERIFY(squeezed(d.print(ui::WardDesktop::Printout::Census, {})).contains(QStringLiteral("EntriesfromthisPConly")));
        QVERIFY(d.desktop->censusModel()->headerData(ui::CensusModel::Pending, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Entries from this PC only")));
    }

    void thisPcOnlyInGerman()
    {
        Language de(QStringLiteral("de"));
        QVERIFY(de.loaded());
        Desk d;
        QVERIFY(d.open(everyStatus(d.f.clock().now())));
        QVERIFY(d.desktop->openChart(GuiFixture::kMaxId, ui::ChartView::MarTab).ok());
        QVERIFY2(d.label("marThisPcOnly").startsWith(QStringLiteral("Nur Einträge dieses PCs")), qPrintable(d.label("marThisPcOnly")));
        const QString paper = squeezed(d.print(ui::WardDesktop::Printout::Mar, GuiFixture::kMaxId));
        QVERIFY2(paper.contains(QStringLiteral("NurEinträgediesesPCs")), qPrintable(paper));
        QVERIFY2(paper.contains(QStringLiteral("pausiert,nichtgegeben")), qPrintable(paper));
    }
};

QTEST_MAIN(TestSafetyGuiStatusMar)
#include "test_safety_gui_status_mar.moc"
