// lanternctl under the access policy, as a real process with passphrases on
// standard input: `patient list` shows only the user's wards and is audited;
// `patient show` of a patient on another ward needs --break-glass REASON (exit 3
// and how to go on without it; audited as break-glass with the reason with it);
// IT administrators get exit 3 for patient data; `config set` and
// `downtime-ids set` are audited (the value is not); a refusal is audited as
// denied; and when the audit entry cannot be written nothing is printed.
// The results are printed as a table (qInfo).

#include "../access/WardBundle.h"
#include "TestConfig.h"

#include "core/access/VaultAccess.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;

namespace {

const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");
const QString kDoctorPass = QStringLiteral("Ward-round-3B-physician-ok");
const QString kOwn = QStringLiteral("p-3b");   // Ahrens, ward-3b: the users' ward
const QString kOther = QStringLiteral("p-4a"); // Brandt, ward-4a

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestCliAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nurseListsOwnWardsOnly();
    void otherWardNeedsBreakGlass();
    void breakGlassIsAuditedWithItsReason();
    void itAdministratorsGetNoPatientData();
    void configChangesAreAudited();
    void nothingIsShownWhenTheAuditCannotBeWritten();
    void cleanupTestCase();

private:
    Run ctl(const QString& user, const QStringList& args, const QString& pass);
    // Audit entries written after `seq`, read in-process as the IT administrator.
    QList<vault::AuditEntryRecord> auditAfter(qint64 seq);
    qint64 auditHead();
    bool sql(const QString& statement);
    void note(const QString& command, const Run& run, const QList<vault::AuditEntryRecord>& audit);

    QTemporaryDir m_dir;
    QString m_vault;
    QStringList m_table;
    // The IT administrator's own connection, for reading the trail (each unlock costs an Argon2id derivation).
    std::optional<access::Session> m_admin;
};

Run TestCliAccess::ctl(const QString& user, const QStringList& args, const QString& pass)
{
    QProcess p;
    p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
            QStringList{QStringLiteral("--vault"), m_vault, QStringLiteral("--user"), user} + args);
    if (!p.waitForStarted())
        return {};
    p.write(pass.toUtf8() + '\n');
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

qint64 TestCliAccess::auditHead()
{
    if (!m_admin)
        return -1;
    auto count = vault::AuditRepository(m_admin->vault()).entryCount();
    return count.ok() ? *count : -1;
}

QList<vault::AuditEntryRecord> TestCliAccess::auditAfter(qint64 seq)
{
    if (!m_admin)
        return {};
    auto entries = vault::AuditRepository(m_admin->vault()).readEntries(seq + 1, 100);
    if (!entries.ok())
        return {};
    QList<vault::AuditEntryRecord> out;
    for (const vault::AuditEntryRecord& e : std::as_const(*entries)) {
        if (e.action != QLatin1String("unlock")) // every run starts with its unlock
            out << e;
    }
    return out;
}

bool TestCliAccess::sql(const QString& statement)
{
    return m_admin && m_admin->vault().db().exec(statement).ok();
}

void TestCliAccess::note(const QString& command, const Run& run, const QList<vault::AuditEntryRecord>& audit)
{
    QStringList entries;
    for (const vault::AuditEntryRecord& e : audit)
        entries << e.action + QLatin1Char('/') + e.outcome + (e.detail.isEmpty() ? QString() : QLatin1Char(' ') + e.detail);
    m_table << QStringLiteral("%1 | exit %2 | %3").arg(command, -62).arg(run.exitCode).arg(entries.isEmpty() ? QStringLiteral("(no entry)") : entries.join(QStringLiteral("; ")));
}

void TestCliAccess::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl")), "lanternctl not built");
    m_vault = m_dir.filePath(QStringLiteral("vault"));
    QProcess init;
    init.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
               {QStringLiteral("--vault"), m_vault, QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("it.meyer")});
    QVERIFY(init.waitForStarted());
    init.write(kAdminPass.toUtf8() + '\n');
    init.closeWriteChannel();
    QVERIFY(init.waitForFinished(120000));
    QCOMPARE(init.exitCode(), 0);
    const auto addUser = [&](const QString& name, const QString& role, const QString& pass) {
        QProcess p;
        p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"),
                {QStringLiteral("--vault"), m_vault, QStringLiteral("--user"), QStringLiteral("it.meyer"), QStringLiteral("user"),
                 QStringLiteral("add"), name, QStringLiteral("--role"), role, QStringLiteral("--wards"), QStringLiteral("ward-3b")});
        p.waitForStarted();
        p.write(kAdminPass.toUtf8() + '\n' + pass.toUtf8() + '\n');
        p.closeWriteChannel();
        p.waitForFinished(120000);
        return p.exitCode();
    };
    QCOMPARE(addUser(QStringLiteral("n.berger"), QStringLiteral("nurse"), kNursePass), 0);
    QCOMPARE(addUser(QStringLiteral("dr.wolf"), QStringLiteral("physician"), kDoctorPass), 0);
    const QString bundle = m_dir.filePath(QStringLiteral("wards.json"));
    QFile f(bundle);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::wardBundle({{QStringLiteral("ward-3b"), kOwn, QStringLiteral("MRN-3B"), QStringLiteral("Ahrens")},
                              {QStringLiteral("ward-4a"), kOther, QStringLiteral("MRN-4A"), QStringLiteral("Brandt")}}));
    f.close();
    const Run import = ctl(QStringLiteral("it.meyer"), {QStringLiteral("import"), bundle}, kAdminPass);
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    auto admin = access::VaultAccess().unlock(m_vault, QStringLiteral("it.meyer"), kAdminPass);
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    m_admin.emplace(std::move(*admin));
}

