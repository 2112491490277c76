// Tampering with the audit chain, as a person holding the unlocked vault could:
// every kind is detected and named — or, for the documented limits (tail
// truncation, a thief who also replaces the signing key), caught by an external anchor.

#include "AuditTestSupport.h"
#include "core/audit/AuditHash.h"
#include "core/vault/AuditRepository.h"

#include <sodium.h>

using namespace lantern;
using namespace lantern::audit;

class TestAuditTamper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editedFieldDetected_data();
    void editedFieldDetected();
    void editedAndRehashedDetectedByNextEntry();
    void editedAndRehashedDetectedByCheckpoint();
    void rewrittenTailDetectedByCheckpoint();
    void deletedEntryDetected();
    void swappedEntriesDetected();
    void forgedCheckpointSignatureDetected();
    void replacedPublicKeyDetected();
    void replacedSigningKeyDetectedOnlyByExternalKey();
    void changedVaultIdDetected();
    void truncationDetectedByCheckpointOrAnchor();
};

namespace {

// Rewrites entry `seq` as an attacker without the signing key would: new detail,
// hash recomputed so the entry is self-consistent.
bool rewriteEntry(test::AuditFixture& f, qint64 seq, const QString& detail, const QByteArray& prevHash = {})
{
    vault::AuditRepository repository(*f.vault);
    auto stored = repository.entry(seq);
    if (!stored.ok() || !stored->has_value())
        return false;
    AuditEntry entry = **stored;
    entry.detail = detail;
    if (!prevHash.isEmpty())
        entry.prevHash = prevHash;
    entry.hash = computeEntryHash(entry);
    auto stmt = f.vault->db().prepare(QStringLiteral("UPDATE audit_entry SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?"));
    if (!stmt.ok())
        return false;
    stmt->bind(1, detail).bindBlob(2, entry.prevHash).bindBlob(3, entry.hash).bind(4, seq);
    return stmt->run().ok();
}

struct Keypair
{
    QByteArray publicKey{crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized};
    SecureBuffer secretKey{crypto_sign_SECRETKEYBYTES};
    Keypair() { crypto_sign_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data()); }
    QByteArray sign(const QByteArray& message) const
    {
        QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
        crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                             reinterpret_cast<const unsigned char*>(message.constData()),
                             static_cast<unsigned long long>(message.size()), secretKey.data());
        return signature;
    }
};

// Re-signs every checkpoint with `key` and stores that key with them, as an attacker would.
bool resignCheckpoints(test::AuditFixture& f, const Keypair& key)
{
    auto checkpoints = f.log->checkpoints();
    if (!checkpoints.ok())
        return false;
    for (const AuditCheckpoint& c : std::as_const(*checkpoints)) {
        auto stmt = f.vault->db().prepare(
            QStringLiteral("UPDATE audit_checkpoint SET hash = ?, signature = ?, public_key = ? WHERE seq = ?"));
        if (!stmt.ok())
            return false;
        const QByteArray hash = f.entryHash(c.seq);
        stmt->bindBlob(1, hash).bindBlob(2, key.sign(checkpointMessage(c.seq, hash, c.time))).bindBlob(3, key.publicKey);
        stmt->bind(4, c.seq);
        if (!stmt->run().ok())
            return false;
    }
    return true;
}

#define VERIFY_BROKEN(expr, seq, fragment)                                                                   \
    do {                                                                                                     \
        const VerificationReport broken_ = (expr);                                                           \
        QVERIFY2(!broken_.ok, "tampering was not detected");                                                 \
        QVERIFY2(broken_.message.contains(fragment), qPrintable(broken_.message));                           \
        QCOMPARE(broken_.firstBadSeq, qint64(seq));                                                          \
    } while (false)

} // namespace

void TestAuditTamper::editedFieldDetected_data()
{
    QTest::addColumn<QString>("update");
    QTest::newRow("detail") << QStringLiteral("UPDATE audit_entry SET detail = 'nothing to see' WHERE seq = 42");
    QTest::newRow("actor") << QStringLiteral("UPDATE audit_entry SET actor = 'someone.else' WHERE seq = 42");
    QTest::newRow("time") << QStringLiteral("UPDATE audit_entry SET time = '2026-03-01T09:00:00.000Z' WHERE seq = 42");
    QTest::newRow("action") << QStringLiteral("UPDATE audit_entry SET action = CASE action WHEN 'lock' THEN 'unlock' ELSE 'lock' END WHERE seq = 42");
    QTest::newRow("patient_id") << QStringLiteral("UPDATE audit_entry SET patient_id = 'pat-x' WHERE seq = 42");
    QTest::newRow("outcome") << QStringLiteral("UPDATE audit_entry SET outcome = CASE outcome WHEN 'success' THEN 'denied' ELSE 'success' END WHERE seq = 42");
    QTest::newRow("prev_hash") << QStringLiteral("UPDATE audit_entry SET prev_hash = zeroblob(32) WHERE seq = 42");
    QTest::newRow("hash") << QStringLiteral("UPDATE audit_entry SET hash = zeroblob(32) WHERE seq = 42");
}

