#pragma once
// Peer devices IT trusts for snapshot files, by their Ed25519 public key
// (base64), and the highest snapshot sequence number imported from each signer
// (replay protection). Schema 8. The sequence survives untrust and trust again:
// a snapshot once superseded stays superseded.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QList>
#include <QString>

#include <optional>

namespace lantern::vault {

struct TrustedDevice
{
    QString publicKey; // base64 Ed25519
    QString name;      // IT's label ("ward 3B PC 2")
    QString trustedAt; // UTC ISO
    QString trustedBy; // username, or "system" for the device key
};

struct SignerSequence
{
    qint64 lastSequence = 0;
    QString lastSnapshotId;
    QString importedAt;
};

class TrustedDeviceRepository
{
public:
    explicit TrustedDeviceRepository(Database& db) : m_db(db) {}

    // Adds or renames a trusted device.
    Status trust(const TrustedDevice& device);
    // NotFound when the key is not trusted.
    Status untrust(const QString& publicKey);
    Result<std::optional<TrustedDevice>> find(const QString& publicKey);
    Result<QList<TrustedDevice>> list();

    Result<std::optional<SignerSequence>> lastImported(const QString& publicKey);
    // Inside the import's transaction: the sequence only moves forward.
    Status recordImported(const QString& publicKey, const SignerSequence& seen);

private:
    Database& m_db;
};

} // namespace lantern::vault
