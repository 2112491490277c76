// Roles and permissions, user validation and ward scope, the user repository in a
// real vault, and the idle-lock setting.

#include "TestSupport.h"
#include "core/access/Role.h"
#include "core/access/SessionPolicy.h"
#include "core/access/User.h"
#include "core/vault/UserRepository.h"
#include "core/vault/Vault.h"

#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::access;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

User makeUser(const QString& name, Role role, QStringList wards = {QStringLiteral("ward-3b")})
{
    return {name,
            QStringLiteral("Display ") + name,
            role,
            std::move(wards),
            QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC),
            false};
}

} // namespace

Q_DECLARE_METATYPE(lantern::access::Role)

class TestUsersRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void permissions_data();
    void permissions();
    void roleNamesRoundTrip();
    void usernameRules();
    void wardScope();
    void validation();
    void repositoryRoundTrip();
    void repositoryRefusesDuplicates();
    void repositoryDisableAndCount();
    void idleLockSetting();
};

void TestUsersRoles::permissions_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<bool>("record");
    QTest::addColumn<bool>("resolve");
    QTest::addColumn<bool>("breakGlass");
    QTest::addColumn<bool>("downtime");
    QTest::addColumn<bool>("manageUsers");
    QTest::newRow("nurse") << Role::Nurse << true << false << true << true << false;
    QTest::newRow("physician") << Role::Physician << true << true << true << true << false;
    QTest::newRow("it-admin") << Role::ItAdmin << false << false << false << true << true;
}

void TestUsersRoles::permissions()
{
    QFETCH(Role, role);
    QFETCH(bool, record);
    QFETCH(bool, resolve);
    QFETCH(bool, breakGlass);
    QFETCH(bool, downtime);
    QFETCH(bool, manageUsers);
    QCOMPARE(canRecord(role), record);
    QCOMPARE(hasPermission(role, Permission::ViewPatients), record); // who records is who reads
    QCOMPARE(canResolveConflicts(role), resolve);
    QCOMPARE(canBreakGlass(role), breakGlass);
    QCOMPARE(canDeclareDowntime(role), downtime);
    QCOMPARE(canManageUsers(role), manageUsers);
    QCOMPARE(hasPermission(role, Permission::ManageDevice), manageUsers);
}

void TestUsersRoles::roleNamesRoundTrip()
{
    for (Role r : {Role::Nurse, Role::Physician, Role::ItAdmin})
        QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
    QCOMPARE(roleName(Role::ItAdmin), QStringLiteral("it-admin"));
    QVERIFY(!roleFromName(QStringLiteral("superuser")).has_value());
}

void TestUsersRoles::usernameRules()
{
    for (const char* ok : {"anna", "anna.schmidt", "k9", "it-admin", "a_b"})
        QVERIFY2(User::isValidUsername(QString::fromLatin1(ok)), ok);
    for (const char* bad : {"", "Anna", ".anna", "anna schmidt", "anna/x", "-x"})
        QVERIFY2(!User::isValidUsername(QString::fromLatin1(bad)), bad);
    QVERIFY(!User::isValidUsername(QString(65, QLatin1Char('a'))));
    QVERIFY(!User::isValidUsername(QStringLiteral("\u0430nna"))); // Cyrillic a
}

void TestUsersRoles::wardScope()
{
    const User nurse =
        makeUser(QStringLiteral("kim"), Role::Nurse, {QStringLiteral("ward-3b"), QStringLiteral("ward-4a")});
    QVERIFY(nurse.coversWard(QStringLiteral("ward-4a")));
    QVERIFY(!nurse.coversWard(QStringLiteral("icu-1")));
    QVERIFY(makeUser(QStringLiteral("it"), Role::ItAdmin, {}).coversWard(QStringLiteral("icu-1")));
    User unscoped = makeUser(QStringLiteral("doc"), Role::Physician, {});
    QVERIFY(!unscoped.coversWard(QStringLiteral("icu-1")));
}

void TestUsersRoles::validation()
{
    QVERIFY_OK(makeUser(QStringLiteral("kim"), Role::Nurse).validate());
    QVERIFY_OK(makeUser(QStringLiteral("it"), Role::ItAdmin, {}).validate());
    // Only IT administrators may have no ward (meaning all).
    QCOMPARE(makeUser(QStringLiteral("kim"), Role::Nurse, {}).validate().error().code,
             ErrorCode::InvalidInput);
    QCOMPARE(makeUser(QStringLiteral("Kim"), Role::Nurse).validate().error().code, ErrorCode::InvalidInput);
    QCOMPARE(
        makeUser(QStringLiteral("kim"), Role::Nurse, {QStringLiteral("ward 3b")}).validate().error().code,
        ErrorCode::InvalidInput);
    User noName = makeUser(QStringLiteral("kim"), Role::Nurse);
    noName.displayName = QStringLiteral("  ");
    QCOMPARE(noName.validate().error().code, ErrorCode::InvalidInput);
}

