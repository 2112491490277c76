#pragma once
// What the I/O fault scenarios share: a vault opened with the tests' fixed key,
// and the checks every scenario makes on a freshly opened vault.

#include "TestSupport.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditSigningKey.h"
#include "core/common/Clock.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>

namespace lantern::test {

// The checks every scenario shares on a freshly opened vault.
inline bool intactAndChained(vault::Vault& vault, const Clock& clock, qint64 expectedAuditEntries, QString& why)
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

} // namespace lantern::test
