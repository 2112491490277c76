#pragma once
// The snapshot file format (version 1): a vault's resources and unreconciled
// downtime entries, signed by the exporting device and sealed to one or more
// recipient devices, for a USB stick when the network is gone and for backups.
//
//   "LANTERN-SNAPSHOT"                      16 bytes magic
//   u32 header length, header JSON          see SnapshotHeader; UTF-8, compact
//   64-byte Ed25519 signature               over kHeaderContext + header JSON
//   chunks: u32 length (> 0), ciphertext    crypto_secretstream_xchacha20poly1305, the
//                                           last one tagged FINAL; additional data: the
//                                           header hash, so chunks belong to one header
//   u32 0                                   end of chunks
//   u64 chunk count, 64-byte signature      over kChunksContext + header hash + count +
//                                           BLAKE2b of the chunks' BLAKE2b hashes in order
//   end of file
// Integers are big-endian. The secretstream key is sealed (crypto_box_seal) to
// the X25519 form of each recipient's Ed25519 key. Every flipped byte fails a
// signature, a MAC or the framing; a reordered, dropped or repeated chunk fails
// the stream's own ordering and the signed chunk hashes; a stream without its
// FINAL tag is truncated. The header carries the signer's sequence number, so a
// recipient refuses one not newer than the last it imported from that signer.
// The plaintext inside is SnapshotPayload's records.

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::snapshot {

inline constexpr int kFormatVersion = 1;
inline constexpr int kDefaultChunkSize = 64 * 1024;
inline constexpr int kMinChunkSize = 16;          // tests use small chunks to get many of them
inline constexpr int kMaxChunkSize = 16 * 1024 * 1024;
inline constexpr int kMaxHeaderBytes = 1024 * 1024;
QByteArray magic();          // "LANTERN-SNAPSHOT"
QByteArray headerContext();  // domain separation of the two signatures
QByteArray chunksContext();

struct SnapshotRecipient
{
    QByteArray publicKey; // Ed25519
    QByteArray sealedKey; // crypto_box_seal(stream key, X25519 of publicKey)
};

struct SnapshotHeader
{
    int version = kFormatVersion;
    QString snapshotId;  // uuid
    QString purpose;     // "snapshot" or "backup"
    QByteArray signer;   // Ed25519 public key of the exporting device
    qint64 sequence = 0; // per signer, counts up with every export
    QDateTime created;   // UTC
    QStringList wards;   // empty: the whole vault
    int chunkSize = kDefaultChunkSize;
    QByteArray streamHeader; // crypto_secretstream header
    QList<SnapshotRecipient> recipients;

    QByteArray toJson() const;
    // Corrupt for anything but a complete, well-formed header; Unsupported for a newer version.
    static Result<SnapshotHeader> fromJson(const QByteArray& json);
    const SnapshotRecipient* recipient(const QByteArray& publicKey) const;
};

QByteArray u32(quint32 value);
QByteArray u64(quint64 value);
quint32 readU32(const QByteArray& four);
quint64 readU64(const QByteArray& eight);
// BLAKE2b-256.
QByteArray hash(const QByteArray& data);

} // namespace lantern::snapshot
