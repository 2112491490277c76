#include "IoFaultScenarios.h"

#include "RecordFixture.h"
#include "TestSupport.h"
#include "core/access/VaultAccess.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditSigningKey.h"
#include "core/common/Clock.h"
#include "core/import/Importer.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/UserRepository.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace lantern::test {
namespace {

const QString kFaultPassphrase = QStringLiteral("Fault-injection-passphrase-2026");
const QString kAdminName = QStringLiteral("it.admin");
const QString kNurseName = QStringLiteral("n.fault");

// The checks every scenario shares on a freshly opened vault.
bool intactAndChained(vault::Vault& vault, const Clock& clock, qint64 expectedAuditEntries, QString& why)
{
    const Status intact = vault.checkIntegrity();
    if (!intact.ok()) {
        why = intact.error().message;
        return false;
    }
    auto report = audit::AuditLog(vault, clock).verify();
    if (!report.ok() || !report->ok) {
        why = QStringLiteral("audit chain: ") + (report.ok() ? report->message : report.error().message);
        return false;
    }
    if (expectedAuditEntries >= 0) {
        auto count = vault::AuditRepository(vault).entryCount();
        if (!count.ok() || *count != expectedAuditEntries) {
            why = QStringLiteral("audit entries: %1, expected %2").arg(count.ok() ? *count : -1).arg(expectedAuditEntries);
            return false;
        }
    }
    return true;
}

// A vault opened with the tests' fixed key, for the scenarios that need no key slots.
struct PlainVault
{
    QTemporaryDir dir;
    ManualClock clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<vault::Vault> vault;

    QString path() const { return dir.filePath(QStringLiteral("vault.db")); }

    bool create(QString& why)
    {
        auto created = vault::Vault::create(path(), fixedKey());
        if (!created.ok()) {
            why = created.error().message;
            return false;
        }
        vault = std::move(*created);
        // The audit self-check reads the public key from the vault, as AuditKeyCustody records it.
        const QByteArray publicKey = audit::AuditSigningKey::generate().publicKey();
        return vault->setMeta(audit::publicKeyMetaKey(), QString::fromLatin1(publicKey.toBase64())).ok();
    }
    Status ensureOpen()
    {
        if (vault)
            return {};
        auto opened = vault::Vault::open(path(), fixedKey());
        if (!opened.ok())
            return opened.error();
        vault = std::move(*opened);
        return {};
    }
    Result<std::unique_ptr<vault::Vault>> openFresh() const { return vault::Vault::open(path(), fixedKey()); }
};

// ---------------------------------------------------------------- recording

class RecordEntryScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("record entry"); }
    bool setUp(QString& why) override
    {
        if (!m_fixture.create()) {
            why = QStringLiteral("the record fixture could not be created");
            return false;
        }
        vault::OutboxRepository outbox(m_fixture.vault->db());
        auto items = outbox.items();
        auto audit = vault::AuditRepository(*m_fixture.vault).entryCount();
        if (!items.ok() || !audit.ok()) {
            why = QStringLiteral("cannot count the fixture's entries");
            return false;
        }
        m_baseEntries = items->size();
        m_baseAudit = *audit;
        return true;
    }
    Status run() override
    {
        if (!m_fixture.vault) {
            auto opened = vault::Vault::open(m_fixture.path(), fixedKey());
            if (!opened.ok())
                return opened.error();
            m_fixture.vault = std::move(*opened);
        }
        m_fixture.clock.advanceSecs(1);
        record::Recorder recorder(*m_fixture.vault, kNurse, kDevice, kDowntime, m_fixture.clock);
        auto entry = recorder.recordNote({kPatient, record::NoteCategory::Nursing,
                                          QStringLiteral("fault note %1").arg(m_confirmed.size()), {}});
        if (!entry.ok())
            return entry.error();
        m_confirmed.append(entry->uuid);
        return {};
    }
    void close() override { m_fixture.close(); }
    bool verify(QString& why, int& lost) override
    {
        if (!m_fixture.reopen()) {
            why = QStringLiteral("the vault does not open after the fault");
            return false;
        }
        vault::OutboxRepository outbox(m_fixture.vault->db());
        for (const QString& uuid : std::as_const(m_confirmed)) {
            auto item = outbox.item(uuid);
            if (!item.ok() || !item->has_value())
                ++lost;
        }
        auto items = outbox.items();
        bool ok = items.ok() && lost == 0;
        if (ok && items->size() != m_baseEntries + m_confirmed.size()) {
            why = QStringLiteral("outbox holds %1 entries, %2 were confirmed (a failed recording was kept)")
                      .arg(items->size() - m_baseEntries)
                      .arg(m_confirmed.size());
            ok = false;
        }
        // One record-entry audit entry per confirmed note, in the same transaction.
        ok = ok && intactAndChained(*m_fixture.vault, m_fixture.clock, m_baseAudit + m_confirmed.size(), why);
        if (lost)
            why = QStringLiteral("%1 confirmed entries missing").arg(lost);
        m_fixture.close();
        return ok;
    }

