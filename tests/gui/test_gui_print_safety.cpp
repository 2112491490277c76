// Printing fails closed and leaves no readable copy for others (issue #10):
// the print audit entries are written through core before anything is
// rendered, so when the audit log cannot be written there is no PDF (and no
// half-made file); a PDF is created 0600 whatever the umask, and a symlink at
// the chosen path is replaced, not written through.

#include "../access/WardBundle.h"
#include "GuiFixture.h"
#include "core/audit/AuditLog.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"
#include "ui/app/WardDesktop.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace lantern;
using lantern::test::GuiFixture;

namespace {

using Printout = ui::WardDesktop::Printout;

mode_t modeOf(const QString& path)
{
    struct stat st{};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : mode_t(07777);
}

// The nurse's desktop over the fixture's vault, census loaded.
std::unique_ptr<ui::WardDesktop> nurseDesktop(GuiFixture& f)
{
    auto session = f.unlockNurse();
    if (!f.ok() || !session)
        return nullptr;
    auto desktop = std::make_unique<ui::WardDesktop>(std::move(session), f.clock(), GuiFixture::downtimeStatus(f.clock().now()));
    return desktop->reloadCensus().ok() ? std::move(desktop) : nullptr;
}

} // namespace

class TestGuiPrintSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noAuditNoPdf_data();
    void noAuditNoPdf();
    void pdfIsReadableByItsOwnerOnly();
};

void TestGuiPrintSafety::noAuditNoPdf_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("patientId");
    QTest::newRow("mar") << int(Printout::Mar) << GuiFixture::kErikaId;
    QTest::newRow("emergency sheet") << int(Printout::EmergencySheet) << GuiFixture::kErikaId;
    QTest::newRow("census") << int(Printout::Census) << QString();
}

void TestGuiPrintSafety::noAuditNoPdf()
{
    QFETCH(int, kind);
    QFETCH(QString, patientId);
    GuiFixture f;
    auto owned = nurseDesktop(f);
    QVERIFY2(owned, qPrintable(f.error()));
    ui::WardDesktop& desktop = *owned;
    auto before = vault::AuditRepository(desktop.session().vault()).entryCount();
    QVERIFY(before.ok());
    QVERIFY(desktop.session().vault().db().exec(test::auditFailureTrigger()).ok());

    QTemporaryDir out;
    const QString pdf = out.filePath(QStringLiteral("out.pdf"));
    auto pages = desktop.printToPdf(static_cast<Printout>(kind), patientId, pdf);
    QVERIFY(!pages.ok());
    QVERIFY2(pages.error().message.contains(QStringLiteral("audit")), qPrintable(pages.error().message));
    QVERIFY(!QFile::exists(pdf));
    // Nothing half-made either: no scratch folder, no temp file.
    QCOMPARE(QDir(out.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

    // With the audit writable again, the same printout works and is audited.
    QVERIFY(desktop.session().vault().db().exec(test::dropAuditFailureTrigger()).ok());
    pages = desktop.printToPdf(static_cast<Printout>(kind), patientId, pdf);
    QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
    QVERIFY(QFile::exists(pdf));
    auto entries = vault::AuditRepository(desktop.session().vault()).readEntries(*before + 1, 100);
    QVERIFY(entries.ok());
    QVERIFY(!entries->isEmpty());
    QCOMPARE(entries->last().action, QStringLiteral("print"));
}

void TestGuiPrintSafety::pdfIsReadableByItsOwnerOnly()
{
    GuiFixture f;
    auto owned = nurseDesktop(f);
    QVERIFY2(owned, qPrintable(f.error()));
    ui::WardDesktop& desktop = *owned;

    QTemporaryDir out, elsewhere;
    const QString victim = elsewhere.filePath(QStringLiteral("victim.txt"));
    {
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("not a printout\n");
    }
    const QString pdf = out.filePath(QStringLiteral("mar.pdf"));
    QVERIFY(QFile::link(victim, pdf)); // planted where the nurse will save

    const mode_t oldMask = ::umask(0); // the laxest umask: a plain QPrinter file would be 0666
    auto pages = desktop.printToPdf(Printout::Mar, GuiFixture::kErikaId, pdf);
    ::umask(oldMask);
    QVERIFY2(pages.ok(), pages.ok() ? "" : qPrintable(pages.error().message));
    QVERIFY(!QFileInfo(pdf).isSymLink());
    QCOMPARE(modeOf(pdf), mode_t(0600));
    QFile written(pdf);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.read(5) == "%PDF-");
    QFile v(victim);
    QVERIFY(v.open(QIODevice::ReadOnly));
    QCOMPARE(v.readAll(), QByteArray("not a printout\n"));
}

QTEST_MAIN(TestGuiPrintSafety)
#include "test_gui_print_safety.moc"
