// The scenarios around people and settings: audit append, unlock, adding a
// user (row and key slot), a configuration change.

#include "IoFaultScenarios.h"

#include "IoFaultVaults.h"
#include "core/access/VaultAccess.h"
#include "core/vault/UserRepository.h"

#include <QStringList>

#include <optional>

namespace lantern::test {
namespace {

const QString kFaultPassphrase = QStringLiteral("Fault-injection-passphrase-2026");
const QString kAdminName = QStringLiteral("it.admin");
const QString kNurseName = QStringLiteral("n.fault");

// ---------------------------------------------------------------- audit append

class AuditAppendScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("audit append"); }
    bool setUp(QString& why) override { return m_vault.create(why); }
    Status run() override
    {
        LANTERN_TRY(m_vault.ensureOpen());
        m_vault.clock.advanceSecs(1);
        audit::AuditLog log(*m_vault.vault, m_vault.clock);
        auto entry = log.append({kNurseName, audit::AuditAction::ViewPatient, QStringLiteral("pat-1"),
                                 audit::AuditOutcome::Success, {}});
        if (!entry.ok())
            return entry.error();
        if (entry->seq != m_confirmed + 1)
            return Error(ErrorCode::Internal, QStringLiteral("audit entry got seq %1, expected %2").arg(entry->seq).arg(m_confirmed + 1));
        ++m_confirmed;
        return {};
    }
    void close() override { m_vault.vault.reset(); }
    bool verify(QString& why, int& lost) override
    {
        auto opened = m_vault.openFresh();
        if (!opened.ok()) {
            why = opened.error().message;
            return false;
        }
        auto count = vault::AuditRepository(**opened).entryCount();
        if (count.ok() && *count < m_confirmed)
            lost += static_cast<int>(m_confirmed - *count);
        return intactAndChained(**opened, m_vault.clock, m_confirmed, why);
    }

private:
    PlainVault m_vault;
    qint64 m_confirmed = 0;
};

// ---------------------------------------------------------------- unlock, users

// A vault folder made by VaultAccess (key slots, device key), with an admin and a nurse.
struct AccessVault
{
    QTemporaryDir dir;
    ManualClock clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    access::VaultAccess access{clock, keys::KdfParameters::minimumForTesting()};

    bool create(QString& why)
    {
        auto admin = access.initialise(dir.path(), kAdminName, QStringLiteral("IT Admin"), kFaultPassphrase);
        if (!admin.ok()) {
            why = admin.error().message;
            return false;
        }
        const access::User nurse{kNurseName, QStringLiteral("Nurse Fault"), access::Role::Nurse,
                                 {QStringLiteral("ward-3b")}, {}, false};
        const Status added = access.addUser(*admin, nurse, kFaultPassphrase);
        if (!added.ok())
            why = added.error().message;
        return added.ok();
    }
    // An unlock followed by its audit entry, as lanternctl and the desktop do it (fail closed).
    Result<access::Session> unlockAudited(const QString& user)
    {
        auto session = access.unlock(dir.path(), user, kFaultPassphrase);
        if (!session.ok())
            return session.error();
        audit::AuditLog log(session->vault(), clock);
        auto logged = log.append({user, audit::AuditAction::Unlock, {}, audit::AuditOutcome::Success, QStringLiteral("cli")});
        if (!logged.ok())
            return logged.error().prefixed(QStringLiteral("cannot write the audit log; refusing to continue"));
        return session;
    }
};

class UnlockScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("unlock"); }
    bool setUp(QString& why) override
    {
        if (!m_vault.create(why))
            return false;
        auto session = m_vault.access.unlock(m_vault.dir.path(), kNurseName, kFaultPassphrase);
        if (!session.ok()) {
            why = session.error().message;
            return false;
        }
        auto count = vault::AuditRepository(session->vault()).entryCount();
        m_baseAudit = count.ok() ? *count : 0;
        return true;
    }
    Status run() override
    {
        auto session = m_vault.unlockAudited(kNurseName);
        if (!session.ok())
            return session.error();
        ++m_confirmed;
        m_session.emplace(std::move(*session));
        return {};
    }
    void close() override { m_session.reset(); }
    bool verify(QString& why, int& lost) override
    {
        auto session = m_vault.access.unlock(m_vault.dir.path(), kNurseName, kFaultPassphrase);
        if (!session.ok()) {
            why = QStringLiteral("the nurse cannot unlock after the fault: ") + session.error().message;
            return false;
        }
        auto count = vault::AuditRepository(session->vault()).entryCount();
        if (count.ok() && *count < m_baseAudit + m_confirmed)
            lost += static_cast<int>(m_baseAudit + m_confirmed - *count);
        return intactAndChained(session->vault(), m_vault.clock, m_baseAudit + m_confirmed, why);
    }

