#include "core/snapshot/SnapshotWriter.h"

#include "core/common/AtomicFile.h"
#include "core/common/Sodium.h"
#include "core/records/CensusQuery.h"
#include "core/snapshot/SnapshotPayload.h"
#include "core/vault/SnapshotRepository.h"
#include "core/vault/Vault.h"

#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <sodium.h>

#include <optional>

namespace lantern::snapshot {
namespace {

const QString kSequenceMeta = QStringLiteral("snapshot_export_sequence");

// Cuts the payload into chunks, encrypts each and writes it with its length;
// keeps the running hash of the chunks the trailer signs.
class ChunkSealer
{
public:
    ChunkSealer(AtomicFileWriter& file, int chunkSize) : m_file(file), m_chunkSize(chunkSize)
    {
        crypto_generichash_init(&m_chunksHash, nullptr, 0, 32);
    }
    ~ChunkSealer() { sodium_memzero(&m_state, sizeof m_state); }

    // The stream's header, which goes into the signed file header.
    QByteArray init(const SecureBuffer& key)
    {
        QByteArray header(crypto_secretstream_xchacha20poly1305_HEADERBYTES, '\0');
        crypto_secretstream_xchacha20poly1305_init_push(&m_state, reinterpret_cast<unsigned char*>(header.data()), key.data());
        return header;
    }
    // Every chunk's additional data: the hash of the file header it belongs to.
    void bindTo(QByteArray headerHash) { m_headerHash = std::move(headerHash); }

