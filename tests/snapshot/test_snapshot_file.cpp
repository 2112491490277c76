// Snapshot files between two real SQLCipher vaults, in process (the CLI has
// its own test): what is exported arrives, newer data and unreconciled entries
// at the recipient are never overwritten, and every kind of damage or misuse is
// refused with nothing changed in the recipient's vault.

#include "../access/WardBundle.h"
#include "TestSupport.h"

#include "core/common/AtomicFile.h"
#include "core/import/Importer.h"
#include "core/snapshot/DeviceIdentity.h"
#include "core/snapshot/SnapshotFormat.h"
#include "core/snapshot/SnapshotReader.h"
#include "core/snapshot/SnapshotWriter.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/TrustedDeviceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cerrno>
#include <cstring>

using namespace lantern;
using namespace lantern::snapshot;

namespace {

struct Device
{
    std::unique_ptr<vault::Vault> vault;
    DeviceIdentity identity = DeviceIdentity::generate();
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray medication(const QString& id, const QString& patient, int version, const QString& status)
{
    const QJsonObject r{{QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
                        {QStringLiteral("id"), id},
                        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("versionId"), QString::number(version)}}},
                        {QStringLiteral("status"), status},
                        {QStringLiteral("intent"), QStringLiteral("order")},
                        {QStringLiteral("medicationCodeableConcept"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Heparin")}}},
                        {QStringLiteral("subject"), QJsonObject{{QStringLiteral("reference"), QString(QStringLiteral("Patient/") + patient)}}}};
    return QJsonDocument(r).toJson(QJsonDocument::Compact);
}

record::RecordEntry noteEntry(const QString& patient, const QString& deviceId)
{
    record::RecordEntry e;
    e.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.kind = record::EntryKind::Note;
    e.patientId = patient;
    e.deviceId = deviceId;
    e.author = QStringLiteral("n.berger");
    e.recordedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
    e.clinicalTime = e.recordedAt;
    e.resource = QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("DocumentReference")},
                             {QStringLiteral("status"), QStringLiteral("current")}};
    return e;
}

// The file's chunks as (offset, length incl. its 4-byte length), from the format's framing.
QList<QPair<qsizetype, qsizetype>> chunksOf(const QByteArray& file)
{
    qsizetype at = magic().size();
    const quint32 headerLength = readU32(file.mid(at, 4));
    at += 4 + headerLength + kSignatureBytes;
    QList<QPair<qsizetype, qsizetype>> chunks;
    for (;;) {
        const quint32 n = readU32(file.mid(at, 4));
        if (n == 0)
            return chunks;
        chunks.append({at, 4 + static_cast<qsizetype>(n)});
        at += 4 + n;
    }
}

} // namespace

class TestSnapshotFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripBetweenTwoVaults();
    void neverOverwritesNewerDataOrEntries();
    void wardFilterTakesOnlyThoseWardsPatients();
    void everyFlippedByteIsRefused();
    void everyTruncationIsRefused();
    void replayAndOlderSnapshotsAreRefused();
    void untrustedSignerIsRefused();
    void nonRecipientIsRefused();
    void reorderedOrDroppedChunksAreRefused();
    void foreignFileIsRefused();
    void fullDiskLeavesNoFile();

private:
    Device makeDevice(const QString& name);
    QString exportFrom(Device& from, const QList<QByteArray>& recipients, const QString& name, int chunkSize = kDefaultChunkSize,
                       const QStringList& wards = {});
    // Refused, and the recipient's vault unchanged (resource count, signer sequence).
    void expectRefused(const QString& path, const QString& why);

    std::unique_ptr<QTemporaryDir> m_dir;
    Device m_a;
    Device m_b;
};

Device TestSnapshotFile::makeDevice(const QString& name)
{
    Device d;
    auto v = vault::Vault::create(m_dir->filePath(name + QStringLiteral(".db")), test::fixedKey(name == QLatin1String("a") ? 0x11 : 0x22));
    if (!v.ok())
        qFatal("vault: %s", qPrintable(v.error().message));
    d.vault = std::move(*v);
    return d;
}