private:
    RecordFixture m_fixture;
    QStringList m_confirmed;
    qsizetype m_baseEntries = 0;
    qint64 m_baseAudit = 0;
};

// ---------------------------------------------------------------- import

QByteArray patientBundle(const QString& patientId)
{
    const QJsonObject patient{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                              {QStringLiteral("id"), patientId},
                              {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("1")}}},
                              {QStringLiteral("gender"), QStringLiteral("female")},
                              {QStringLiteral("birthDate"), QStringLiteral("1950-01-01")}};
    const QJsonObject allergy{
        {QStringLiteral("resourceType"), QStringLiteral("AllergyIntolerance")},
        {QStringLiteral("id"), QString(patientId + QStringLiteral("-allergy"))},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QStringLiteral("1")}}},
        {QStringLiteral("code"), QJsonObject{{QStringLiteral("text"), QStringLiteral("penicillin")}}},
        {QStringLiteral("patient"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patientId)}}}};
    QJsonArray entries;
    for (const QJsonObject& resource : {patient, allergy})
        entries.append(QJsonObject{{QStringLiteral("resource"), resource}});
    const QJsonObject bundle{{QStringLiteral("resourceType"), QStringLiteral("Bundle")},
                             {QStringLiteral("type"), QStringLiteral("collection")},
                             {QStringLiteral("entry"), entries}};
    return QJsonDocument(bundle).toJson(QJsonDocument::Compact);
}

class ImportScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("import commit"); }
    bool setUp(QString& why) override { return m_vault.create(why); }
    Status run() override
    {
        LANTERN_TRY(m_vault.ensureOpen());
        const QString id = QStringLiteral("iof-%1").arg(m_confirmed.size());
        import::Importer importer(*m_vault.vault);
        auto report = importer.importJson(patientBundle(id), QStringLiteral("fault-bundle"));
        if (!report.ok())
            return report.error();
        // An ok report that stored less would be a failure swallowed.
        if (report->stored != 2)
            return Error(ErrorCode::Internal, QStringLiteral("import reported ok but stored %1 of 2 (problems: %2)")
                                                  .arg(report->stored)
                                                  .arg(report->problems.isEmpty() ? QString()
                                                                                  : report->problems.first().message));
        m_confirmed.append(id);
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
        vault::ResourceRepository resources((*opened)->db());
        for (const QString& id : std::as_const(m_confirmed)) {
            auto patient = resources.get(QStringLiteral("Patient"), id);
            auto allergy = resources.get(QStringLiteral("AllergyIntolerance"), id + QStringLiteral("-allergy"));
            if (!patient.ok() || !patient->has_value() || !allergy.ok() || !allergy->has_value())
                ++lost;
        }
        if (lost) {
            why = QStringLiteral("%1 confirmed imports missing").arg(lost);
            return false;
        }
        // A Bundle is one unit: a failed import left neither of its resources.
        auto patients = resources.count(QStringLiteral("Patient"));
        auto allergies = resources.count(QStringLiteral("AllergyIntolerance"));
        if (!patients.ok() || !allergies.ok() || *patients != m_confirmed.size() || *allergies != m_confirmed.size()) {
            why = QStringLiteral("vault holds %1 patients and %2 allergies, %3 imports were confirmed")
                      .arg(patients.ok() ? *patients : -1)
                      .arg(allergies.ok() ? *allergies : -1)
                      .arg(m_confirmed.size());
            return false;
        }
        return intactAndChained(**opened, m_vault.clock, -1, why);
    }

private:
    PlainVault m_vault;
    QStringList m_confirmed;
};

// ---------------------------------------------------------------- mirror page

