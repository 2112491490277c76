// lanternctl --json and the rest of #12 item 2 on a real vault, as real
// processes: each --json output is one JSON document with the fields
// docs/it/cli-json.md promises; --json changes the presentation only (a nurse
// lists her ward only, IT gets exit 3 and nothing on stdout, the audit entries
// are those of the text output); `patient show` of an id the vault does not
// hold is exit 1 with nothing listed and no view audited; `config set` refuses
// values out of range naming the range; `config show` says where a value came from.

#include "../access/WardBundle.h"
#include "../support/LanternctlRun.h"

#include "core/access/VaultAccess.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using lantern::test::CtlRun;

namespace {

const QString kAdmin = QStringLiteral("it.meyer");
const QString kNurse = QStringLiteral("n.berger");
const QString kAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
const QString kNursePass = QStringLiteral("Night-shift-3B-lantern-ok");
const QString kOwn = QStringLiteral("p-3b");
const QString kOther = QStringLiteral("p-4a");

} // namespace

class TestCliJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void patientListJsonKeepsWardScope();
    void patientShowJson();
    void patientShowJsonRefusedLikeText();
    void unknownPatientIsNotFound();
    void userListJson();
    void reconcileStatusJson();
    void verifyJson();
    void configSetBounds_data();
    void configSetBounds();
    void configShowSaysWhereFrom();

private:
    CtlRun ctl(const QString& user, const QStringList& args, const QString& pass, const QByteArray& more = {});
    QJsonObject json(const CtlRun& run);
    QList<vault::AuditEntryRecord> auditAfter(qint64 seq);
    qint64 auditHead();

    QTemporaryDir m_dir;
    QString m_vault;
    std::optional<access::Session> m_admin; // reads the trail in-process
};

CtlRun TestCliJson::ctl(const QString& user, const QStringList& args, const QString& pass, const QByteArray& more)
{
    return test::runLanternctl(QStringList{QStringLiteral("--vault"), m_vault, QStringLiteral("--user"), user} + args,
                               pass.toUtf8() + '\n' + more);
}

QJsonObject TestCliJson::json(const CtlRun& run)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qWarning("not one JSON object (%s): %s", qPrintable(error.errorString()), qPrintable(run.out));
    return doc.object();
}

qint64 TestCliJson::auditHead()
{
    auto count = vault::AuditRepository(m_admin->vault()).entryCount();
    return count.ok() ? *count : -1;
}

QList<vault::AuditEntryRecord> TestCliJson::auditAfter(qint64 seq)
{
    auto entries = vault::AuditRepository(m_admin->vault()).readEntries(seq + 1, 100);
    QList<vault::AuditEntryRecord> out;
    if (entries.ok())
        for (const vault::AuditEntryRecord& e : std::as_const(*entries))
            if (e.action != QLatin1String("unlock"))
                out << e;
    return out;
}

void TestCliJson::initTestCase()
{
    QVERIFY2(QFile::exists(test::lanternctlPath()), "lanternctl not built");
    m_vault = m_dir.filePath(QStringLiteral("vault"));
    QVERIFY(test::initVaultWithLanternctl(m_vault, kAdmin, kAdminPass));
    const CtlRun added = ctl(kAdmin,
                             {QStringLiteral("user"), QStringLiteral("add"), kNurse, QStringLiteral("--role"), QStringLiteral("nurse"),
                              QStringLiteral("--name"), QStringLiteral("Nina Berger"), QStringLiteral("--wards"), QStringLiteral("ward-3b")},
                             kAdminPass, kNursePass.toUtf8() + '\n');
    QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    const QString bundle = m_dir.filePath(QStringLiteral("wards.json"));
    QFile f(bundle);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::wardBundle({{QStringLiteral("ward-3b"), kOwn, QStringLiteral("MRN-3B"), QStringLiteral("Ahrens")},
                              {QStringLiteral("ward-4a"), kOther, QStringLiteral("MRN-4A"), QStringLiteral("Brandt")}}));
    f.close();
    const CtlRun imported = ctl(kAdmin, {QStringLiteral("import"), bundle}, kAdminPass);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    auto admin = access::VaultAccess().unlock(m_vault, kAdmin, kAdminPass);
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    m_admin.emplace(std::move(*admin));
}