void TestUsersRoles::repositoryRoundTrip()
{
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY_OK(vault);
    vault::UserRepository users(**vault);
    User kim =
        makeUser(QStringLiteral("kim"), Role::Nurse, {QStringLiteral("ward-3b"), QStringLiteral("ward-4a")});
    kim.displayName = QStringLiteral("Kim M\u00fcller");
    QVERIFY_OK(users.add(kim));
    QVERIFY_OK(users.add(makeUser(QStringLiteral("it"), Role::ItAdmin, {})));

    auto found = users.find(QStringLiteral("kim"));
    QVERIFY_OK(found);
    QCOMPARE(found->displayName, kim.displayName);
    QCOMPARE(found->role, Role::Nurse);
    QCOMPARE(found->wards, kim.wards);
    QCOMPARE(found->createdAt, kim.createdAt);
    QVERIFY(!found->disabled);
    QCOMPARE(users.find(QStringLiteral("nobody")).error().code, ErrorCode::NotFound);

    kim.role = Role::Physician;
    kim.wards = {QStringLiteral("icu-1")};
    QVERIFY_OK(users.update(kim));
    QCOMPARE(users.find(QStringLiteral("kim"))->role, Role::Physician);
    QCOMPARE(users.find(QStringLiteral("kim"))->wards, QStringList{QStringLiteral("icu-1")});
    QCOMPARE(users.update(makeUser(QStringLiteral("nobody"), Role::Nurse)).error().code, ErrorCode::NotFound);

    auto all = users.all();
    QVERIFY_OK(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).username, QStringLiteral("it"));
    QVERIFY(all->at(0).wards.isEmpty());
}

void TestUsersRoles::repositoryRefusesDuplicates()
{
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY_OK(vault);
    vault::UserRepository users(**vault);
    QVERIFY_OK(users.add(makeUser(QStringLiteral("kim"), Role::Nurse)));
    QCOMPARE(users.add(makeUser(QStringLiteral("kim"), Role::Physician)).error().code, ErrorCode::Conflict);
    QCOMPARE(users.add(makeUser(QStringLiteral("lee"), Role::Nurse, {})).error().code,
             ErrorCode::InvalidInput);
}

void TestUsersRoles::repositoryDisableAndCount()
{
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY_OK(vault);
    vault::UserRepository users(**vault);
    QVERIFY_OK(users.add(makeUser(QStringLiteral("it1"), Role::ItAdmin, {})));
    QVERIFY_OK(users.add(makeUser(QStringLiteral("it2"), Role::ItAdmin, {})));
    QVERIFY_OK(users.add(makeUser(QStringLiteral("kim"), Role::Nurse)));
    QCOMPARE(users.countEnabled(Role::ItAdmin).value(), 2);
    QVERIFY_OK(users.setDisabled(QStringLiteral("it2"), true));
    QCOMPARE(users.countEnabled(Role::ItAdmin).value(), 1);
    QVERIFY(users.find(QStringLiteral("it2"))->disabled);
    QVERIFY_OK(users.setDisabled(QStringLiteral("it2"), false));
    QCOMPARE(users.countEnabled(Role::ItAdmin).value(), 2);
    QCOMPARE(users.setDisabled(QStringLiteral("nobody"), true).error().code, ErrorCode::NotFound);
}

void TestUsersRoles::idleLockSetting()
{
    QTemporaryDir dir;
    auto vault = vault::Vault::create(dir.filePath(QStringLiteral("v.db")), test::fixedKey());
    QVERIFY_OK(vault);
    SessionPolicy policy(**vault);
    QCOMPARE(policy.idleLockSecs().value(), SessionPolicy::DefaultIdleLockSecs);
    QCOMPARE(SessionPolicy::DefaultIdleLockSecs, 120);
    QVERIFY_OK(policy.setIdleLockSecs(300));
    QCOMPARE(policy.idleLockSecs().value(), 300);
    QCOMPARE(policy.setIdleLockSecs(5).error().code, ErrorCode::InvalidInput);
    QCOMPARE(policy.setIdleLockSecs(24 * 3600).error().code, ErrorCode::InvalidInput);
    QCOMPARE(policy.idleLockSecs().value(), 300);
    QVERIFY_OK((*vault)->setMeta(QStringLiteral("session.idle_lock_secs"), QStringLiteral("soon")));
    QCOMPARE(policy.idleLockSecs().error().code, ErrorCode::Corrupt);
}

QTEST_GUILESS_MAIN(TestUsersRoles)
#include "test_users_roles.moc"