void TestSnapshotFile::init()
{
    m_a = {};
    m_b = {};
    m_dir = std::make_unique<QTemporaryDir>();
    m_a = makeDevice(QStringLiteral("a"));
    m_b = makeDevice(QStringLiteral("b"));
    // B trusts A (IT checked A's key), A trusts B.
    QVERIFY(vault::TrustedDeviceRepository(m_b.vault->db())
                .trust({m_a.identity.publicKeyText(), QStringLiteral("PC A"), QStringLiteral("2026-03-01T08:00:00Z"), QStringLiteral("it")})
                .ok());
    QVERIFY(vault::TrustedDeviceRepository(m_a.vault->db())
                .trust({m_b.identity.publicKeyText(), QStringLiteral("PC B"), QStringLiteral("2026-03-01T08:00:00Z"), QStringLiteral("it")})
                .ok());
    import::Importer importer(*m_a.vault);
    auto loaded = importer.importJson(test::wardBundle({{QStringLiteral("ward-3b"), QStringLiteral("p-3b"), QStringLiteral("MRN-3B"), QStringLiteral("Ahrens")},
                                                        {QStringLiteral("ward-4a"), QStringLiteral("p-4a"), QStringLiteral("MRN-4A"), QStringLiteral("Brandt")}}));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
    QVERIFY(importer.importJson(medication(QStringLiteral("med-1"), QStringLiteral("p-3b"), 3, QStringLiteral("stopped"))).ok());
    QVERIFY(vault::OutboxRepository(m_a.vault->db()).append(noteEntry(QStringLiteral("p-3b"), QStringLiteral("vault-a"))).ok());
}

QString TestSnapshotFile::exportFrom(Device& from, const QList<QByteArray>& recipients, const QString& name, int chunkSize,
                                     const QStringList& wards)
{
    const QString path = m_dir->filePath(name);
    ExportOptions options;
    options.recipients = recipients;
    options.chunkSize = chunkSize;
    options.wards = wards;
    auto written = SnapshotWriter(*from.vault, from.identity).write(path, options);
    if (!written.ok())
        qWarning("export: %s", qPrintable(written.error().message));
    return written.ok() ? path : QString();
}

void TestSnapshotFile::expectRefused(const QString& path, const QString& why)
{
    vault::ResourceRepository resources(m_b.vault->db());
    const qint64 before = resources.count().value();
    const auto seqBefore = vault::TrustedDeviceRepository(m_b.vault->db()).lastImported(m_a.identity.publicKeyText()).value();
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY2(!imported.ok(), qPrintable(why + QStringLiteral(": was accepted")));
    QVERIFY2(!imported.error().message.isEmpty(), qPrintable(why));
    QCOMPARE(resources.count().value(), before);
    const auto seqAfter = vault::TrustedDeviceRepository(m_b.vault->db()).lastImported(m_a.identity.publicKeyText()).value();
    QCOMPARE(seqAfter.has_value(), seqBefore.has_value());
}

void TestSnapshotFile::roundTripBetweenTwoVaults()
{
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("a.snap"), 256);
    QVERIFY(!path.isEmpty());
    QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    // No patient data in the clear.
    QVERIFY(!test::fileContains(path, "Ahrens") && !test::fileContains(path, "MRN-3B") && !test::fileContains(path, "Heparin"));
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
    vault::ResourceRepository a(m_a.vault->db());
    vault::ResourceRepository b(m_b.vault->db());
    QCOMPARE(imported->resources, a.count().value());
    QCOMPARE(imported->stored, a.count().value());
    QCOMPARE(b.count().value(), a.count().value());
    for (const QString& type : {QStringLiteral("Patient"), QStringLiteral("Encounter"), QStringLiteral("Location"),
                                QStringLiteral("MedicationRequest")}) {
        const auto fromA = a.ofType(type).value();
        QVERIFY(!fromA.isEmpty());
        for (const vault::StoredResource& r : fromA) {
            const auto stored = b.get(type, r.id).value();
            QVERIFY2(stored.has_value(), qPrintable(type + QLatin1Char('/') + r.id));
            const vault::StoredResource copy = stored.value_or(vault::StoredResource{});
            QCOMPARE(copy.json, r.json); // verbatim
            QCOMPARE(copy.patientId, r.patientId);
        }
    }
    QCOMPARE(b.patients().value().size(), 2);
    QCOMPARE(imported->entries, 1);
    QCOMPARE(imported->entriesAdded, 1);
    const auto pending = vault::OutboxRepository(m_b.vault->db()).pending().value();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().entry.patientId, QStringLiteral("p-3b"));
    QCOMPARE(pending.first().entry.deviceId, QStringLiteral("vault-a"));
    const auto seq = vault::TrustedDeviceRepository(m_b.vault->db()).lastImported(m_a.identity.publicKeyText()).value();
    QVERIFY(seq.has_value());
    QCOMPARE(seq->lastSequence, imported->header.sequence);
}