void TestCliJson::patientListJsonKeepsWardScope()
{
    const qint64 before = auditHead();
    const CtlRun list = ctl(kNurse, {QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--json")}, kNursePass);
    QCOMPARE(list.exitCode, 0);
    const QJsonObject doc = json(list);
    const QJsonArray patients = doc.value(QStringLiteral("patients")).toArray();
    QCOMPARE(patients.size(), 1);
    QCOMPARE(doc.value(QStringLiteral("count")).toInt(), 1);
    const QJsonObject p = patients.first().toObject();
    for (const char* field : {"id", "family", "given", "birthDate", "sex", "mrn", "mark"})
        QVERIFY2(p.contains(QLatin1String(field)), field);
    QCOMPARE(p.value(QStringLiteral("id")).toString(), kOwn);
    QCOMPARE(p.value(QStringLiteral("family")).toString(), QStringLiteral("Ahrens"));
    QVERIFY(!list.out.contains(kOther) && !list.out.contains(QStringLiteral("Brandt")));
    // The same single entry the text output writes.
    const auto audit = auditAfter(before);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].action, QStringLiteral("view-patient"));
    QCOMPARE(audit[0].outcome, QStringLiteral("success"));

    // IT administrators see no patient data, in any format.
    const CtlRun it = ctl(kAdmin, {QStringLiteral("patient"), QStringLiteral("list"), QStringLiteral("--json")}, kAdminPass);
    QCOMPARE(it.exitCode, 3);
    QVERIFY2(it.out.isEmpty(), qPrintable(it.out));
    QVERIFY2(it.err.contains(QStringLiteral("may not")), qPrintable(it.err));
}

void TestCliJson::patientShowJson()
{
    const CtlRun show = ctl(kNurse, {QStringLiteral("patient"), QStringLiteral("show"), kOwn, QStringLiteral("--json")}, kNursePass);
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    const QJsonObject doc = json(show);
    for (const char* field : {"id", "breakGlass", "patient", "allergyStatus", "allergies", "orders", "homeMedications", "unreadable", "skipped"})
        QVERIFY2(doc.contains(QLatin1String(field)), field);
    QCOMPARE(doc.value(QStringLiteral("id")).toString(), kOwn);
    QCOMPARE(doc.value(QStringLiteral("breakGlass")).toBool(), false);
    QVERIFY(doc.value(QStringLiteral("patient")).toObject().value(QStringLiteral("name")).toString().contains(QStringLiteral("Ahrens")));
    QVERIFY(QStringList({QStringLiteral("has-allergies"), QStringLiteral("no-known-allergies"), QStringLiteral("no-information"),
                         QStringLiteral("unknown")})
                .contains(doc.value(QStringLiteral("allergyStatus")).toString()));
}

void TestCliJson::patientShowJsonRefusedLikeText()
{
    const qint64 before = auditHead();
    const CtlRun other = ctl(kNurse, {QStringLiteral("patient"), QStringLiteral("show"), kOther, QStringLiteral("--json")}, kNursePass);
    QCOMPARE(other.exitCode, 3);
    QVERIFY2(other.out.isEmpty(), qPrintable(other.out));
    QVERIFY2(other.err.contains(QStringLiteral("--break-glass")), qPrintable(other.err));
    const auto audit = auditAfter(before);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].outcome, QStringLiteral("denied"));
}

void TestCliJson::unknownPatientIsNotFound()
{
    const QString unknown = QStringLiteral("p-nobody");
    for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--json")},
                                     QStringList{QStringLiteral("--break-glass"), QStringLiteral("emergency")}}) {
        const qint64 before = auditHead();
        const CtlRun show = ctl(kNurse, QStringList{QStringLiteral("patient"), QStringLiteral("show"), unknown} + extra, kNursePass);
        QCOMPARE(show.exitCode, 1);
        QVERIFY2(show.out.isEmpty(), qPrintable(show.out)); // no allergies, no medication headings
        QVERIFY2(show.err.contains(QStringLiteral("no patient p-nobody in this vault")), qPrintable(show.err));
        // A failed lookup, never a view nor a broken glass.
        const auto audit = auditAfter(before);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit[0].action, QStringLiteral("view-patient"));
        QCOMPARE(audit[0].outcome, QStringLiteral("failure"));
    }
    // IT is refused as for any patient: whether an id exists is not for them to learn here.
    const CtlRun it = ctl(kAdmin, {QStringLiteral("patient"), QStringLiteral("show"), unknown}, kAdminPass);
    QCOMPARE(it.exitCode, 3);
}

