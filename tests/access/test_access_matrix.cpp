// The access matrix: every action against every role (nurse, physician, IT
// administrator, and the device key) and every scope (a patient on the own
// ward, on another ward, on another ward with break-glass), through the one
// service every interface uses (access::PatientAccess) on a real vault. Each
// cell checks the verdict, whether data came back, and the audit entries it
// wrote. The table is printed (qInfo) for the record.
//
// Refusals are audited (outcome denied, coded why), so probing shows in the
// trail. Grants are audited before anything is read; where the operation audits
// itself in the transaction of its change (recording, conflict decisions,
// declaring a downtime) or per printed patient (printing), the service writes
// no second entry. Break-glass writes its own entry with the reason first.
//
// Fail closed: when the audit log cannot be written (a trigger makes the insert
// fail), nothing is returned and no glass stays broken.

#include "WardBundle.h"

#include "core/access/PatientAccess.h"
#include "core/access/VaultAccess.h"
#include "core/audit/AuditEvent.h"
#include "core/import/Importer.h"
#include "core/keys/KdfParameters.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::access;

namespace {

const QString kPass = QStringLiteral("Matrix-test-passphrase-2026");
const QString kOwn = QStringLiteral("p-a");   // on ward-a, the users' ward
const QString kOther = QStringLiteral("p-b"); // on ward-b

enum class Scope { OwnWard, OtherWard, OtherWardBreakGlass };

QString scopeName(Scope s)
{
    switch (s) {
    case Scope::OwnWard:
        return QStringLiteral("own ward");
    case Scope::OtherWard:
        return QStringLiteral("other ward");
    case Scope::OtherWardBreakGlass:
        return QStringLiteral("other+glass");
    }
    return {};
}

// What a cell came to: the verdict and the audit entries it wrote.
struct Cell
{
    QString verdict; // allow | glass (allowed by break-glass) | needs-glass | deny | error
    QStringList audit; // "action/outcome" per entry written
    bool dataReturned = false;
};

} // namespace

class TestAccessMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matrix();
    void censusListsOwnWardsOnly();
    void breakGlassLastsForTheSessionOnly();
    void disabledUserIsRefusedAtOnce();
    void failsClosedWhenTheAuditCannotBeWritten();
    void breakGlassReasons();

private:
    std::optional<Session> unlock(const QString& user);
    Cell run(const QString& roleName, Action action, Scope scope);
    QList<vault::AuditEntryRecord> entriesAfter(vault::Vault& vault, qint64 seq);
    qint64 head(vault::Vault& vault);

    ManualClock m_clock;
    QTemporaryDir m_dir;
    std::unique_ptr<VaultAccess> m_access;
    std::optional<Session> m_admin;
};

void TestAccessMatrix::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QLoggingCategory::setFilterRules(QStringLiteral("lantern.*.info=false\nlantern.*.debug=false")); // a clean table
    m_access = std::make_unique<VaultAccess>(m_clock, keys::KdfParameters::minimumForTesting());
    auto admin = m_access->initialise(m_dir.path(), QStringLiteral("it.admin"), QStringLiteral("IT Admin"), kPass);
    QVERIFY2(admin.ok(), admin.ok() ? "" : qPrintable(admin.error().message));
    m_admin.emplace(std::move(*admin));
    const auto add = [&](const QString& name, Role role) {
        User u{name, name, role, {QStringLiteral("ward-a")}, m_clock.now(), false};
        return m_access->addUser(*m_admin, u, kPass);
    };
    QVERIFY(add(QStringLiteral("nurse.a"), Role::Nurse).ok());
    QVERIFY(add(QStringLiteral("doc.a"), Role::Physician).ok());
    auto imported = import::Importer(m_admin->vault())
                        .importJson(test::wardBundle({{QStringLiteral("ward-a"), kOwn, QStringLiteral("MRN-A"), QStringLiteral("Ahrens")},
                                                      {QStringLiteral("ward-b"), kOther, QStringLiteral("MRN-B"), QStringLiteral("Brandt")}}),
                                    QStringLiteral("wards"));
    QVERIFY2(imported.ok() && imported->skipped == 0, imported.ok() ? "skipped" : qPrintable(imported.error().message));
}

std::optional<Session> TestAccessMatrix::unlock(const QString& user)
{
    auto session = m_access->unlock(m_dir.path(), user, kPass);
    if (!session.ok())
        return std::nullopt;
    return std::move(*session);
}

qint64 TestAccessMatrix::head(vault::Vault& vault)
{
    auto count = vault::AuditRepository(vault).entryCount();
    return count.ok() ? *count : -1;
}