void TestSnapshotFile::neverOverwritesNewerDataOrEntries()
{
    // B holds a newer version of the order (discontinued later) and its own copy of A's entry.
    import::Importer bImporter(*m_b.vault);
    QVERIFY(bImporter.importJson(medication(QStringLiteral("med-1"), QStringLiteral("p-3b"), 4, QStringLiteral("cancelled"))).ok());
    const auto aEntries = vault::OutboxRepository(m_a.vault->db()).pending().value();
    QCOMPARE(aEntries.size(), 1);
    record::RecordEntry own = noteEntry(QStringLiteral("p-3b"), QStringLiteral("vault-b"));
    QVERIFY(vault::OutboxRepository(m_b.vault->db()).append(own).ok());
    QVERIFY(vault::OutboxRepository(m_b.vault->db()).markConflict(own.uuid, record::ConflictReason::OrderChanged, QStringLiteral("v4"),
                                                                   QDateTime::currentDateTimeUtc()).ok());
    // A snapshot from A that also carries an entry with B's uuid in another state.
    QVERIFY(vault::OutboxRepository(m_a.vault->db()).append([&] { record::RecordEntry e = own; e.deviceId = QStringLiteral("vault-a"); return e; }()).ok());
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("a.snap"));
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
    QCOMPARE(imported->olderNotApplied, 1);
    const vault::StoredResource order =
        vault::ResourceRepository(m_b.vault->db()).get(QStringLiteral("MedicationRequest"), QStringLiteral("med-1")).value().value_or(vault::StoredResource{});
    QCOMPARE(order.versionId, QStringLiteral("4"));
    QCOMPARE(order.status, QStringLiteral("cancelled"));
    QCOMPARE(imported->entriesKnown, 1);
    QCOMPARE(imported->entriesAdded, 1);
    const record::OutboxItem kept = vault::OutboxRepository(m_b.vault->db()).item(own.uuid).value().value_or(record::OutboxItem{});
    QCOMPARE(kept.entry.deviceId, QStringLiteral("vault-b"));
    QCOMPARE(kept.state, record::EntryState::Conflict);
}

void TestSnapshotFile::wardFilterTakesOnlyThoseWardsPatients()
{
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("ward.snap"), kDefaultChunkSize,
                                    {QStringLiteral("ward-4a")});
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
    vault::ResourceRepository b(m_b.vault->db());
    QVERIFY(b.patient(QStringLiteral("p-4a")).value().has_value());
    QVERIFY(!b.patient(QStringLiteral("p-3b")).value().has_value());
    QVERIFY(!b.get(QStringLiteral("MedicationRequest"), QStringLiteral("med-1")).value().has_value());
    QVERIFY(b.get(QStringLiteral("Location"), QStringLiteral("ward-3b")).value().has_value()); // no patient's: travels
    QCOMPARE(imported->entries, 0); // the entry is p-3b's
    QCOMPARE(imported->header.wards, QStringList{QStringLiteral("ward-4a")});
}

