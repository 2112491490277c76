// The audit chain: appends verify with automatic and on-demand checkpoints,
// entries take their time from the Clock, bad events are refused, and an append
// joins the caller's transaction. Tampering is in test_audit_tamper.cpp.

#include "AuditTestSupport.h"
#include "core/audit/AuditHash.h"
#include "core/audit/AuditSigningKey.h"
#include "core/vault/AuditRepository.h"

using namespace lantern;
using namespace lantern::audit;

class TestAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAndVerifyWithAutomaticCheckpoints();
    void entryFieldsComeFromEventAndClock();
    void invalidEventsRejected();
    void chainContinuesAfterReopen();
    void appendJoinsCallersTransaction();
    void onDemandCheckpoint();
};

void TestAudit::appendAndVerifyWithAutomaticCheckpoints()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    QVERIFY(f.appendMany(250));

    const VerificationReport report = f.verify();
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.entriesChecked, qint64(250));
    QCOMPARE(report.checkpointsChecked, qint64(2));
    QCOMPARE(report.lastSeq, qint64(250));
    QCOMPARE(report.lastCheckpointSeq, qint64(200));
    QCOMPARE(report.lastHash, f.entryHash(250));
    QCOMPARE(report.firstBadSeq, qint64(0));
    QVERIFY2(report.message.contains(QStringLiteral("after 200")), qPrintable(report.message));

    auto checkpoints = f.log->checkpoints();
    QVERIFY(checkpoints.ok());
    QCOMPARE(checkpoints->size(), 2);
    QCOMPARE(checkpoints->at(0).seq, qint64(100));
    QCOMPARE(checkpoints->at(1).seq, qint64(200));
    QCOMPARE(checkpoints->at(1).hash, f.entryHash(200));

    // The public key recorded in vault meta is the one checkpoints carry.
    auto publicKey = f.log->publicKey();
    QVERIFY(publicKey.ok());
    QCOMPARE(publicKey->size(), kPublicKeyBytes);
    QCOMPARE(checkpoints->at(0).publicKey, *publicKey);
    QCOMPARE(*publicKey, f.key.publicKey());
    // Appending never needs or stores the signing key: no device secret in the vault.
    vault::AuditRepository repository(*f.vault);
    auto seed = repository.deviceSecret(QStringLiteral("audit_signing_key"));
    QVERIFY(seed.ok());
    QVERIFY(seed->isEmpty());
}

void TestAudit::entryFieldsComeFromEventAndClock()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    AuditEvent event;
    event.actor = QStringLiteral("nurse.a");
    event.action = AuditAction::ViewPatient;
    event.patientId = QStringLiteral("pat-1");
    event.detail = QStringLiteral("emergency sheet");
    auto first = f.log->append(event);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
    QCOMPARE(first->seq, qint64(1));
    QCOMPARE(first->time, QStringLiteral("2026-03-01T08:00:00.000Z"));
    QCOMPARE(first->action, QStringLiteral("view-patient"));
    QCOMPARE(first->outcome, QStringLiteral("success"));
    QCOMPARE(first->prevHash, genesisHash(f.vault->meta(QStringLiteral("vault_id")).value()));
    QCOMPARE(first->hash, computeEntryHash(*first));

    f.clock.advanceMSecs(1500);
    event.patientId.clear();
    event.action = AuditAction::Lock;
    event.outcome = AuditOutcome::Denied;
    auto second = f.log->append(event);
    QVERIFY(second.ok());
    QCOMPARE(second->seq, qint64(2));
    QCOMPARE(second->time, QStringLiteral("2026-03-01T08:00:01.500Z"));
    QCOMPARE(second->prevHash, first->hash);
    QCOMPARE(second->outcome, QStringLiteral("denied"));

    auto head = f.log->head();
    QVERIFY(head.ok() && head->has_value());
    QCOMPARE((*head)->seq, qint64(2));
    QVERIFY((*head)->patientId.isEmpty());
    QCOMPARE((*head)->detail, QStringLiteral("emergency sheet"));
    QVERIFY(f.verify().ok);

    // Wire names round-trip, so stored actions stay readable.
    for (int a = int(AuditAction::Unlock); a <= int(AuditAction::Verify); ++a)
        QCOMPARE(actionFromName(actionName(AuditAction(a))), std::optional<AuditAction>(AuditAction(a)));
}

