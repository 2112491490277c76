// Defect 8 (issue 9): an older version of a resource imported after a newer
// one replaced it: a stopped heparin order showed as active again, a patient's
// name went back. One rule (import/VersionOrder) now decides for the importer
// and the mirror: by versionId where both are numbers, else by meta.lastUpdated;
// the same version keeps what is stored; a copy that cannot show it is newer does
// not replace one that can. Refused older versions are counted and reported.

#include "TestSupport.h"

#include "core/fhir/ResourceIndex.h"
#include "core/import/Importer.h"
#include "core/import/VersionOrder.h"
#include "sync/mirror/MirrorWriter.h"
#include "core/records/PatientRecords.h"
#include "core/vault/MirrorRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using import::VersionOrder;
using import::VersionVerdict;

namespace {

const QString kPatient = QStringLiteral("pat-v");
const QString kOrder = QStringLiteral("mr-heparin");

QJsonObject meta(const QString& versionId, const QString& lastUpdated)
{
    QJsonObject m;
    if (!versionId.isEmpty())
        m.insert(QStringLiteral("versionId"), versionId);
    if (!lastUpdated.isEmpty())
        m.insert(QStringLiteral("lastUpdated"), lastUpdated);
    return m;
}

QJsonObject heparinOrder(const QString& status, const QString& versionId, const QString& lastUpdated)
{
    QJsonObject order{
        {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
        {QStringLiteral("id"), kOrder},
        {QStringLiteral("status"), status},
        {QStringLiteral("intent"), QStringLiteral("order")},
        {QStringLiteral("medicationCodeableConcept"),
         QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), QStringLiteral("http://www.whocc.no/atc")},
                                                                      {QStringLiteral("code"), QStringLiteral("B01AB01")},
                                                                      {QStringLiteral("display"), QStringLiteral("Heparin")}}}},
                     {QStringLiteral("text"), QStringLiteral("Heparin 5000 IE s.c.")}}},
        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + kPatient)}}},
        {QStringLiteral("authoredOn"), QStringLiteral("2026-11-20T08:00:00+01:00")}};
    const QJsonObject m = meta(versionId, lastUpdated);
    if (!m.isEmpty())
        order.insert(QStringLiteral("meta"), m);
    return order;
}

QJsonObject patient(const QString& family, const QString& versionId, const QString& lastUpdated)
{
    QJsonObject p{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                  {QStringLiteral("id"), kPatient},
                  {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("use"), QStringLiteral("official")},
                                                                  {QStringLiteral("family"), family},
                                                                  {QStringLiteral("given"), QJsonArray{QStringLiteral("Anna")}}}}},
                  {QStringLiteral("gender"), QStringLiteral("female")},
                  {QStringLiteral("birthDate"), QStringLiteral("1950-03-02")}};
    const QJsonObject m = meta(versionId, lastUpdated);
    if (!m.isEmpty())
        p.insert(QStringLiteral("meta"), m);
    return p;
}

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSafetyVersionsOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void ruleOrdersByVersionThenLastUpdated_data();
    void ruleOrdersByVersionThenLastUpdated();
    void mirrorUsesTheSameRule();

    void olderOrderByVersionIdKeepsHeparinStopped();
    void olderOrderByLastUpdatedKeepsHeparinStopped_data();
    void olderOrderByLastUpdatedKeepsHeparinStopped();
    void olderPatientKeepsTheNewName();
    void equalVersionLeavesTheVaultUnchanged();
    void copyWithoutMetaDoesNotReplaceVersionedOne();
    void newerVersionStillReplaces();
    void olderVersionInOneBundleAfterTheNewer();
    void mirrorPageKeepsNewerAndCountsOlder();

private:
    QString orderStatus();
    QString storedVersion(const QString& type, const QString& id);
    import::ImportReport importOne(const QJsonObject& resource);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<vault::Vault> m_vault;
};

void TestSafetyVersionsOrder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto created = vault::Vault::create(m_dir->filePath(QStringLiteral("vault.db")), test::fixedKey());
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
    m_vault = std::move(*created);
}

void TestSafetyVersionsOrder::cleanup()
{
    m_vault.reset();
    m_dir.reset();
}

QString TestSafetyVersionsOrder::orderStatus()
{
    auto chart = records::PatientRecords(*m_vault).chart(kPatient);
    if (!chart.ok())
        return QStringLiteral("(no chart: %1)").arg(chart.error().message);
    for (const model::MedicationOrder& o : chart->orders)
        if (o.meta.id == kOrder)
            return o.status;
    return QStringLiteral("(order missing)");
}