void TestAuditTamper::editedFieldDetected()
{
    QFETCH(QString, update);
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    QVERIFY(f.verify().ok);
    QVERIFY(f.sql(update));
    QCOMPARE(f.vault->db().changes(), 1);
    const VerificationReport report = f.verify();
    VERIFY_BROKEN(report, 42, QStringLiteral("entry 42 was altered (hash mismatch)"));
    QCOMPARE(report.entriesChecked, qint64(41));
}

void TestAuditTamper::editedAndRehashedDetectedByNextEntry()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    QVERIFY(rewriteEntry(f, 42, QStringLiteral("nothing to see")));
    VERIFY_BROKEN(f.verify(), 43, QStringLiteral("entry 43 does not link to entry 42 (prev_hash mismatch)"));
}

void TestAuditTamper::editedAndRehashedDetectedByCheckpoint()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    QVERIFY(rewriteEntry(f, 100, QStringLiteral("nothing to see")));
    VERIFY_BROKEN(f.verify(), 100, QStringLiteral("checkpoint 100 does not match entry 100"));
}

void TestAuditTamper::rewrittenTailDetectedByCheckpoint()
{
    // Every entry from 150 on rewritten and relinked: consistent as a hash chain,
    // but checkpoint 200 signed the original entry 200.
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));
    QByteArray prev = f.entryHash(149);
    for (qint64 seq = 150; seq <= 250; ++seq) {
        QVERIFY(rewriteEntry(f, seq, QStringLiteral("rewritten"), prev));
        prev = f.entryHash(seq);
    }
    VERIFY_BROKEN(f.verify(), 200, QStringLiteral("checkpoint 200 does not match entry 200"));
}

void TestAuditTamper::deletedEntryDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_entry WHERE seq = 17")));
    VERIFY_BROKEN(f.verify(), 17, QStringLiteral("entry 17 is missing"));

    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_entry WHERE seq BETWEEN 18 AND 20")));
    VERIFY_BROKEN(f.verify(), 17, QStringLiteral("entries 17 to 20 are missing"));

    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_entry WHERE seq = 1")));
    VERIFY_BROKEN(f.verify(), 1, QStringLiteral("entry 1 is missing"));
}

void TestAuditTamper::swappedEntriesDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(120));
    QVERIFY(f.sql(QStringLiteral("UPDATE audit_entry SET seq = -1 WHERE seq = 10")));
    QVERIFY(f.sql(QStringLiteral("UPDATE audit_entry SET seq = 10 WHERE seq = 11")));
    QVERIFY(f.sql(QStringLiteral("UPDATE audit_entry SET seq = 11 WHERE seq = -1")));
    VERIFY_BROKEN(f.verify(), 10, QStringLiteral("entry 10 was altered"));
}

void TestAuditTamper::forgedCheckpointSignatureDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));
    QVERIFY(f.sql(QStringLiteral("UPDATE audit_checkpoint SET signature = randomblob(64) WHERE seq = 200")));
    const VerificationReport forged = f.verify();
    VERIFY_BROKEN(forged, 200, QStringLiteral("checkpoint 200 signature invalid"));
    QCOMPARE(forged.checkpointsChecked, qint64(1));

    // A valid signature moved to another time no longer matches what was signed.
    test::AuditFixture g;
    QVERIFY(g.open());
    QVERIFY(g.appendMany(150));
    QVERIFY(g.sql(QStringLiteral("UPDATE audit_checkpoint SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 100")));
    VERIFY_BROKEN(g.verify(), 100, QStringLiteral("checkpoint 100 signature invalid"));
}

