// vault.db changed underneath Lantern (issue #13, defect 4 and item 7): a byte
// flipped at every page boundary of a small vault (the first byte of each
// page: page 1's salt, the others' ciphertext; and the last byte of each
// page's HMAC) and the file cut off at several lengths. (SQLCipher 3's page
// ends in 48 reserved bytes: a 16-byte IV, a 20-byte HMAC-SHA1 and 12 bytes of
// padding that nothing reads or checks, so a flip there harms no data and is
// not a case.) Each copy is checked by the real `lanternctl
// verify` with the right passphrase: it must exit 1 and say "vault file
// damaged", never blame the passphrase (exit 3). The count of cases is printed
// ("TAMPER CASES vault.db: N detected of N").

#include "TamperSupport.h"

#include "core/access/VaultDirectory.h"

#include <QFileInfo>

using namespace lantern;
using namespace lantern::test;

namespace {
constexpr qint64 LastHmacByte = 4096 - 48 + 16 + 20 - 1; // reserve: IV 16, HMAC 20, padding 12
} // namespace

class TestTamperVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void untouchedVaultVerifies();
    void flippedByteAtEveryPageBoundary();
    void truncatedVault();
    void wrongPassphraseStillSaysSo();

private:
    bool damageDetected(const CtlRun& run) const
    {
        return run.exitCode == 1 && QString(run.out + run.err).contains(QStringLiteral("vault file damaged")) && !blamesPassphrase(run);
    }

    TamperVault m_vault;
    qint64 m_pages = 0;
};

void TestTamperVault::initTestCase()
{
    QVERIFY2(QFile::exists(lanternctlPath()), "lanternctl not built");
    const QString problem = m_vault.create();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const qint64 size = QFileInfo(access::VaultDirectory(m_vault.pristine()).vaultFile()).size();
    QCOMPARE(size % 4096, 0);
    m_pages = size / 4096;
    QVERIFY2(m_pages >= 8, "the test vault should span several pages");
}

void TestTamperVault::untouchedVaultVerifies()
{
    const QString dir = m_vault.copy(QStringLiteral("untouched"));
    const CtlRun run = verifyAsAdmin(dir);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("vault integrity:  ok")), qPrintable(run.out));
}

void TestTamperVault::flippedByteAtEveryPageBoundary()
{
    TamperTally tally(QStringLiteral("vault.db page boundaries"));
    for (qint64 page = 0; page < m_pages; ++page) {
        for (const qint64 offset : {page * 4096, page * 4096 + LastHmacByte}) {
            const QString dir = m_vault.copy(QStringLiteral("page"));
            QVERIFY(flipByte(access::VaultDirectory(dir).vaultFile(), offset));
            const CtlRun run = verifyAsAdmin(dir);
            tally.record(damageDetected(run), QStringLiteral("page %1 byte %2").arg(page + 1).arg(offset), run);
        }
    }
    tally.print();
    QVERIFY2(tally.allDetected(), qPrintable(tally.missed()));
}

void TestTamperVault::truncatedVault()
{
    TamperTally tally(QStringLiteral("vault.db truncations"));
    const qint64 size = m_pages * 4096;
    const QList<qint64> lengths{0, 100, 4095, 4096, 3 * 4096, size / 2 / 4096 * 4096, size - 4096, size - 1, size - 100};
    for (const qint64 length : lengths) {
        const QString dir = m_vault.copy(QStringLiteral("cut"));
        QVERIFY(QFile::resize(access::VaultDirectory(dir).vaultFile(), length));
        const CtlRun run = verifyAsAdmin(dir);
        tally.record(damageDetected(run), QStringLiteral("cut to %1 bytes").arg(length), run);
        // Nothing was rebuilt in its place: the file is still as short as it was cut.
        QCOMPARE(QFileInfo(access::VaultDirectory(dir).vaultFile()).size(), length);
    }
    tally.print();
    QVERIFY2(tally.allDetected(), qPrintable(tally.missed()));
}

void TestTamperVault::wrongPassphraseStillSaysSo()
{
    // The other side of the line: an intact vault and a wrong passphrase stay exit 3.
    const QString dir = m_vault.copy(QStringLiteral("wrong"));
    const CtlRun run = lanternctlAs(dir, kTamperAdmin, QStringLiteral("Not-the-right-passphrase-1"), {QStringLiteral("verify")});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(!run.err.contains(QStringLiteral("damaged")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestTamperVault)
#include "test_tamper_vault.moc"