void TestCliAccess::nurseListsOwnWardsOnly()
{
    const qint64 before = auditHead();
    const Run list = ctl(QStringLiteral("n.berger"), {QStringLiteral("patient"), QStringLiteral("list")}, kNursePass);
    const auto audit = auditAfter(before);
    note(QStringLiteral("nurse: patient list"), list, audit);
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(kOwn) && list.out.contains(QStringLiteral("Ahrens")), qPrintable(list.out));
    QVERIFY2(!list.out.contains(kOther) && !list.out.contains(QStringLiteral("Brandt")), qPrintable(list.out));
    QVERIFY(list.out.contains(QStringLiteral("1 patients")));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("view-patient"));
    QCOMPARE(audit[0].outcome, QStringLiteral("success"));
    QCOMPARE(audit[0].actor, QStringLiteral("n.berger"));
    QCOMPARE(audit[0].detail, QStringLiteral("patient-list"));

    const Run own = ctl(QStringLiteral("n.berger"), {QStringLiteral("patient"), QStringLiteral("show"), kOwn}, kNursePass);
    note(QStringLiteral("nurse: patient show (own ward)"), own, auditAfter(before + 2));
    QCOMPARE(own.exitCode, 0);
    QVERIFY(own.out.contains(QStringLiteral("Ahrens")));
}

void TestCliAccess::otherWardNeedsBreakGlass()
{
    const qint64 before = auditHead();
    const Run show = ctl(QStringLiteral("n.berger"), {QStringLiteral("patient"), QStringLiteral("show"), kOther}, kNursePass);
    const auto audit = auditAfter(before);
    note(QStringLiteral("nurse: patient show (other ward)"), show, audit);
    QCOMPARE(show.exitCode, 3);
    QVERIFY2(show.err.contains(QStringLiteral("--break-glass")), qPrintable(show.err));
    QVERIFY2(!show.out.contains(QStringLiteral("Brandt")) && !show.err.contains(QStringLiteral("Brandt")), qPrintable(show.out));
    // The refusal is in the trail.
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("view-patient"));
    QCOMPARE(audit[0].outcome, QStringLiteral("denied"));
    QCOMPARE(audit[0].patientId, kOther);

    const Run badReason = ctl(QStringLiteral("n.berger"),
                              {QStringLiteral("patient"), QStringLiteral("show"), kOther, QStringLiteral("--break-glass"), QStringLiteral("curious")},
                              kNursePass);
    note(QStringLiteral("nurse: patient show (other ward) --break-glass curious"), badReason, {});
    QCOMPARE(badReason.exitCode, 2);
    QVERIFY(badReason.err.contains(QStringLiteral("emergency")));
}

void TestCliAccess::breakGlassIsAuditedWithItsReason()
{
    const qint64 before = auditHead();
    const Run show = ctl(QStringLiteral("dr.wolf"),
                         {QStringLiteral("patient"), QStringLiteral("show"), kOther, QStringLiteral("--break-glass"),
                          QStringLiteral("consultation: asked by ward 4A")},
                         kDoctorPass);
    const auto audit = auditAfter(before);
    note(QStringLiteral("physician: patient show (other ward) --break-glass consultation"), show, audit);
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QVERIFY(show.out.contains(QStringLiteral("Brandt")));
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].action, QStringLiteral("break-glass"));
    QCOMPARE(audit[0].outcome, QStringLiteral("success"));
    QCOMPARE(audit[0].patientId, kOther);
    QCOMPARE(audit[0].actor, QStringLiteral("dr.wolf"));
    QCOMPARE(audit[0].detail, QStringLiteral("reason=consult text=asked by ward 4A"));
    QCOMPARE(audit[1].action, QStringLiteral("view-patient"));
    QCOMPARE(audit[1].outcome, QStringLiteral("success"));
}

