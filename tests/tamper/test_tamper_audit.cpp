// The audit trail changed by someone holding the data key (issue #13 item 7):
// an entry edited (each column), cut short, removed, two entries swapped, its
// hash or a checkpoint's signature replaced, and the tail cut off. After IT has
// collected a signed checkpoint, `lanternctl verify --trusted-key FILE
// --checkpoints DIR` must exit 1 and name the entry or checkpoint, never blame
// the passphrase. The count of cases is printed ("TAMPER CASES audit: ...").

#include "TamperSupport.h"

#include "core/access/VaultDirectory.h"

#include <QRegularExpression>

using namespace lantern;
using namespace lantern::test;

class TestTamperAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tamperedTrailDetected();

private:
    // Runs `sql` inside the vault as an insider with the data key would.
    bool asInsider(const QString& dir, const QStringList& sql);

    TamperVault m_vault;
    QString m_trustedKey;
    QString m_checkpoints;
};

bool TestTamperAudit::asInsider(const QString& dir, const QStringList& sql)
{
    access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
    auto session = access.unlock(dir, kTamperAdmin, kTamperAdminPass);
    if (!session.ok()) {
        qWarning("%s", qPrintable(session.error().message));
        return false;
    }
    for (const QString& statement : sql) {
        if (Status done = session->vault().db().exec(statement); !done.ok()) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(done.error().message));
            return false;
        }
    }
    return true;
}

void TestTamperAudit::initTestCase()
{
    QVERIFY2(QFile::exists(lanternctlPath()), "lanternctl not built");
    const QString problem = m_vault.create();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // A few more entries, then IT signs the head against its own copy of the key and collects the export.
    const QString vault = m_vault.pristine();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(lanternctlAs(vault, kTamperNurse, kTamperNursePass, {QStringLiteral("patient"), QStringLiteral("list")}).exitCode, 0);
    const QString safe = m_vault.tempPath(QStringLiteral("it-safe"));
    m_checkpoints = safe + QStringLiteral("/checkpoints");
    QVERIFY(QDir().mkpath(m_checkpoints));
    m_trustedKey = safe + QStringLiteral("/audit-public-key.pem");
    QVERIFY(QFile::copy(vault + QStringLiteral("/audit-public-key.pem"), m_trustedKey));
    const CtlRun signedRun = verifyAsAdmin(vault, {QStringLiteral("--trusted-key"), m_trustedKey});
    QVERIFY2(signedRun.exitCode == 0 && signedRun.out.contains(QStringLiteral("signed checkpoint at entry")),
             qPrintable(signedRun.out + signedRun.err));
    const QDir exports(vault + QStringLiteral("/audit-export"));
    for (const QString& name : exports.entryList({QStringLiteral("*.ndjson")}, QDir::Files))
        QVERIFY(QFile::copy(exports.filePath(name), m_checkpoints + QLatin1Char('/') + name));
    QVERIFY(!QDir(m_checkpoints).isEmpty());
    const CtlRun intact = verifyAsAdmin(vault, {QStringLiteral("--trusted-key"), m_trustedKey, QStringLiteral("--checkpoints"), m_checkpoints});
    QVERIFY2(intact.exitCode == 0, qPrintable(intact.out + intact.err));
}

void TestTamperAudit::tamperedTrailDetected()
{
    const QString last = QStringLiteral("(SELECT max(seq) FROM audit_entry)");
    const QList<QPair<QString, QStringList>> cases{
        {QStringLiteral("detail edited"), {QStringLiteral("UPDATE audit_entry SET detail = 'nothing happened' WHERE seq = 2")}},
        {QStringLiteral("actor edited"), {QStringLiteral("UPDATE audit_entry SET actor = 'someone.else' WHERE seq = 3")}},
        {QStringLiteral("action edited"), {QStringLiteral("UPDATE audit_entry SET action = 'verify' WHERE seq = 4")}},
        {QStringLiteral("outcome edited"), {QStringLiteral("UPDATE audit_entry SET outcome = 'denied' WHERE seq = 2")}},
        {QStringLiteral("patient edited"), {QStringLiteral("UPDATE audit_entry SET patient_id = 'p-99' WHERE seq = 3")}},
        {QStringLiteral("time cut short"), {QStringLiteral("UPDATE audit_entry SET time = substr(time, 1, 10) WHERE seq = 3")}},
        {QStringLiteral("detail cut short"), {QStringLiteral("UPDATE audit_entry SET detail = substr(coalesce(detail, 'xx'), 1, 1) WHERE seq = 2")}},
        {QStringLiteral("hash replaced"), {QStringLiteral("UPDATE audit_entry SET hash = randomblob(32) WHERE seq = 3")}},
        {QStringLiteral("entry removed"), {QStringLiteral("DELETE FROM audit_entry WHERE seq = 3")}},
        {QStringLiteral("entries swapped"),
         {QStringLiteral("UPDATE audit_entry SET seq = -2 WHERE seq = 2"), QStringLiteral("UPDATE audit_entry SET seq = 2 WHERE seq = 3"),
          QStringLiteral("UPDATE audit_entry SET seq = 3 WHERE seq = -2")}},
        {QStringLiteral("checkpoint signature replaced"), {QStringLiteral("UPDATE audit_checkpoint SET signature = randomblob(64)")}},
        {QStringLiteral("last entry removed with its checkpoint"),
         {QStringLiteral("DELETE FROM audit_checkpoint WHERE seq = ") + last, QStringLiteral("DELETE FROM audit_entry WHERE seq = ") + last}},
        {QStringLiteral("tail cut after entry 3"),
         {QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > 3"), QStringLiteral("DELETE FROM audit_entry WHERE seq > 3")}},
    };
    static const QRegularExpression named(QStringLiteral("(entry|checkpoint) [0-9]+"));
    TamperTally tally(QStringLiteral("audit"));
    for (const auto& [label, sql] : cases) {
        const QString dir = m_vault.copy(QStringLiteral("audit"));
        QVERIFY2(asInsider(dir, sql), qPrintable(label));
        const CtlRun run = verifyAsAdmin(dir, {QStringLiteral("--trusted-key"), m_trustedKey, QStringLiteral("--checkpoints"), m_checkpoints});
        const QString all = QString(run.out + run.err);
        tally.record(run.exitCode == 1 && all.contains(QStringLiteral("audit chain:")) && named.match(all).hasMatch() &&
                         !blamesPassphrase(run) && !all.contains(QStringLiteral("signed checkpoint at entry")),
                     label, run);
    }
    tally.print();
    QVERIFY2(tally.allDetected(), qPrintable(tally.missed()));
}

QTEST_GUILESS_MAIN(TestTamperAudit)
#include "test_tamper_audit.moc"