void TestAuditTamper::replacedPublicKeyDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));
    const Keypair attacker;

    // Only the stored public key swapped: it is not the device's key.
    auto stmt = f.vault->db().prepare(QStringLiteral("UPDATE audit_checkpoint SET public_key = ? WHERE seq = 100"));
    QVERIFY(stmt.ok());
    stmt->bindBlob(1, attacker.publicKey);
    QVERIFY(stmt->run().ok());
    VERIFY_BROKEN(f.verify(), 100, QStringLiteral("checkpoint 100 was signed by a key other than the trusted audit key"));

    // Entries rewritten, every checkpoint re-signed with the attacker's key, and the
    // recorded public key in meta replaced: the vault agrees with itself (the
    // documented limit of the self-check); IT's copy of the key disagrees.
    QVERIFY(rewriteEntry(f, 250, QStringLiteral("rewritten"), f.entryHash(249)));
    QVERIFY(resignCheckpoints(f, attacker));
    QVERIFY(f.vault->setMeta(QStringLiteral("audit_public_key"), QString::fromLatin1(attacker.publicKey.toBase64())).ok());
    QVERIFY(f.verify().ok);
    VerifyOptions trusted;
    trusted.trustedPublicKey = f.key.publicKey();
    VERIFY_BROKEN(f.verify(trusted), 100, QStringLiteral("checkpoint 100 was signed by a key other than the trusted audit key"));

    // Genuine checkpoints, but meta names the attacker's key: the self-check fails.
    test::AuditFixture g;
    QVERIFY(g.open());
    QVERIFY(g.appendMany(120));
    QVERIFY(g.vault->setMeta(QStringLiteral("audit_public_key"), QString::fromLatin1(attacker.publicKey.toBase64())).ok());
    VERIFY_BROKEN(g.verify(), 100, QStringLiteral("checkpoint 100 was signed by a key other than the trusted audit key"));

    // An old vault still holding its key in device_secret: meta must match that key.
    test::AuditFixture h;
    QVERIFY(h.open());
    QVERIFY(h.appendMany(120));
    vault::AuditRepository repository(*h.vault);
    QVERIFY(repository.putDeviceSecret(QStringLiteral("audit_signing_key"), h.key.seed()).ok());
    QVERIFY(h.verify().ok);
    QVERIFY(h.vault->setMeta(QStringLiteral("audit_public_key"), QString::fromLatin1(attacker.publicKey.toBase64())).ok());
    VERIFY_BROKEN(h.verify(), 0, QStringLiteral("public key recorded in the vault does not match"));
}

void TestAuditTamper::replacedSigningKeyDetectedOnlyByExternalKey()
{
    // The documented limit: with the unlocked vault and a key of their own, an
    // attacker can make the vault consistent with itself again (rewritten entries,
    // re-signed checkpoints, the recorded public key replaced). IT's public key,
    // kept off-device, still exposes it.
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(150));
    const QByteArray genuineKey = f.log->publicKey().value();

    const SecureBuffer seed = SecureBuffer::random(crypto_sign_SEEDBYTES);
    Keypair attacker;
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(attacker.publicKey.data()), attacker.secretKey.data(),
                             seed.data());
    QVERIFY(f.vault->setMeta(QStringLiteral("audit_public_key"), QString::fromLatin1(attacker.publicKey.toBase64())).ok());
    QVERIFY(rewriteEntry(f, 100, QStringLiteral("rewritten"), f.entryHash(99)));
    QByteArray prev = f.entryHash(100);
    for (qint64 seq = 101; seq <= 150; ++seq) {
        QVERIFY(rewriteEntry(f, seq, QStringLiteral("rewritten"), prev));
        prev = f.entryHash(seq);
    }
    QVERIFY(resignCheckpoints(f, attacker));
    QVERIFY2(f.verify().ok, "the attacker holding the signing key made the vault consistent (documented limit)");

    VerifyOptions anchored;
    anchored.trustedPublicKey = genuineKey;
    VERIFY_BROKEN(f.verify(anchored), 100, QStringLiteral("checkpoint 100 was signed by a key other than the trusted audit key"));
}

void TestAuditTamper::changedVaultIdDetected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(3));
    QVERIFY(f.vault->setMeta(QStringLiteral("vault_id"), QStringLiteral("00000000-0000-0000-0000-000000000000")).ok());
    VERIFY_BROKEN(f.verify(), 1, QStringLiteral("entry 1 does not start this vault's chain"));
}

void TestAuditTamper::truncationDetectedByCheckpointOrAnchor()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));
    auto anchor = f.log->checkpoint(f.key); // exported and kept off-device
    QVERIFY(anchor.ok());
    QCOMPARE(anchor->seq, qint64(250));
    VerifyOptions anchored;
    anchored.anchor = *anchor;
    QVERIFY(f.verify(anchored).ok);

    // Entries and the checkpoint after 200 removed: the remaining chain is consistent,
    // which is the documented limit of a chain without an external anchor ...
    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_checkpoint WHERE seq > 200")));
    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_entry WHERE seq > 240")));
    QVERIFY(f.verify().ok);
    // ... but the anchor shows the log once reached 250.
    VERIFY_BROKEN(f.verify(anchored), 241, QStringLiteral("external anchor covers entry 250"));

    // Cut back past a stored checkpoint without removing it: detected in the vault alone.
    QVERIFY(f.sql(QStringLiteral("DELETE FROM audit_entry WHERE seq > 150")));
    VERIFY_BROKEN(f.verify(), 151, QStringLiteral("checkpoint 200 refers to an entry that is missing"));
}

QTEST_GUILESS_MAIN(TestAuditTamper)
#include "test_audit_tamper.moc"