QString TestSafetyVersionsOrder::storedVersion(const QString& type, const QString& id)
{
    auto stored = vault::ResourceRepository(m_vault->db()).get(type, id);
    return stored.ok() && stored->has_value() ? (*stored)->versionId : QStringLiteral("(none)");
}

import::ImportReport TestSafetyVersionsOrder::importOne(const QJsonObject& resource)
{
    auto report = import::Importer(*m_vault).importJson(json(resource), QStringLiteral("test"));
    if (!report.ok())
        qWarning("import failed: %s", qPrintable(report.error().message));
    return report.ok() ? *report : import::ImportReport{};
}

void TestSafetyVersionsOrder::ruleOrdersByVersionThenLastUpdated_data()
{
    QTest::addColumn<QString>("inVersion");
    QTest::addColumn<QString>("inUpdated");
    QTest::addColumn<QString>("storedVersion");
    QTest::addColumn<QString>("storedUpdated");
    QTest::addColumn<int>("verdict");
    const int newer = int(VersionVerdict::Newer), same = int(VersionVerdict::Same), older = int(VersionVerdict::Older);
    const QString t1 = QStringLiteral("2026-11-20T08:00:00Z"), t2 = QStringLiteral("2026-11-20T09:30:00.250+01:00");
    const QString t3 = QStringLiteral("2026-11-20T10:00:00+01:00");
    QTest::newRow("numeric newer") << "3" << t1 << "2" << t3 << newer; // the version wins over the clocks
    QTest::newRow("numeric older") << "2" << t3 << "3" << t1 << older;
    QTest::newRow("numeric 10 after 9") << "10" << QString() << "9" << QString() << newer;
    QTest::newRow("numeric equal") << "4" << t3 << "4" << t1 << same;
    QTest::newRow("no versions, later time") << QString() << t3 << QString() << t2 << newer;
    QTest::newRow("no versions, earlier time") << QString() << t2 << QString() << t3 << older;
    QTest::newRow("opaque versions, earlier time") << "W/\"b7\"" << t1 << "W/\"c9\"" << t2 << older;
    QTest::newRow("opaque versions, later time") << "W/\"b7\"" << t3 << "W/\"c9\"" << t2 << newer;
    QTest::newRow("one opaque, earlier time") << "2" << t1 << "abc" << t2 << older;
    QTest::newRow("equal instants in two offsets") << QString() << QStringLiteral("2026-11-20T09:00:00+01:00") << QString()
                                                   << QStringLiteral("2026-11-20T08:00:00Z") << same;
    QTest::newRow("same opaque version, no times") << "abc" << QString() << "abc" << QString() << same;
    QTest::newRow("different opaque, no times") << "abc" << QString() << "abd" << QString() << older;
    QTest::newRow("incoming without meta") << QString() << QString() << "2" << t1 << older;
    QTest::newRow("incoming without meta, stored time only") << QString() << QString() << QString() << t1 << older;
    QTest::newRow("stored without meta") << "1" << t1 << QString() << QString() << newer;
    QTest::newRow("neither has meta") << QString() << QString() << QString() << QString() << newer;
    QTest::newRow("unreadable incoming time") << QString() << QStringLiteral("yesterday") << QString() << t1 << older;
}

void TestSafetyVersionsOrder::ruleOrdersByVersionThenLastUpdated()
{
    QFETCH(QString, inVersion);
    QFETCH(QString, inUpdated);
    QFETCH(QString, storedVersion);
    QFETCH(QString, storedUpdated);
    QFETCH(int, verdict);
    QCOMPARE(int(VersionOrder::compare({inVersion, inUpdated}, {storedVersion, storedUpdated})), verdict);
    QCOMPARE(VersionOrder::replaces({inVersion, inUpdated}, {storedVersion, storedUpdated}),
             verdict == int(VersionVerdict::Newer));
}

void TestSafetyVersionsOrder::mirrorUsesTheSameRule()
{
    const QStringList versions{QString(), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("abc")};
    const QStringList times{QString(), QStringLiteral("2026-11-20T08:00:00Z"), QStringLiteral("2026-11-20T09:00:00Z")};
    for (const QString& iv : versions)
        for (const QString& it : times)
            for (const QString& sv : versions)
                for (const QString& st : times)
                    QCOMPARE(sync::MirrorWriter::isNewer(iv, it, sv, st), VersionOrder::replaces({iv, it}, {sv, st}));
    // The mirror used to take an incoming copy whenever one side had no usable time.
    QVERIFY(!sync::MirrorWriter::isNewer(QStringLiteral("abc"), QString(), QStringLiteral("abd"),
                                         QStringLiteral("2026-11-20T09:00:00Z")));
}