void TestAudit::invalidEventsRejected()
{
    test::AuditFixture f;
    QVERIFY(f.open());
    AuditEvent noActor;
    QCOMPARE(f.log->append(noActor).error().code, ErrorCode::InvalidInput);

    AuditEvent badPatient = test::AuditFixture::event(1);
    badPatient.patientId = QStringLiteral("Patient/../x y");
    QCOMPARE(f.log->append(badPatient).error().code, ErrorCode::InvalidInput);

    AuditEvent newline = test::AuditFixture::event(1);
    newline.detail = QStringLiteral("ok\nforged line");
    QCOMPARE(f.log->append(newline).error().code, ErrorCode::InvalidInput);

    AuditEvent tooLong = test::AuditFixture::event(1);
    tooLong.detail = QString(kMaxDetailLength + 1, QLatin1Char('x'));
    QCOMPARE(f.log->append(tooLong).error().code, ErrorCode::InvalidInput);

    auto head = f.log->head();
    QVERIFY(head.ok() && !head->has_value()); // nothing was written
}

void TestAudit::chainContinuesAfterReopen()
{
    test::AuditFixture f;
    QVERIFY(f.open(AuditLogOptions{10}));
    QVERIFY(f.appendMany(15));
    const QByteArray publicKey = f.log->publicKey().value();
    f.log.reset();
    f.vault.reset();

    auto reopened = vault::Vault::open(f.path(), test::fixedKey());
    QVERIFY(reopened.ok());
    f.vault = std::move(*reopened);
    f.log = std::make_unique<AuditLog>(*f.vault, f.clock, AuditLogOptions{10});
    QVERIFY(f.appendMany(10));
    QCOMPARE(f.log->publicKey().value(), publicKey); // the same recorded key
    const VerificationReport report = f.verify();
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.entriesChecked, qint64(25));
    QCOMPARE(report.checkpointsChecked, qint64(2));
}

void TestAudit::appendJoinsCallersTransaction()
{
    test::AuditFixture f;
    QVERIFY(f.open(AuditLogOptions{2}));
    QCOMPARE(f.log->appendInTransaction(test::AuditFixture::event(1)).error().code, ErrorCode::Internal);

    {
        auto tx = vault::Transaction::begin(f.vault->db());
        QVERIFY(tx.ok());
        QVERIFY(f.log->appendInTransaction(test::AuditFixture::event(1)).ok());
        QVERIFY(f.log->append(test::AuditFixture::event(2)).ok()); // joins too
        QCOMPARE(f.log->signDueCheckpoints(f.key).value().size(), 1); // and a signature made inside it
        // No commit: the action failed, so its audit entries go with it.
    }
    QVERIFY(!f.log->head().value().has_value());
    QVERIFY(f.log->checkpoints().value().isEmpty());

    {
        auto tx = vault::Transaction::begin(f.vault->db());
        QVERIFY(tx.ok());
        QVERIFY(f.log->append(test::AuditFixture::event(1)).ok());
        QVERIFY(f.log->append(test::AuditFixture::event(2)).ok());
        QVERIFY(f.log->signDueCheckpoints(f.key).ok());
        QVERIFY((*tx)->commit().ok());
    }
    QCOMPARE(f.log->head().value()->seq, qint64(2));
    QCOMPARE(f.log->checkpoints().value().size(), 1);
    QVERIFY(f.verify().ok);
}

void TestAudit::onDemandCheckpoint()
{
    test::AuditFixture f;
    QVERIFY(f.open(AuditLogOptions{0}));
    QCOMPARE(f.log->checkpoint(f.key).error().code, ErrorCode::NotFound);
    QVERIFY(f.appendMany(5));
    QVERIFY(f.log->checkpoints().value().isEmpty()); // interval 0: no automatic ones

    auto checkpoint = f.log->checkpoint(f.key);
    QVERIFY(checkpoint.ok());
    QCOMPARE(checkpoint->seq, qint64(5));
    QCOMPARE(checkpoint->hash, f.entryHash(5));
    QVERIFY(verifySignature(checkpointMessage(checkpoint->seq, checkpoint->hash, checkpoint->time),
                            checkpoint->signature, checkpoint->publicKey));
    f.clock.advanceSecs(60);
    auto again = f.log->checkpoint(f.key);
    QVERIFY(again.ok());
    QCOMPARE(again->time, checkpoint->time); // the head was already signed
    QCOMPARE(f.log->checkpoints().value().size(), 1);
    QCOMPARE(f.verify().checkpointsChecked, qint64(1));
}

QTEST_GUILESS_MAIN(TestAudit)
#include "test_audit.moc"
