// The scenarios that write clinical data: a recorded downtime entry, an
// import, a mirror page.

#include "IoFaultScenarios.h"

#include "IoFaultVaults.h"
#include "RecordFixture.h"
#include "core/import/Importer.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "sync/mirror/MirrorWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace lantern::test {
namespace {

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

} // namespace

std::unique_ptr<IoFaultScenario> makeRecordEntryScenario() { return std::make_unique<RecordEntryScenario>(); }
std::unique_ptr<IoFaultScenario> makeImportScenario() { return std::make_unique<ImportScenario>(); }
std::unique_ptr<IoFaultScenario> makeMirrorPageScenario() { return std::make_unique<MirrorPageScenario>(); }

} // namespace lantern::test