void TestSafetyVersionsOrder::olderOrderByVersionIdKeepsHeparinStopped()
{
    QCOMPARE(importOne(patient(QStringLiteral("Weber"), QStringLiteral("1"), {})).stored, qint64(1));
    QCOMPARE(importOne(heparinOrder(QStringLiteral("stopped"), QStringLiteral("2"), {})).stored, qint64(1));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));

    // Version 1 (still active) arrives late, e.g. from an older export.
    const import::ImportReport report = importOne(heparinOrder(QStringLiteral("active"), QStringLiteral("1"), {}));
    QCOMPARE(report.read, qint64(1));
    QCOMPARE(report.stored, qint64(0));
    QCOMPARE(report.olderNotApplied, qint64(1));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
    QCOMPARE(storedVersion(QStringLiteral("MedicationRequest"), kOrder), QStringLiteral("2"));
}

void TestSafetyVersionsOrder::olderOrderByLastUpdatedKeepsHeparinStopped_data()
{
    QTest::addColumn<QString>("newerVersion");
    QTest::addColumn<QString>("olderVersion");
    QTest::newRow("versionIds absent") << QString() << QString();
    QTest::newRow("versionIds opaque") << QStringLiteral("W/\"0f3c\"") << QStringLiteral("W/\"a911\"");
}

void TestSafetyVersionsOrder::olderOrderByLastUpdatedKeepsHeparinStopped()
{
    QFETCH(QString, newerVersion);
    QFETCH(QString, olderVersion);
    importOne(patient(QStringLiteral("Weber"), {}, {}));
    // Stopped at 10:15 Berlin time (09:15 UTC); the active copy is from 08:00 UTC.
    QCOMPARE(importOne(heparinOrder(QStringLiteral("stopped"), newerVersion, QStringLiteral("2026-11-20T10:15:00+01:00"))).stored,
             qint64(1));
    const import::ImportReport report =
        importOne(heparinOrder(QStringLiteral("active"), olderVersion, QStringLiteral("2026-11-20T08:00:00.000Z")));
    QCOMPARE(report.stored, qint64(0));
    QCOMPARE(report.olderNotApplied, qint64(1));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
}

void TestSafetyVersionsOrder::olderPatientKeepsTheNewName()
{
    QCOMPARE(importOne(patient(QStringLiteral("Weber-Schulz"), QStringLiteral("5"), {})).stored, qint64(1));
    const import::ImportReport report = importOne(patient(QStringLiteral("Weber"), QStringLiteral("4"), {}));
    QCOMPARE(report.olderNotApplied, qint64(1));
    QVERIFY(report.patientIds.isEmpty()); // nothing of the patient changed

    auto chart = records::PatientRecords(*m_vault).chart(kPatient);
    QVERIFY(chart.ok() && chart->patient);
    QCOMPARE(chart->patient->name().family, QStringLiteral("Weber-Schulz"));
    // The census and the patient list read patient_index: it keeps the new name too.
    auto row = vault::ResourceRepository(m_vault->db()).patient(kPatient);
    QVERIFY(row.ok() && row->has_value());
    QCOMPARE((*row)->family, QStringLiteral("Weber-Schulz"));
}

void TestSafetyVersionsOrder::equalVersionLeavesTheVaultUnchanged()
{
    importOne(patient(QStringLiteral("Weber"), QStringLiteral("1"), {}));
    importOne(heparinOrder(QStringLiteral("stopped"), QStringLiteral("2"), QStringLiteral("2026-11-20T09:00:00Z")));
    auto before = vault::ResourceRepository(m_vault->db()).get(QStringLiteral("MedicationRequest"), kOrder);
    QVERIFY(before.ok() && before->has_value());

    // The same version with different content (a foreign copy): what is stored stays.
    const import::ImportReport report =
        importOne(heparinOrder(QStringLiteral("active"), QStringLiteral("2"), QStringLiteral("2026-11-20T09:00:00Z")));
    QCOMPARE(report.stored, qint64(0));
    QCOMPARE(report.unchanged, qint64(1));
    QCOMPARE(report.olderNotApplied, qint64(0));
    auto after = vault::ResourceRepository(m_vault->db()).get(QStringLiteral("MedicationRequest"), kOrder);
    QCOMPARE((*after)->json, (*before)->json);
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
}

