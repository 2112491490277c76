#include "core/vault/UserRepository.h"

#include "core/vault/Vault.h"

namespace lantern::vault {
namespace {

// Location ids never contain spaces (FHIR id syntax), so a space-separated list is unambiguous.
QString joinWards(const QStringList& wards)
{
    return wards.join(QLatin1Char(' '));
}

QStringList splitWards(const QString& text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString isoTime(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

const QString SelectColumns =
    QStringLiteral("SELECT username, display_name, role, wards, created_at, disabled FROM app_user");

Result<access::User> userFromRow(const Statement& stmt)
{
    access::User user;
    user.username = stmt.text(0);
    user.displayName = stmt.text(1);
    const auto role = access::roleFromName(stmt.text(2));
    if (!role)
        return Error(ErrorCode::Corrupt,
                     QStringLiteral("the user %1 has an unknown role in the vault").arg(user.username));
    user.role = *role;
    user.wards = splitWards(stmt.text(3));
    user.createdAt = QDateTime::fromString(stmt.text(4), Qt::ISODateWithMs).toUTC();
    user.disabled = stmt.int64(5) != 0;
    return user;
}

Error noSuchUser(const QString& username)
{
    return {ErrorCode::NotFound, QStringLiteral("there is no user %1 in this vault").arg(username)};
}

} // namespace

Status UserRepository::add(const access::User& user)
{
    LANTERN_TRY(user.validate());
    if (!user.createdAt.isValid())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the user %1 has no creation time").arg(user.username));
    auto known = exists(user.username);
    if (!known.ok())
        return known.error();
    if (*known)
        return Error(ErrorCode::Conflict,
                     QStringLiteral("the username %1 is taken (usernames are never reused, "
                                    "also not after removal); choose another")
                         .arg(user.username));
    auto stmt =
        m_vault.db().prepare(QStringLiteral("INSERT INTO app_user (username, display_name, role, wards, "
                                            "created_at, disabled) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, user.username)
        .bind(2, user.displayName)
        .bind(3, access::roleName(user.role))
        .bind(4, joinWards(user.wards))
        .bind(5, isoTime(user.createdAt))
        .bind(6, user.disabled ? 1 : 0);
    return stmt->run();
}

Result<access::User> UserRepository::find(const QString& username)
{
    auto stmt = m_vault.db().prepare(SelectColumns + QStringLiteral(" WHERE username = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, username);
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    if (!*row)
        return noSuchUser(username);
    return userFromRow(*stmt);
}

Result<bool> UserRepository::exists(const QString& username)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("SELECT 1 FROM app_user WHERE username = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, username);
    return stmt->step();
}

Result<QList<access::User>> UserRepository::all()
{
    auto stmt = m_vault.db().prepare(SelectColumns + QStringLiteral(" ORDER BY username"));
    if (!stmt.ok())
        return stmt.error();
    QList<access::User> users;
    while (true) {
        auto row = stmt->step();
        if (!row.ok())
            return row.error();
        if (!*row)
            break;
        auto user = userFromRow(*stmt);
        if (!user.ok())
            return user.error();
        users.append(std::move(*user));
    }
    return users;
}

Status UserRepository::update(const access::User& user)
{
    LANTERN_TRY(user.validate());
    auto stmt = m_vault.db().prepare(
        QStringLiteral("UPDATE app_user SET display_name = ?, role = ?, wards = ? WHERE username = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, user.displayName)
        .bind(2, access::roleName(user.role))
        .bind(3, joinWards(user.wards))
        .bind(4, user.username);
    LANTERN_TRY(stmt->run());
    if (m_vault.db().changes() == 0)
        return noSuchUser(user.username);
    return {};
}

Status UserRepository::setDisabled(const QString& username, bool disabled)
{
    auto stmt = m_vault.db().prepare(QStringLiteral("UPDATE app_user SET disabled = ? WHERE username = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, disabled ? 1 : 0).bind(2, username);
    LANTERN_TRY(stmt->run());
    if (m_vault.db().changes() == 0)
        return noSuchUser(username);
    return {};
}

Result<int> UserRepository::countEnabled(access::Role role)
{
    auto stmt =
        m_vault.db().prepare(QStringLiteral("SELECT COUNT(*) FROM app_user WHERE role = ? AND disabled = 0"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, access::roleName(role));
    auto row = stmt->step();
    if (!row.ok())
        return row.error();
    return static_cast<int>(stmt->int64(0));
}

} // namespace lantern::vault