// One page of the mirror engine: resources and the cursor that covers them, in one transaction.
class MirrorPageScenario : public IoFaultScenario
{
public:
    QString name() const override { return QStringLiteral("mirror page"); }
    bool setUp(QString& why) override { return m_vault.create(why); }
    Status run() override
    {
        LANTERN_TRY(m_vault.ensureOpen());
        const QString id = QStringLiteral("mir-%1").arg(m_confirmed.size());
        const QJsonObject bundle = QJsonDocument::fromJson(patientBundle(id)).object();
        QList<QJsonObject> page;
        for (const QJsonValue& entry : bundle.value(QLatin1String("entry")).toArray())
            page.append(entry.toObject().value(QLatin1String("resource")).toObject());
        const QDateTime cursor = m_base.addSecs(m_confirmed.size() + 1);
        // Kept across runs while the vault is open, as a mirror cycle keeps them
        // across pages: their cached statements must not carry a failure along.
        if (!m_writer) {
            m_mirror = std::make_unique<vault::MirrorRepository>(m_vault.vault->db());
            m_writer = std::make_unique<sync::MirrorWriter>(*m_vault.vault, *m_mirror);
        }
        sync::MirrorCycleReport report;
        LANTERN_TRY(m_writer->commitPage(page, {}, sync::ScopeFilter({id}, QDateTime()),
                                         [&] { return m_mirror->setCursor(kCursor, cursor); }, report));
        if (report.written != 2)
            return Error(ErrorCode::Internal, QStringLiteral("mirror page committed but wrote %1 of 2").arg(report.written));
        m_confirmed.append(id);
        m_cursor = cursor;
        return {};
    }
    void close() override
    {
        m_writer.reset();
        m_mirror.reset();
        m_vault.vault.reset();
    }
    bool verify(QString& why, int& lost) override
    {
        auto opened = m_vault.openFresh();
        if (!opened.ok()) {
            why = opened.error().message;
            return false;
        }
        vault::ResourceRepository resources((*opened)->db());
        for (const QString& id : std::as_const(m_confirmed)) {
            auto patient = resources.get(QStringLiteral("Patient"), id);
            if (!patient.ok() || !patient->has_value())
                ++lost;
        }
        auto patients = resources.count(QStringLiteral("Patient"));
        auto allergies = resources.count(QStringLiteral("AllergyIntolerance"));
        auto cursor = vault::MirrorRepository((*opened)->db()).cursor(kCursor);
        const bool cursorRight = cursor.ok() && cursor->has_value() && **cursor == m_cursor;
        if (lost || !patients.ok() || !allergies.ok() || *patients != m_confirmed.size() ||
            *allergies != m_confirmed.size() || !cursorRight) {
            why = QStringLiteral("%1 confirmed pages missing; %2 patients, %3 allergies for %4 pages; cursor %5")
                      .arg(lost)
                      .arg(patients.ok() ? *patients : -1)
                      .arg(allergies.ok() ? *allergies : -1)
                      .arg(m_confirmed.size())
                      .arg(cursorRight ? QStringLiteral("right") : QStringLiteral("not the last committed one"));
            return false;
        }
        return intactAndChained(**opened, m_vault.clock, -1, why);
    }

private:
    const QString kCursor = QStringLiteral("history:Patient");
    const QDateTime m_base{QDate(2026, 3, 1), QTime(8, 0), Qt::UTC};
    PlainVault m_vault;
    std::unique_ptr<vault::MirrorRepository> m_mirror;
    std::unique_ptr<sync::MirrorWriter> m_writer;
    QStringList m_confirmed;
    QDateTime m_cursor;
};

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

std::unique_ptr<IoFaultScenario> makeRecordEntryScenario() { return std::make_unique<RecordEntryScenario>(); }
std::unique_ptr<IoFaultScenario> makeImportScenario() { return std::make_unique<ImportScenario>(); }
std::unique_ptr<IoFaultScenario> makeMirrorPageScenario() { return std::make_unique<MirrorPageScenario>(); }
std::unique_ptr<IoFaultScenario> makeAuditAppendScenario() { return std::make_unique<AuditAppendScenario>(); }
std::unique_ptr<IoFaultScenario> makeUnlockScenario() { return std::make_unique<UnlockScenario>(); }
std::unique_ptr<IoFaultScenario> makeConfigScenario() { return std::make_unique<ConfigScenario>(); }
std::unique_ptr<IoFaultScenario> makeAddUserScenario() { return std::make_unique<AddUserScenario>(); }

} // namespace lantern::test