void TestCliAccess::itAdministratorsGetNoPatientData()
{
    const QList<QStringList> commands{{QStringLiteral("patient"), QStringLiteral("list")},
                                      {QStringLiteral("patient"), QStringLiteral("show"), kOwn},
                                      {QStringLiteral("patient"), QStringLiteral("show"), kOther, QStringLiteral("--break-glass"),
                                       QStringLiteral("emergency")}};
    for (const QStringList& command : commands) {
        const qint64 before = auditHead();
        const Run run = ctl(QStringLiteral("it.meyer"), command, kAdminPass);
        const auto audit = auditAfter(before);
        note(QStringLiteral("IT: ") + command.join(QLatin1Char(' ')).replace(kOwn, QStringLiteral("(own ward)")).replace(kOther, QStringLiteral("(other ward)")),
             run, audit);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("no patient data")), qPrintable(run.err));
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit[0].outcome, QStringLiteral("denied"));
        QCOMPARE(audit[0].actor, QStringLiteral("it.meyer"));
    }
}

void TestCliAccess::configChangesAreAudited()
{
    qint64 before = auditHead();
    const Run set = ctl(QStringLiteral("it.meyer"),
                        {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.bearer_token"), QStringLiteral("-")},
                        kAdminPass + QStringLiteral("\ns3cret-token-value")); // a secret: from standard input, after the passphrase
    auto audit = auditAfter(before);
    note(QStringLiteral("IT: config set mirror.bearer_token - (stdin)"), set, audit);
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("config-change"));
    QCOMPARE(audit[0].outcome, QStringLiteral("success"));
    QCOMPARE(audit[0].detail, QStringLiteral("set mirror.bearer_token"));
    QVERIFY(!audit[0].detail.contains(QStringLiteral("s3cret"))); // a value may be a secret: never in the trail

    before = auditHead();
    const Run ids = ctl(QStringLiteral("it.meyer"),
                        {QStringLiteral("downtime-ids"), QStringLiteral("set"), QStringLiteral("urn:oid:1.2.276.0.76.4711"), QStringLiteral("DT-"),
                         QStringLiteral("5000"), QStringLiteral("5999")},
                        kAdminPass);
    audit = auditAfter(before);
    note(QStringLiteral("IT: downtime-ids set ... 5000 5999"), ids, audit);
    QVERIFY2(ids.exitCode == 0, qPrintable(ids.err));
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("config-change"));
    QCOMPARE(audit[0].detail, QStringLiteral("downtime-ids 5000-5999"));

    before = auditHead();
    const Run nurse = ctl(QStringLiteral("n.berger"),
                          {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.wards"), QStringLiteral("ward-4a")}, kNursePass);
    audit = auditAfter(before);
    note(QStringLiteral("nurse: config set mirror.wards ward-4a"), nurse, audit);
    QCOMPARE(nurse.exitCode, 3);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("config-change"));
    QCOMPARE(audit[0].outcome, QStringLiteral("denied"));
}

void TestCliAccess::nothingIsShownWhenTheAuditCannotBeWritten()
{
    // Every audit entry but the unlock fails to insert, as on a disk that took
    // the unlock's entry and no more.
    QVERIFY(sql(test::auditFailureTrigger()));
    const Run show = ctl(QStringLiteral("n.berger"), {QStringLiteral("patient"), QStringLiteral("show"), kOwn}, kNursePass);
    const Run list = ctl(QStringLiteral("n.berger"), {QStringLiteral("patient"), QStringLiteral("list")}, kNursePass);
    const Run glass = ctl(QStringLiteral("n.berger"),
                          {QStringLiteral("patient"), QStringLiteral("show"), kOther, QStringLiteral("--break-glass"), QStringLiteral("emergency")},
                          kNursePass);
    const Run config = ctl(QStringLiteral("it.meyer"),
                           {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.wards"), QStringLiteral("ward-4a")}, kAdminPass);
    QVERIFY(sql(test::dropAuditFailureTrigger()));
    note(QStringLiteral("nurse: patient show (own ward), audit not writable"), show, {});
    note(QStringLiteral("nurse: patient list, audit not writable"), list, {});
    note(QStringLiteral("nurse: patient show --break-glass, audit not writable"), glass, {});
    note(QStringLiteral("IT: config set, audit not writable"), config, {});
    for (const Run& run : {show, list, glass}) {
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("audit")), qPrintable(run.err));
    }
    QCOMPARE(config.exitCode, 1);
    // The change was not made either.
    const Run shown = ctl(QStringLiteral("it.meyer"), {QStringLiteral("config"), QStringLiteral("show")}, kAdminPass);
    QVERIFY2(!shown.out.contains(QStringLiteral("ward-4a")), qPrintable(shown.out));
}

void TestCliAccess::cleanupTestCase()
{
    m_admin.reset();
    qInfo("lanternctl under the access policy (command | exit | audit entries written, unlock left out):");
    for (const QString& line : std::as_const(m_table))
        qInfo("%s", qPrintable(line));
}

QTEST_GUILESS_MAIN(TestCliAccess)
#include "test_cli_access.moc"