void TestSafetyVersionsOrder::copyWithoutMetaDoesNotReplaceVersionedOne()
{
    importOne(patient(QStringLiteral("Weber"), {}, {}));
    importOne(heparinOrder(QStringLiteral("stopped"), QStringLiteral("7"), QStringLiteral("2026-11-20T09:00:00Z")));
    const import::ImportReport report = importOne(heparinOrder(QStringLiteral("active"), {}, {}));
    QCOMPARE(report.olderNotApplied, qint64(1));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
}

void TestSafetyVersionsOrder::newerVersionStillReplaces()
{
    // Files without meta (Synthea) stay re-importable, and a newer version is applied.
    QCOMPARE(importOne(patient(QStringLiteral("Weber"), {}, {})).stored, qint64(1));
    QCOMPARE(importOne(patient(QStringLiteral("Weber-Schulz"), {}, {})).stored, qint64(1));
    QCOMPARE(importOne(heparinOrder(QStringLiteral("active"), QStringLiteral("1"), {})).stored, qint64(1));
    const import::ImportReport report = importOne(heparinOrder(QStringLiteral("stopped"), QStringLiteral("2"), {}));
    QCOMPARE(report.stored, qint64(1));
    QCOMPARE(report.olderNotApplied, qint64(0));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
    auto chart = records::PatientRecords(*m_vault).chart(kPatient);
    QCOMPARE(chart->patient->name().family, QStringLiteral("Weber-Schulz"));
}

void TestSafetyVersionsOrder::olderVersionInOneBundleAfterTheNewer()
{
    // A history bundle, newest first: one unit, the older entry must not win by coming last.
    const QJsonObject bundle{
        {QStringLiteral("resourceType"), QStringLiteral("Bundle")},
        {QStringLiteral("type"), QStringLiteral("collection")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{{QStringLiteral("resource"), patient(QStringLiteral("Weber"), QStringLiteral("1"), {})}},
                    QJsonObject{{QStringLiteral("resource"), heparinOrder(QStringLiteral("stopped"), QStringLiteral("3"), {})}},
                    QJsonObject{{QStringLiteral("resource"), heparinOrder(QStringLiteral("active"), QStringLiteral("2"), {})}},
                    QJsonObject{{QStringLiteral("resource"), heparinOrder(QStringLiteral("active"), QStringLiteral("1"), {})}}}}};
    auto report = import::Importer(*m_vault).importJson(json(bundle), QStringLiteral("history"));
    QVERIFY(report.ok());
    QCOMPARE(report->stored, qint64(2));
    QCOMPARE(report->olderNotApplied, qint64(2));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
}

void TestSafetyVersionsOrder::mirrorPageKeepsNewerAndCountsOlder()
{
    vault::MirrorRepository mirror(m_vault->db());
    sync::MirrorWriter writer(*m_vault, mirror);
    const sync::ScopeFilter filter({kPatient}, QDateTime());
    sync::MirrorCycleReport report;
    const QList<QJsonObject> first{patient(QStringLiteral("Weber-Schulz"), QStringLiteral("5"), QStringLiteral("2026-11-20T09:00:00Z")),
                                   heparinOrder(QStringLiteral("stopped"), QStringLiteral("2"), QStringLiteral("2026-11-20T09:00:00Z"))};
    QVERIFY(writer.commitPage(first, {}, filter, {}, report).ok());
    QCOMPARE(report.written, qint64(2));

    // A later page (a _history or a stale search replica) brings the older versions.
    sync::MirrorCycleReport second;
    const QList<QJsonObject> stale{patient(QStringLiteral("Weber"), QStringLiteral("4"), QStringLiteral("2026-11-20T07:00:00Z")),
                                   heparinOrder(QStringLiteral("active"), QStringLiteral("1"), QStringLiteral("2026-11-20T08:00:00Z")),
                                   heparinOrder(QStringLiteral("stopped"), QStringLiteral("2"), QStringLiteral("2026-11-20T09:00:00Z"))};
    QVERIFY(writer.commitPage(stale, {}, filter, {}, second).ok());
    QCOMPARE(second.written, qint64(0));
    QCOMPARE(second.olderNotApplied, qint64(2));
    QCOMPARE(second.unchanged, qint64(1));
    QCOMPARE(orderStatus(), QStringLiteral("stopped"));
    auto row = vault::ResourceRepository(m_vault->db()).patient(kPatient);
    QCOMPARE((*row)->family, QStringLiteral("Weber-Schulz"));
}

QTEST_GUILESS_MAIN(TestSafetyVersionsOrder)
#include "test_safety_versions_order.moc"