private:
    AccessVault m_vault;
    std::optional<access::Session> m_session;
    qint64 m_baseAudit = 0;
    qint64 m_confirmed = 0;
};

class AddUserScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("add user (key slot)"); }
    bool setUp(QString& why) override { return m_vault.create(why); }
    Status run() override
    {
        if (!m_admin) {
            auto admin = m_vault.access.unlock(m_vault.dir.path(), kAdminName, kFaultPassphrase);
            if (!admin.ok())
                return admin.error();
            m_admin.emplace(std::move(*admin));
        }
        // A failed run is retried with the same name: adding again must replace what the failure left.
        const QString name = QStringLiteral("n.added%1").arg(m_confirmed.size());
        const access::User user{name, QStringLiteral("Added Nurse"), access::Role::Nurse, {QStringLiteral("ward-3b")}, {}, false};
        LANTERN_TRY(m_vault.access.addUser(*m_admin, user, kFaultPassphrase));
        m_confirmed.append(name);
        return {};
    }
    void close() override { m_admin.reset(); }
    bool verify(QString& why, int& lost) override
    {
        auto admin = m_vault.access.unlock(m_vault.dir.path(), kAdminName, kFaultPassphrase);
        if (!admin.ok()) {
            why = QStringLiteral("IT cannot unlock after the fault: ") + admin.error().message;
            return false;
        }
        vault::UserRepository users(admin->vault());
        for (const QString& name : std::as_const(m_confirmed)) {
            auto exists = users.exists(name);
            if (!exists.ok() || !*exists)
                ++lost;
        }
        auto all = users.all();
        if (lost || !all.ok() || all->size() != 2 + m_confirmed.size()) {
            why = QStringLiteral("%1 confirmed users missing, %2 users in the vault, %3 confirmed")
                      .arg(lost)
                      .arg(all.ok() ? all->size() : -1)
                      .arg(m_confirmed.size());
            return false;
        }
        // The newest user's key slot opens the vault: row and slot both arrived.
        if (!m_confirmed.isEmpty()) {
            auto newest = m_vault.access.unlock(m_vault.dir.path(), m_confirmed.last(), kFaultPassphrase);
            if (!newest.ok()) {
                why = QStringLiteral("the newest user cannot unlock: ") + newest.error().message;
                ++lost;
                return false;
            }
        }
        return intactAndChained(admin->vault(), m_vault.clock, -1, why);
    }

private:
    AccessVault m_vault;
    std::optional<access::Session> m_admin;
    QStringList m_confirmed;
};

// ---------------------------------------------------------------- configuration

class ConfigScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("config change"); }
    bool setUp(QString& why) override { return m_vault.create(why); }
    Status run() override
    {
        LANTERN_TRY(m_vault.ensureOpen());
        const QString value = QString::number(300 + m_attempts++);
        LANTERN_TRY(m_vault.vault->setMeta(kKey, value));
        m_confirmed = value;
        return {};
    }
    void close() override { m_vault.vault.reset(); }
    bool verify(QString& why, int& lost) override
    {
        auto opened = m_vault.openFresh();
        if (!opened.ok()) {
            why = opened.error().message;
            return false;
        }
        auto stored = (*opened)->meta(kKey);
        if (!stored.ok() || *stored != m_confirmed) {
            why = QStringLiteral("%1 is \"%2\", the last confirmed value is \"%3\"")
                      .arg(kKey, stored.ok() ? *stored : stored.error().message, m_confirmed);
            ++lost;
            return false;
        }
        return intactAndChained(**opened, m_vault.clock, -1, why);
    }

private:
    const QString kKey = QStringLiteral("mirror.interval");
    PlainVault m_vault;
    int m_attempts = 0;
    QString m_confirmed;
};

} // namespace

std::unique_ptr<IoFaultScenario> makeAuditAppendScenario() { return std::make_unique<AuditAppendScenario>(); }
std::unique_ptr<IoFaultScenario> makeUnlockScenario() { return std::make_unique<UnlockScenario>(); }
std::unique_ptr<IoFaultScenario> makeConfigScenario() { return std::make_unique<ConfigScenario>(); }
std::unique_ptr<IoFaultScenario> makeAddUserScenario() { return std::make_unique<AddUserScenario>(); }

} // namespace lantern::test
