// Printouts: every page of every PDF carries the identity header, "data as
// of", the downtime id, who printed it and when, and "page x of y"; printing
// is audited.

#include "GuiFixture.h"
#include "ui/app/WardDesktop.h"
#include "core/audit/AuditLog.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

int pageCount(const QString& pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {pdf});
    p.waitForFinished(30000);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pageText(const QString& pdf, int page)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                          QString::number(page), QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}


} // namespace

class TestGuiPrint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyPageCarriesTheHeader_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("patientId");
        QTest::newRow("mar") << int(ui::WardDesktop::Printout::Mar) << GuiFixture::kErikaId;
        QTest::newRow("emergency sheet") << int(ui::WardDesktop::Printout::EmergencySheet) << GuiFixture::kErikaId;
        QTest::newRow("ward mar") << int(ui::WardDesktop::Printout::WardMar) << QString();
        QTest::newRow("census") << int(ui::WardDesktop::Printout::Census) << QString();
    }

    void everyPageCarriesTheHeader()
    {
        QFETCH(int, kind);
        QFETCH(QString, patientId);
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        QVERIFY(session);
        ui::WardDesktop desktop(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
        QVERIFY(desktop.reloadCensus().ok());
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("out.pdf"));
        const auto what = static_cast<ui::WardDesktop::Printout>(kind);
        auto pages = desktop.printToPdf(what, patientId, pdf);
        QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
        QCOMPARE(pageCount(pdf), *pages);

        struct Who { QString name; QString born; QString mrn; };
        const QList<Who> patients{{QStringLiteral("MUSTERMANN, Erika"), QStringLiteral("12.04.1956"), QStringLiteral("MRN1001")},
                                  {QStringLiteral("VOGEL, Lena"), QStringLiteral("30.09.2001"), QStringLiteral("MRN1003")},
                                  {QStringLiteral("WEBER, Max"), QStringLiteral("01.01.1980"), QStringLiteral("MRN1002")}};
        QStringList seenPatients;
        for (int p = 1; p <= *pages; ++p) {
            const QString text = pageText(pdf, p);
            QVERIFY2(!text.isEmpty(), "pdftotext gave nothing");
            QVERIFY2(text.contains(QStringLiteral("Data as of")), qPrintable(text));
            QVERIFY(text.contains(QStringLiteral("5f2b8c1e-0d4a-4c7e-9a51-3b6e2f1d9c07")));
            QVERIFY(text.contains(QStringLiteral("DOWNTIME since")));
            QVERIFY(text.contains(QStringLiteral("Printed by Jana Schulz (jana.schulz) on 01.03.2026")));
            QVERIFY(text.contains(QStringLiteral("Page %1 of %2").arg(p).arg(*pages)));
            if (what == ui::WardDesktop::Printout::Census) {
                QVERIFY(text.contains(QStringLiteral("Ward census")));
                continue;
            }
            bool identified = false;
            for (const Who& w : patients) {
                if (text.contains(w.name)) {
                    QVERIFY2(text.contains(w.born) && text.contains(w.mrn), qPrintable(text));
                    identified = true;
                    seenPatients << w.name;
                }
            }
            QVERIFY2(identified, qPrintable(text));
        }
        if (what == ui::WardDesktop::Printout::WardMar) {
            seenPatients.removeDuplicates();
            QCOMPARE(seenPatients.size(), 3);
        }

        auto head = audit::AuditLog(desktop.session().vault(), f.clock()).head();
        QVERIFY(head.ok() && head->has_value());
        QCOMPARE((*head)->action, audit::actionName(audit::AuditAction::Print));
        QCOMPARE((*head)->actor, GuiFixture::kNurse);
        if (!patientId.isEmpty())
            QCOMPARE((*head)->patientId, patientId);
    }

    void wardMarHasOneAuditEntryPerPatient()
    {
        GuiFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        auto session = f.unlockNurse();
        ui::WardDesktop desktop(std::move(session), f.clock(), {});
        QVERIFY(desktop.reloadCensus().ok());
        QTemporaryDir out;
        auto before = audit::AuditLog(desktop.session().vault(), f.clock()).head();
        const qint64 seqBefore = before->has_value() ? (*before)->seq : 0;
        QVERIFY(desktop.printToPdf(ui::WardDesktop::Printout::WardMar, {}, out.filePath(QStringLiteral("w.pdf"))).ok());
        auto after = audit::AuditLog(desktop.session().vault(), f.clock()).head();
        QCOMPARE((*after)->seq - seqBefore, qint64(3));
        QCOMPARE((*after)->detail, QStringLiteral("ward-mar"));
    }
};

QTEST_MAIN(TestGuiPrint)
#include "test_gui_print.moc"
