#include "core/vault/TrustedDeviceRepository.h"

namespace lantern::vault {
namespace {

TrustedDevice readDevice(const Statement& s)
{
    return {s.text(0), s.text(1), s.text(2), s.text(3)};
}

} // namespace

Status TrustedDeviceRepository::trust(const TrustedDevice& device)
{
    // No UPSERT on SQLite 3.15: replace keeps one row per key.
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO trusted_device (public_key, name, trusted_at, trusted_by)"
                                            " VALUES (?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, device.publicKey).bind(2, device.name).bind(3, device.trustedAt).bind(4, device.trustedBy);
    return stmt->run();
}

Status TrustedDeviceRepository::untrust(const QString& publicKey)
{
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM trusted_device WHERE public_key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, publicKey);
    LANTERN_TRY(stmt->run());
    if (m_db.changes() == 0)
        return Error(ErrorCode::NotFound, QStringLiteral("device %1 is not trusted here").arg(publicKey));
    return {};
}

Result<std::optional<TrustedDevice>> TrustedDeviceRepository::find(const QString& publicKey)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT public_key, name, trusted_at, trusted_by FROM trusted_device WHERE public_key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, publicKey);
    return stmt->first<TrustedDevice>(readDevice);
}

Result<QList<TrustedDevice>> TrustedDeviceRepository::list()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT public_key, name, trusted_at, trusted_by FROM trusted_device ORDER BY name, public_key"));
    if (!stmt.ok())
        return stmt.error();
    return stmt->collect<TrustedDevice>(readDevice);
}

Result<std::optional<SignerSequence>> TrustedDeviceRepository::lastImported(const QString& publicKey)
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT last_sequence, last_snapshot_id, imported_at FROM snapshot_signer WHERE public_key = ?"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, publicKey);
    return stmt->first<SignerSequence>([](const Statement& s) { return SignerSequence{s.int64(0), s.text(1), s.text(2)}; });
}

Status TrustedDeviceRepository::recordImported(const QString& publicKey, const SignerSequence& seen)
{
    auto last = lastImported(publicKey);
    if (!last.ok())
        return last.error();
    if (last->has_value() && (*last)->lastSequence >= seen.lastSequence)
        return Error(ErrorCode::Conflict, QStringLiteral("snapshot sequence %1 is not newer than %2 imported before")
                                              .arg(seen.lastSequence)
                                              .arg((*last)->lastSequence));
    auto stmt = m_db.prepare(QStringLiteral("INSERT OR REPLACE INTO snapshot_signer (public_key, last_sequence, last_snapshot_id, imported_at)"
                                            " VALUES (?, ?, ?, ?)"));
    if (!stmt.ok())
        return stmt.error();
    stmt->bind(1, publicKey).bind(2, seen.lastSequence).bind(3, seen.lastSnapshotId).bind(4, seen.importedAt);
    return stmt->run();
}

} // namespace lantern::vault
