// Text from the EHR is shown as text, never as markup (issue #10): a patient
// named `<b>X</b><img src=...>` and an allergy to `<i>Penicillin</i><img ...>`
// appear with their angle brackets in the chart header and the allergy tab,
// and tooltips built from foreign text (order notes, a server's conflict
// detail) show it literally too. "Rendered" below is what Qt draws: the label's
// text for plain text, the document's text for rich text.

#include "core/common/Clock.h"
#include "core/model/PatientChart.h"
#include "ui/chart/AllergyView.h"
#include "ui/chart/PatientHeader.h"
#include "ui/common/PlainText.h"

#include <QLabel>
#include <QTest>
#include <QTextDocument>

using namespace lantern;

namespace {

const QString kEvilFamily = QStringLiteral("<b>X</b><img src=\"file:///etc/passwd\">");
const QString kEvilSubstance = QStringLiteral("<i>Penicillin</i><img src=\"http://evil.example/x.png\">");

// What the label shows on screen, as Qt decides it.
QString rendered(const QLabel* label)
{
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    if (!rich)
        return label->text();
    QTextDocument doc;
    doc.setHtml(label->text());
    return doc.toPlainText();
}

model::PatientChart evilChart()
{
    model::PatientChart chart;
    chart.patientId = QStringLiteral("p-evil");
    model::Patient p;
    model::HumanName name;
    name.family = kEvilFamily;
    name.given = {QStringLiteral("Anna")};
    p.names = {name};
    p.identifiers = {model::Identifier{QString(), QStringLiteral("<u>MRN9</u>"), QString(), QStringLiteral("MR"), QString(), QString()}};
    chart.patient = p;
    model::Allergy a;
    a.substance.text = kEvilSubstance;
    a.type = QStringLiteral("allergy");
    a.verificationStatus = QStringLiteral("confirmed");
    chart.allergies = {a};
    chart.allergyStatus = model::AllergyStatus::HasAllergies;
    return chart;
}

} // namespace

class TestGuiPlainText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headerShowsMarkupLiterally();
    void allergyCardsShowMarkupLiterally();
    void toolTipsShowMarkupLiterally();
};

void TestGuiPlainText::headerShowsMarkupLiterally()
{
    ManualClock clock;
    ui::PatientHeader header(evilChart(), QStringLiteral("ward-3a"), QStringLiteral("1"), clock);
    auto* name = header.findChild<QLabel*>(QStringLiteral("headerName"));
    auto* badge = header.findChild<QLabel*>(QStringLiteral("headerAllergyBadge"));
    auto* detail = header.findChild<QLabel*>(QStringLiteral("headerDetail"));
    QVERIFY(name && badge && detail);
    QVERIFY2(rendered(name).contains(kEvilFamily.toUpper()), qPrintable(rendered(name)));
    QVERIFY2(rendered(badge).contains(kEvilSubstance), qPrintable(rendered(badge)));
    QVERIFY2(rendered(detail).contains(QStringLiteral("<u>MRN9</u>")), qPrintable(rendered(detail)));
}

void TestGuiPlainText::allergyCardsShowMarkupLiterally()
{
    ui::AllergyView view(evilChart());
    bool found = false;
    const QList<QLabel*> labels = view.findChildren<QLabel*>();
    for (const QLabel* label : labels) {
        QVERIFY2(!(label->textFormat() != Qt::PlainText && label->text().contains(QStringLiteral("<img"))),
                 qPrintable(label->text())); // no label carries an image element
        found = found || rendered(label).contains(kEvilSubstance);
    }
    QVERIFY2(found, "the substance is not shown literally on any allergy card");
}

void TestGuiPlainText::toolTipsShowMarkupLiterally()
{
    const QString note = kEvilSubstance + QStringLiteral("\nsecond line");
    const QString tip = ui::PlainText::toolTip(note);
    // A tooltip is drawn as rich text when Qt guesses so: the helper's always is,
    // and what it draws is the note as written.
    QVERIFY(Qt::mightBeRichText(tip));
    QTextDocument doc;
    doc.setHtml(tip);
    const QString shown = doc.toPlainText();
    QVERIFY2(shown.contains(kEvilSubstance), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("second line")), qPrintable(shown));
    QVERIFY(!tip.contains(QStringLiteral("<img")));
    QCOMPARE(ui::PlainText::toolTip(QString()), QString());
}

QTEST_MAIN(TestGuiPlainText)
#include "test_gui_plain_text.moc"