    Status add(const QByteArray& plaintext)
    {
        m_pending.append(plaintext);
        while (m_pending.size() > m_chunkSize) {
            LANTERN_TRY(push(m_pending.left(m_chunkSize), crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
            m_pending.remove(0, m_chunkSize);
        }
        return {};
    }

    // The rest, tagged FINAL (possibly empty), then the end marker.
    Status finish()
    {
        LANTERN_TRY(push(m_pending, crypto_secretstream_xchacha20poly1305_TAG_FINAL));
        wipe(m_pending);
        m_pending.clear();
        return m_file.write(u32(0));
    }

    QByteArray chunksHash()
    {
        QByteArray out(32, '\0');
        crypto_generichash_final(&m_chunksHash, reinterpret_cast<unsigned char*>(out.data()), 32);
        return out;
    }
    qint64 chunks() const { return m_chunks; }
    qint64 bytes() const { return m_bytes; }

private:
    Status push(const QByteArray& plain, unsigned char tag)
    {
        QByteArray cipher(plain.size() + static_cast<qsizetype>(crypto_secretstream_xchacha20poly1305_ABYTES), '\0');
        crypto_secretstream_xchacha20poly1305_push(&m_state, reinterpret_cast<unsigned char*>(cipher.data()), nullptr,
                                                   reinterpret_cast<const unsigned char*>(plain.constData()),
                                                   static_cast<unsigned long long>(plain.size()),
                                                   reinterpret_cast<const unsigned char*>(m_headerHash.constData()),
                                                   static_cast<unsigned long long>(m_headerHash.size()), tag);
        const QByteArray h = hash(cipher);
        crypto_generichash_update(&m_chunksHash, reinterpret_cast<const unsigned char*>(h.constData()), 32);
        ++m_chunks;
        m_bytes += cipher.size() + 4;
        return m_file.write(u32(static_cast<quint32>(cipher.size())) + cipher);
    }

    AtomicFileWriter& m_file;
    int m_chunkSize;
    QByteArray m_headerHash;
    QByteArray m_pending;
    crypto_secretstream_xchacha20poly1305_state m_state{};
    crypto_generichash_state m_chunksHash{};
    qint64 m_chunks = 0;
    qint64 m_bytes = 0;
};

// Patients whose current stay lies on one of the wards (beds and rooms count through partOf).
Result<QSet<QString>> patientsOnWards(vault::Vault& vault, const QStringList& wards)
{
    auto rows = records::CensusQuery(vault).rows();
    if (!rows.ok())
        return rows.error();
    QSet<QString> ids;
    for (const records::CensusRow& row : std::as_const(*rows))
        for (const QString& ward : wards)
            if (row.locationIds.contains(ward))
                ids.insert(row.patientId);
    return ids;
}

Error diskError(const Error& e, const QString& path)
{
    return {e.code, QStringLiteral("writing the snapshot %1 failed, no file was left behind: %2").arg(path, e.message)};
}

} // namespace

Result<qint64> SnapshotWriter::nextSequence()
{
    auto stored = m_vault.meta(kSequenceMeta);
    if (!stored.ok())
        return stored.error();
    const qint64 next = stored->toLongLong() + 1;
    LANTERN_TRY(m_vault.setMeta(kSequenceMeta, QString::number(next)));
    return next;
}

Result<ExportReport> SnapshotWriter::write(const QString& path, const ExportOptions& options)
{
    ensureSodium();
    if (options.recipients.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("a snapshot needs at least one recipient"));
    if (options.chunkSize < kMinChunkSize || options.chunkSize > kMaxChunkSize)
        return Error(ErrorCode::InvalidInput, QStringLiteral("chunk size out of range"));
    std::optional<QSet<QString>> patients;
    if (!options.wards.isEmpty()) {
        auto onWards = patientsOnWards(m_vault, options.wards);
        if (!onWards.ok())
            return onWards.error();
        patients = *onWards;
    }
    auto sequence = nextSequence();
    if (!sequence.ok())
        return sequence.error().prefixed(QStringLiteral("taking the snapshot's sequence number"));

    SnapshotHeader header;
    header.snapshotId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    header.purpose = options.purpose;
    header.signer = m_identity.publicKey();
    header.sequence = *sequence;
    header.created = m_clock.now().toUTC();
    header.wards = options.wards;
    header.chunkSize = options.chunkSize;
    SecureBuffer key(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    crypto_secretstream_xchacha20poly1305_keygen(key.data());
    for (const QByteArray& recipient : options.recipients) {
        auto sealed = sealTo(recipient, key);
        if (!sealed.ok())
            return sealed.error();
        header.recipients << SnapshotRecipient{recipient, *sealed};
    }

    AtomicFileWriter file;
    if (Status opened = file.open(path); !opened.ok())
        return diskError(opened.error(), path);
    ChunkSealer chunks(file, options.chunkSize);
    header.streamHeader = chunks.init(key);
    const QByteArray headerJson = header.toJson();
    const QByteArray headerHash = hash(headerJson);
    chunks.bindTo(headerHash);
    const QByteArray start = magic() + u32(static_cast<quint32>(headerJson.size())) + headerJson +
                             m_identity.sign(headerContext() + headerJson);
    ExportReport report{header.snapshotId, header.sequence, 0, 0, 0, 0};
    if (Status w = file.write(start); !w.ok())
        return diskError(w.error(), path);

    vault::SnapshotRepository rows(m_vault.db());
    Status payload = rows.forEachResource(patients, [&](const vault::ExportedResource& r) {
        ++report.resources;
        return chunks.add(encodeResource(r.patientId, r.json));
    });
    if (payload.ok())
        payload = rows.forEachUnreconciledEntry(patients, [&](const QJsonObject& row) {
            ++report.entries;
            return chunks.add(encodeEntry(row));
        });
    if (payload.ok())
        payload = chunks.add(encodeEnd(report.resources, report.entries));
    if (payload.ok())
        payload = chunks.finish();
    if (payload.ok()) {
        const QByteArray count = u64(static_cast<quint64>(chunks.chunks()));
        const QByteArray signature = m_identity.sign(chunksContext() + headerHash + count + chunks.chunksHash());
        payload = file.write(count + signature);
        report.bytes = start.size() + chunks.bytes() + 4 + count.size() + signature.size();
    }
    if (payload.ok())
        payload = file.commit();
    if (!payload.ok())
        return diskError(payload.error(), path);
    report.chunks = chunks.chunks();
    return report;
}

} // namespace lantern::snapshot