QList<vault::AuditEntryRecord> TestAccessMatrix::entriesAfter(vault::Vault& vault, qint64 seq)
{
    auto entries = vault::AuditRepository(vault).readEntries(seq + 1, 100);
    return entries.ok() ? *entries : QList<vault::AuditEntryRecord>{};
}

Cell TestAccessMatrix::run(const QString& roleName, Action action, Scope scope)
{
    // A fresh session and service per cell: no break-glass carries over.
    std::optional<Session> session;
    std::unique_ptr<vault::Vault> deviceVault;
    std::optional<PatientAccess> gate;
    if (roleName == QLatin1String("device")) {
        auto v = m_access->unlockAsDevice(m_dir.path());
        if (!v.ok())
            return {QStringLiteral("error"), {}, false};
        deviceVault = std::move(*v);
        gate.emplace(PatientAccess::forDevice(*deviceVault, m_clock));
    } else {
        session = unlock(roleName);
        if (!session)
            return {QStringLiteral("error"), {}, false};
        gate.emplace(*session, m_clock);
    }
    vault::Vault& vault = session ? session->vault() : *deviceVault;
    const qint64 before = head(vault);

    const QString patient = isPatientAction(action) ? (scope == Scope::OwnWard ? kOwn : kOther) : QString();
    std::optional<BreakGlassReason> glass;
    if (scope == Scope::OtherWardBreakGlass)
        glass = BreakGlassReason{QStringLiteral("covering"), QStringLiteral("matrix")};

    Cell cell;
    Status outcome;
    if (action == Action::ShowChart) {
        auto chart = gate->chart(patient, glass);
        cell.dataReturned = chart.ok() && chart->patientId == patient;
        outcome = chart.ok() ? Status() : Status(chart.error());
    } else if (action == Action::ListPatients) {
        auto rows = gate->census();
        cell.dataReturned = rows.ok() && !rows->isEmpty();
        outcome = rows.ok() ? Status() : Status(rows.error());
    } else {
        auto granted = gate->authorize({action, patient, QStringLiteral("matrix"), glass, {}});
        outcome = granted.ok() ? Status() : Status(granted.error());
    }
    if (outcome.ok())
        cell.verdict = gate->glassBroken(patient) && !patient.isEmpty() ? QStringLiteral("glass") : QStringLiteral("allow");
    else if (outcome.error().code != ErrorCode::Denied)
        cell.verdict = QStringLiteral("error");
    else
        cell.verdict = gate->lastRefusal() == Refusal::NeedsBreakGlass ? QStringLiteral("needs-glass") : QStringLiteral("deny");

    for (const vault::AuditEntryRecord& e : entriesAfter(vault, before)) {
        cell.audit << e.action + QLatin1Char('/') + e.outcome;
        // Every entry names the actor and, for a patient action, the patient.
        if (e.actor != (session ? roleName : QStringLiteral("system")))
            cell.audit << QStringLiteral("WRONG-ACTOR");
        if (!patient.isEmpty() && e.patientId != patient)
            cell.audit << QStringLiteral("WRONG-PATIENT");
        if (e.action == audit::actionName(audit::AuditAction::BreakGlass) && e.detail != QStringLiteral("reason=covering text=matrix"))
            cell.audit << QStringLiteral("WRONG-REASON");
    }
    return cell;
}