void TestCliJson::userListJson()
{
    const CtlRun list = ctl(kAdmin, {QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--json")}, kAdminPass);
    QVERIFY2(list.exitCode == 0, qPrintable(list.err));
    const QJsonArray users = json(list).value(QStringLiteral("users")).toArray();
    QCOMPARE(users.size(), 2);
    for (const QJsonValue& u : users)
        for (const char* field : {"username", "role", "displayName", "disabled", "wards"})
            QVERIFY2(u.toObject().contains(QLatin1String(field)), field);
    QCOMPARE(users.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("nurse"));
    QCOMPARE(users.at(1).toObject().value(QStringLiteral("wards")).toArray(), QJsonArray{QStringLiteral("ward-3b")});
}

void TestCliJson::reconcileStatusJson()
{
    const CtlRun status = ctl(kAdmin, {QStringLiteral("reconcile"), QStringLiteral("status"), QStringLiteral("--json")}, kAdminPass);
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    const QJsonObject doc = json(status);
    QVERIFY(doc.value(QStringLiteral("downtimes")).isArray());
    QVERIFY(doc.value(QStringLiteral("conflicts")).isArray());
}

void TestCliJson::verifyJson()
{
    const CtlRun verify = ctl(kAdmin, {QStringLiteral("verify"), QStringLiteral("--json")}, kAdminPass);
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
    const QJsonObject doc = json(verify);
    for (const char* field : {"ok", "problems", "vaultIntegrity", "keySlots", "auditChain", "trustedKey", "exportedCheckpoints",
                              "checkpointSigning"})
        QVERIFY2(doc.contains(QLatin1String(field)), field);
    QCOMPARE(doc.value(QStringLiteral("ok")).toBool(), true);
    QVERIFY(doc.value(QStringLiteral("auditChain")).toObject().value(QStringLiteral("entries")).toInt() > 0);
    QCOMPARE(doc.value(QStringLiteral("keySlots")).toObject().value(QStringLiteral("slots")).toInt() >= 2, true);
}

void TestCliJson::configSetBounds_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("rule");
    QTest::newRow("interval INT_MAX") << QStringLiteral("mirror.interval") << QStringLiteral("2147483647") << QStringLiteral("from 1 to 86400");
    QTest::newRow("interval 0") << QStringLiteral("mirror.interval") << QStringLiteral("0") << QStringLiteral("from 1 to 86400");
    QTest::newRow("interval beyond int") << QStringLiteral("mirror.interval") << QStringLiteral("99999999999") << QStringLiteral("from 1 to 86400");
    QTest::newRow("timeout") << QStringLiteral("mirror.timeout") << QStringLiteral("3600") << QStringLiteral("from 1 to 600");
    QTest::newRow("heartbeat text") << QStringLiteral("mirror.heartbeat") << QStringLiteral("often") << QStringLiteral("from 1 to 3600");
    QTest::newRow("drop percent") << QStringLiteral("mirror.max_drop_percent") << QStringLiteral("101") << QStringLiteral("from 0 to 100");
    QTest::newRow("auth") << QStringLiteral("mirror.auth") << QStringLiteral("basic") << QStringLiteral("none, bearer or smart");
    QTest::newRow("bulk") << QStringLiteral("mirror.bulk") << QStringLiteral("yes") << QStringLiteral("on or off");
}

void TestCliJson::configSetBounds()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, rule);
    const CtlRun set = ctl(kAdmin, {QStringLiteral("config"), QStringLiteral("set"), key, value}, kAdminPass);
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains(key) && set.err.contains(rule), qPrintable(set.err));
}

void TestCliJson::configShowSaysWhereFrom()
{
    const CtlRun set = ctl(kAdmin, {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mirror.interval"), QStringLiteral("60")}, kAdminPass);
    QVERIFY2(set.exitCode == 0, qPrintable(set.err));
    const CtlRun show = ctl(kAdmin, {QStringLiteral("config"), QStringLiteral("show")}, kAdminPass);
    QCOMPARE(show.exitCode, 0);
    QVERIFY2(show.out.contains(QStringLiteral("mirror.interval = 60  [set in the vault; default: 10]\n")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("mirror.heartbeat = 15  [default]\n")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("mirror.auth = none  [default]\n")), qPrintable(show.out));
    QVERIFY2(show.out.contains(QStringLiteral("mirror.base_url =   [default]\n")), qPrintable(show.out));
}

QTEST_GUILESS_MAIN(TestCliJson)
#include "test_cli_json.moc"