void TestSnapshotFile::everyFlippedByteIsRefused()
{
    // A small snapshot of several chunks: one patient's ward and an empty outbox.
    Device small = makeDevice(QStringLiteral("small"));
    QVERIFY(vault::TrustedDeviceRepository(m_b.vault->db())
                .trust({small.identity.publicKeyText(), {}, QStringLiteral("2026-03-01T08:00:00Z"), QStringLiteral("it")})
                .ok());
    QVERIFY(import::Importer(*small.vault).importJson(medication(QStringLiteral("m"), QStringLiteral("p"), 1, QStringLiteral("active"))).ok());
    const QString path = exportFrom(small, {m_b.identity.publicKey()}, QStringLiteral("small.snap"), 64);
    const QByteArray good = readAll(path);
    QVERIFY(chunksOf(good).size() >= 3);
    const QString damaged = m_dir->filePath(QStringLiteral("flipped.snap"));
    for (qsizetype i = 0; i < good.size(); ++i) {
        QByteArray bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x01);
        QVERIFY(writeAll(damaged, bad));
        auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(damaged);
        QVERIFY2(!imported.ok(), qPrintable(QStringLiteral("byte %1 of %2 flipped was accepted").arg(i).arg(good.size())));
    }
    QCOMPARE(vault::ResourceRepository(m_b.vault->db()).count().value(), 0);
    QVERIFY(!vault::TrustedDeviceRepository(m_b.vault->db()).lastImported(small.identity.publicKeyText()).value().has_value());
    // The undamaged file still imports: the refusals were about the damage.
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY2(imported.ok(), imported.ok() ? "" : qPrintable(imported.error().message));
}

void TestSnapshotFile::everyTruncationIsRefused()
{
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("a.snap"), 512);
    const QByteArray good = readAll(path);
    const QString cut = m_dir->filePath(QStringLiteral("cut.snap"));
    for (qsizetype n = 0; n < good.size(); ++n) {
        QVERIFY(writeAll(cut, good.left(n)));
        auto verified = SnapshotReader(*m_b.vault, m_b.identity).verify(cut);
        QVERIFY2(!verified.ok(), qPrintable(QStringLiteral("the first %1 of %2 bytes were accepted").arg(n).arg(good.size())));
    }
    expectRefused(cut, QStringLiteral("the file without its last byte"));
    // Appended bytes are refused too.
    QVERIFY(writeAll(cut, good + QByteArray(1, '\0')));
    expectRefused(cut, QStringLiteral("a byte after the end"));
}

void TestSnapshotFile::replayAndOlderSnapshotsAreRefused()
{
    const QString first = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("1.snap"));
    const QString second = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("2.snap"));
    QVERIFY(SnapshotReader(*m_b.vault, m_b.identity).import(second).ok());
    expectRefused(second, QStringLiteral("the same snapshot again"));
    auto older = SnapshotReader(*m_b.vault, m_b.identity).import(first);
    QVERIFY(!older.ok());
    QVERIFY2(older.error().message.contains(QStringLiteral("replayed")), qPrintable(older.error().message));
    // Untrusting and trusting again keeps the sequence.
    vault::TrustedDeviceRepository trust(m_b.vault->db());
    QVERIFY(trust.untrust(m_a.identity.publicKeyText()).ok());
    QVERIFY(trust.trust({m_a.identity.publicKeyText(), {}, QStringLiteral("2026-03-02T08:00:00Z"), QStringLiteral("it")}).ok());
    QVERIFY(!SnapshotReader(*m_b.vault, m_b.identity).import(first).ok());
}

void TestSnapshotFile::untrustedSignerIsRefused()
{
    QVERIFY(vault::TrustedDeviceRepository(m_b.vault->db()).untrust(m_a.identity.publicKeyText()).ok());
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("a.snap"));
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error().message.contains(QStringLiteral("does not trust")), qPrintable(imported.error().message));
    QCOMPARE(vault::ResourceRepository(m_b.vault->db()).count().value(), 0);
    // A stranger that signs with its own key but claims A's public key fails the signature.
    Device stranger = makeDevice(QStringLiteral("stranger"));
    QVERIFY(vault::TrustedDeviceRepository(m_b.vault->db())
                .trust({m_a.identity.publicKeyText(), {}, QStringLiteral("2026-03-01T08:00:00Z"), QStringLiteral("it")}).ok());
    const QString forged = exportFrom(stranger, {m_b.identity.publicKey()}, QStringLiteral("forged.snap"));
    QByteArray bytes = readAll(forged);
    const QByteArray strangerKey = stranger.identity.publicKey().toBase64();
    QVERIFY(bytes.contains(strangerKey));
    bytes.replace(strangerKey, m_a.identity.publicKey().toBase64());
    QVERIFY(writeAll(forged, bytes));
    expectRefused(forged, QStringLiteral("a stranger's file claiming a trusted signer"));
}