void TestAccessMatrix::matrix()
{
    const QStringList roles{QStringLiteral("nurse.a"), QStringLiteral("doc.a"), QStringLiteral("it.admin"), QStringLiteral("device")};
    const QList<Scope> scopes{Scope::OwnWard, Scope::OtherWard, Scope::OtherWardBreakGlass};

    // The expected verdicts: the policy as written in AccessPolicy.h.
    const auto expected = [](const QString& role, Action action, Scope scope) -> QString {
        const bool clinical = role == QLatin1String("nurse.a") || role == QLatin1String("doc.a");
        const QString wardScoped = scope == Scope::OwnWard ? QStringLiteral("allow")
                                   : scope == Scope::OtherWard ? QStringLiteral("needs-glass")
                                                               : QStringLiteral("glass");
        switch (action) {
        case Action::ListPatients:
            return clinical ? QStringLiteral("allow") : QStringLiteral("deny");
        case Action::ShowChart:
        case Action::Print:
        case Action::RecordEntry:
            return clinical ? wardScoped : QStringLiteral("deny");
        case Action::DecideConflict:
            return role == QLatin1String("doc.a") ? QStringLiteral("allow") : QStringLiteral("deny");
        case Action::DeclareDowntime:
            return QStringLiteral("allow");
        case Action::ManageUsers:
            return role == QLatin1String("it.admin") ? QStringLiteral("allow") : QStringLiteral("deny");
        case Action::ChangeConfig:
        case Action::Import:
        case Action::Export:
            return clinical ? QStringLiteral("deny") : QStringLiteral("allow");
        case Action::RunDrill:
            // A drill is run by a named person of IT: not the ward, not the device key.
            return role == QLatin1String("it.admin") ? QStringLiteral("allow") : QStringLiteral("deny");
        }
        return {};
    };
    // The audit entries a cell writes, from its verdict.
    const auto expectedAudit = [](Action action, const QString& verdict) -> QStringList {
        const QString name = audit::actionName(auditActionFor(action));
        if (verdict == QLatin1String("deny") || verdict == QLatin1String("needs-glass"))
            return {name + QStringLiteral("/denied")};
        QStringList entries;
        if (verdict == QLatin1String("glass"))
            entries << QStringLiteral("break-glass/success");
        if (!auditedByOperation(action))
            entries << name + QStringLiteral("/success");
        return entries;
    };

    qInfo("%s", qPrintable(QStringLiteral("%1 | %2 | %3 | %4 | %5")
                               .arg(QStringLiteral("action"), -17)
                               .arg(QStringLiteral("nurse (own / other / other+glass)"), -38)
                               .arg(QStringLiteral("physician"), -38)
                               .arg(QStringLiteral("IT administrator"), -38)
                               .arg(QStringLiteral("device key"))));
    int failures = 0;
    for (Action action : allActions()) {
        QStringList columns;
        for (const QString& role : roles) {
            QStringList verdicts;
            for (Scope scope : scopes) {
                const Cell cell = run(role, action, scope);
                const QString want = expected(role, action, scope);
                const QStringList wantAudit = expectedAudit(action, want);
                const bool dataOk = (action != Action::ShowChart && action != Action::ListPatients) ||
                                    cell.dataReturned == (want == QLatin1String("allow") || want == QLatin1String("glass"));
                const bool ok = cell.verdict == want && cell.audit == wantAudit && dataOk;
                if (!ok) {
                    ++failures;
                    qWarning("%s / %s / %s: got %s audit [%s] data %d; want %s audit [%s]", qPrintable(actionName(action)),
                             qPrintable(role), qPrintable(scopeName(scope)), qPrintable(cell.verdict),
                             qPrintable(cell.audit.join(QStringLiteral(", "))), int(cell.dataReturned), qPrintable(want),
                             qPrintable(wantAudit.join(QStringLiteral(", "))));
                }
                verdicts << cell.verdict + (ok ? QString() : QStringLiteral("(!)"));
            }
            columns << verdicts.join(QStringLiteral(" / "));
        }
        qInfo("%s", qPrintable(QStringLiteral("%1 | %2 | %3 | %4 | %5")
                                   .arg(actionName(action), -17)
                                   .arg(columns[0], -38)
                                   .arg(columns[1], -38)
                                   .arg(columns[2], -38)
                                   .arg(columns[3])));
    }
    qInfo("allow: granted (audited first unless the operation audits itself: record-entry, decide-conflict, "
          "declare-downtime, print); glass: granted by break-glass (break-glass entry with the reason first); "
          "needs-glass: refused without a reason; deny: refused. Every refusal is audited as denied.");
    QCOMPARE(failures, 0);
}

void TestAccessMatrix::censusListsOwnWardsOnly()
{
    auto nurse = unlock(QStringLiteral("nurse.a"));
    QVERIFY(nurse);
    PatientAccess gate(*nurse, m_clock);
    auto rows = gate.census();
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().patientId, kOwn);
    auto list = gate.patientList();
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().id, kOwn);
    // The census is audited when first opened, not on every refresh; the list each time.
    const qint64 before = head(nurse->vault());
    QVERIFY(gate.census().ok());
    QCOMPARE(head(nurse->vault()), before);
    QVERIFY(gate.patientList().ok());
    const auto written = entriesAfter(nurse->vault(), before);
    QCOMPARE(written.size(), 1);
    QCOMPARE(written[0].action, audit::actionName(audit::AuditAction::ViewPatient));
    QCOMPARE(written[0].detail, QStringLiteral("patient-list"));
    QVERIFY(written[0].patientId.isEmpty());
}

