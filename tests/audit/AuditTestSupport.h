#pragma once
// A real vault with an audit log for the audit tests, and the raw SQL an
// attacker holding the unlocked vault would use to tamper with it. The signing
// key is held by the fixture (as the mirror service holds it, outside the
// vault); appendMany() signs each checkpoint as soon as it comes due.

#include "TestSupport.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditSigningKey.h"
#include "core/common/Clock.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Database.h"
#include "core/vault/Vault.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace lantern::test {

struct AuditFixture
{
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<vault::Vault> vault;
    std::unique_ptr<audit::AuditLog> log;
    audit::AuditSigningKey key = audit::AuditSigningKey::generate();
    bool signAsDue = true; // appendMany() signs due checkpoints right away

    QString path() const { return dir.filePath(QStringLiteral("vault.db")); }

    bool open(audit::AuditLogOptions options = {})
    {
        auto created = vault::Vault::create(path(), fixedKey());
        if (!created.ok()) {
            qWarning() << created.error().message;
            return false;
        }
        vault = std::move(*created);
        log = std::make_unique<audit::AuditLog>(*vault, clock, options);
        // What AuditKeyCustody::create records: the public key, for the default self-check.
        return vault->setMeta(audit::publicKeyMetaKey(), QString::fromLatin1(key.publicKey().toBase64())).ok();
    }

    // The n-th synthetic event: every action, outcome, with and without patient.
    static audit::AuditEvent event(int n)
    {
        static const audit::AuditAction actions[] = {
            audit::AuditAction::Unlock, audit::AuditAction::ViewPatient, audit::AuditAction::Print,
            audit::AuditAction::RecordEntry, audit::AuditAction::Lock, audit::AuditAction::UnlockFailed,
            audit::AuditAction::BreakGlass, audit::AuditAction::Export};
        audit::AuditEvent e;
        e.actor = n % 3 == 0 ? QStringLiteral("nurse.a") : QStringLiteral("dr.b");
        e.action = actions[n % 8];
        if (e.action == audit::AuditAction::ViewPatient || e.action == audit::AuditAction::RecordEntry ||
            e.action == audit::AuditAction::Print || e.action == audit::AuditAction::BreakGlass)
            e.patientId = QStringLiteral("pat-%1").arg(n % 7);
        e.outcome = e.action == audit::AuditAction::UnlockFailed ? audit::AuditOutcome::Failure
                    : n % 11 == 0                               ? audit::AuditOutcome::Denied
                                                                : audit::AuditOutcome::Success;
        if (n % 5 == 0)
            e.detail = QStringLiteral("ward 3B");
        return e;
    }

    // Appends `count` events, one second apart.
    bool appendMany(int count)
    {
        for (int i = 1; i <= count; ++i) {
            auto appended = log->append(event(i));
            if (!appended.ok()) {
                qWarning() << appended.error().message;
                return false;
            }
            if (signAsDue && !sign())
                return false;
            clock.advanceSecs(1);
        }
        return true;
    }

    // What the key holder does on its next run.
    bool sign()
    {
        auto made = log->signDueCheckpoints(key);
        if (!made.ok())
            qWarning() << made.error().message;
        return made.ok();
    }

    bool sql(const QString& statement)
    {
        const Status done = vault->db().exec(statement);
        if (!done.ok())
            qWarning() << done.error().message;
        return done.ok();
    }

    QByteArray entryHash(qint64 seq)
    {
        vault::AuditRepository repository(*vault);
        auto stored = repository.entry(seq);
        return stored.ok() && stored->has_value() ? (*stored)->hash : QByteArray();
    }

    audit::VerificationReport verify(const audit::VerifyOptions& options = {})
    {
        auto report = log->verify(options);
        if (!report.ok()) {
            audit::VerificationReport failed;
            failed.ok = false;
            failed.message = QStringLiteral("verify returned an error: ") + report.error().message;
            return failed;
        }
        return *report;
    }
};

} // namespace lantern::test