void TestSnapshotFile::nonRecipientIsRefused()
{
    Device other = makeDevice(QStringLiteral("other"));
    const QString path = exportFrom(m_a, {other.identity.publicKey()}, QStringLiteral("a.snap"));
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error().message.contains(QStringLiteral("not a recipient")), qPrintable(imported.error().message));
    QCOMPARE(vault::ResourceRepository(m_b.vault->db()).count().value(), 0);
    // Several recipients: each can read it.
    const QString both = exportFrom(m_a, {other.identity.publicKey(), m_b.identity.publicKey()}, QStringLiteral("both.snap"));
    QVERIFY(SnapshotReader(*m_b.vault, m_b.identity).verify(both).ok());
}

void TestSnapshotFile::reorderedOrDroppedChunksAreRefused()
{
    const QString path = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("a.snap"), 128);
    const QByteArray good = readAll(path);
    const auto chunks = chunksOf(good);
    QVERIFY(chunks.size() >= 4);
    const QString bad = m_dir->filePath(QStringLiteral("bad.snap"));
    auto piece = [&](int i) { return good.mid(chunks[i].first, chunks[i].second); };
    const qsizetype body = chunks.first().first;
    const qsizetype tail = chunks.last().first + chunks.last().second;
    // Two chunks swapped.
    QByteArray swapped = good.left(body);
    for (int i = 0; i < chunks.size(); ++i)
        swapped += piece(i == 1 ? 2 : i == 2 ? 1 : i);
    QVERIFY(writeAll(bad, swapped + good.mid(tail)));
    expectRefused(bad, QStringLiteral("chunks 2 and 3 swapped"));
    // One chunk dropped from the middle.
    QByteArray dropped = good.left(body);
    for (int i = 0; i < chunks.size(); ++i)
        if (i != 1)
            dropped += piece(i);
    QVERIFY(writeAll(bad, dropped + good.mid(tail)));
    expectRefused(bad, QStringLiteral("chunk 2 dropped"));
    // The final chunk dropped, the end marker kept: no final tag.
    QByteArray noFinal = good.left(chunks.last().first) + good.mid(tail);
    QVERIFY(writeAll(bad, noFinal));
    auto refused = SnapshotReader(*m_b.vault, m_b.identity).import(bad);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("final tag")), qPrintable(refused.error().message));
    // A chunk repeated.
    QByteArray repeated = good.left(tail) ;
    repeated.insert(chunks[1].first, piece(1));
    QVERIFY(writeAll(bad, repeated + good.mid(tail)));
    expectRefused(bad, QStringLiteral("chunk 2 twice"));
}

void TestSnapshotFile::foreignFileIsRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeAll(path, QByteArrayLiteral("{\"resourceType\": \"Bundle\"}")));
    auto imported = SnapshotReader(*m_b.vault, m_b.identity).import(path);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.error().message.contains(QStringLiteral("not a Lantern snapshot")), qPrintable(imported.error().message));
    QVERIFY(!SnapshotReader(*m_b.vault, m_b.identity).import(m_dir->filePath(QStringLiteral("missing.snap"))).ok());
}

void TestSnapshotFile::fullDiskLeavesNoFile()
{
    // The disk fills up after the header, in the middle of the chunks (the
    // writer's fault hook answers ENOSPC as a full disk does).
    const QString path = m_dir->filePath(QStringLiteral("full.snap"));
    ExportOptions options;
    options.recipients = {m_b.identity.publicKey()};
    options.chunkSize = 256;
    setAtomicWriterDiskSpaceForTesting(2000);
    auto written = SnapshotWriter(*m_a.vault, m_a.identity).write(path, options);
    setAtomicWriterDiskSpaceForTesting(-1);
    QVERIFY(!written.ok());
    QVERIFY2(written.error().message.contains(QStringLiteral("no file was left behind")) &&
                 written.error().message.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
             qPrintable(written.error().message));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir->path()).entryList(QStringList{QStringLiteral(".full.snap*")}, QDir::Hidden | QDir::Files), QStringList());
    // With room again, the next export works and is newer.
    const QString next = exportFrom(m_a, {m_b.identity.publicKey()}, QStringLiteral("after.snap"));
    QVERIFY(!next.isEmpty());
    QVERIFY(SnapshotReader(*m_b.vault, m_b.identity).import(next).ok());
}

QTEST_GUILESS_MAIN(TestSnapshotFile)
#include "test_snapshot_file.moc"