void TestAccessMatrix::breakGlassLastsForTheSessionOnly()
{
    auto nurse = unlock(QStringLiteral("nurse.a"));
    QVERIFY(nurse);
    PatientAccess gate(*nurse, m_clock);
    QVERIFY(gate.chart(kOther, BreakGlassReason{QStringLiteral("emergency"), {}}).ok());
    const qint64 before = head(nurse->vault());
    // Again in the same session: no new reason, no second break-glass entry; the view is audited.
    QVERIFY(gate.chart(kOther).ok());
    QVERIFY(gate.authorize({Action::Print, kOther, QStringLiteral("mar"), {}, {}}).ok());
    const auto written = entriesAfter(nurse->vault(), before);
    QCOMPARE(written.size(), 1);
    QCOMPARE(written[0].action, audit::actionName(audit::AuditAction::ViewPatient));
    QVERIFY(gate.rowOf(kOther).has_value());
    // A new session starts with the glass whole.
    PatientAccess next(*nurse, m_clock);
    QCOMPARE(next.chart(kOther).error().code, ErrorCode::Denied);
    QCOMPARE(next.lastRefusal(), Refusal::NeedsBreakGlass);
    QVERIFY(!next.rowOf(kOther).has_value());
}

void TestAccessMatrix::disabledUserIsRefusedAtOnce()
{
    QVERIFY(m_access->addUser(*m_admin, User{QStringLiteral("nurse.gone"), QStringLiteral("Gone"), Role::Nurse,
                                             {QStringLiteral("ward-a")}, m_clock.now(), false},
                              kPass)
                .ok());
    auto nurse = unlock(QStringLiteral("nurse.gone"));
    QVERIFY(nurse);
    PatientAccess gate(*nurse, m_clock);
    QVERIFY(gate.chart(kOwn).ok());
    QVERIFY(m_access->disableUser(*m_admin, QStringLiteral("nurse.gone")).ok());
    auto refused = gate.chart(kOwn);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QCOMPARE(gate.lastRefusal(), Refusal::Disabled);
}

void TestAccessMatrix::failsClosedWhenTheAuditCannotBeWritten()
{
    auto nurse = unlock(QStringLiteral("nurse.a"));
    QVERIFY(nurse);
    QVERIFY(nurse->vault().db().exec(test::auditFailureTrigger()).ok());
    PatientAccess gate(*nurse, m_clock);
    auto chart = gate.chart(kOwn);
    QVERIFY2(!chart.ok(), "a chart came back although its audit entry could not be written");
    QVERIFY(chart.error().code != ErrorCode::Denied);
    QVERIFY2(chart.error().message.contains(QStringLiteral("audit")), qPrintable(chart.error().message));
    QVERIFY(!gate.census().ok());
    QVERIFY(!gate.patientList().ok());
    // Break-glass: neither the chart nor a broken glass remain.
    QVERIFY(!gate.chart(kOther, BreakGlassReason{QStringLiteral("emergency"), {}}).ok());
    QVERIFY(!gate.glassBroken(kOther));
    auto admin = unlock(QStringLiteral("it.admin"));
    QVERIFY(admin);
    QVERIFY(!PatientAccess(*admin, m_clock).authorize({Action::ChangeConfig, {}, QStringLiteral("set x"), {}, {}}).ok());
    QVERIFY(nurse->vault().db().exec(test::dropAuditFailureTrigger()).ok());
    QVERIFY(gate.chart(kOwn).ok());
}

void TestAccessMatrix::breakGlassReasons()
{
    auto parsed = BreakGlassReason::parse(QStringLiteral("Covering: night shift 4A"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->code, QStringLiteral("covering"));
    QCOMPARE(parsed->auditDetail(), QStringLiteral("reason=covering text=night shift 4A"));
    QCOMPARE(BreakGlassReason::parse(QStringLiteral("consultation"))->auditDetail(), QStringLiteral("reason=consult"));
    QCOMPARE(BreakGlassReason::parse(QStringLiteral("emergency"))->auditDetail(), QStringLiteral("reason=emergency"));
    QCOMPARE(BreakGlassReason::parse(QStringLiteral("because I can")).error().code, ErrorCode::InvalidInput);
    QCOMPARE(BreakGlassReason::parse(QString()).error().code, ErrorCode::InvalidInput);
    QCOMPARE(BreakGlassReason::parse(QStringLiteral("transfer ") + QString(200, QLatin1Char('x'))).error().code,
             ErrorCode::InvalidInput);
    // A line break cannot forge a second line in a text export of the chain.
    QCOMPARE(BreakGlassReason::parse(QStringLiteral("transfer: a\nb"))->text, QStringLiteral("a b"));
}

QTEST_GUILESS_MAIN(TestAccessMatrix)
#include "test_access_matrix.moc"
