#include "core/snapshot/SnapshotReader.h"

#include "core/common/Sodium.h"
#include "core/snapshot/SnapshotMerge.h"
#include "core/snapshot/SnapshotPayload.h"
#include "core/vault/TrustedDeviceRepository.h"
#include "core/vault/Vault.h"

#include <QFile>

#include <sodium.h>

namespace lantern::snapshot {
namespace {

Error corrupt(const QString& message)
{
    return {ErrorCode::Corrupt, message + QStringLiteral("; nothing was imported")};
}

// Reads exactly n bytes; a short read is a truncated file.
class SnapshotInput
{
public:
    explicit SnapshotInput(const QString& path) : m_file(path) {}
    Status open()
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return {};
    }
    Result<QByteArray> read(qint64 n, const QString& what)
    {
        QByteArray bytes = m_file.read(n);
        if (bytes.size() != n)
            return corrupt(QStringLiteral("the file ends inside %1: it is truncated").arg(what));
        return bytes;
    }
    bool atEnd() { return m_file.atEnd(); }

private:
    QFile m_file;
};

// The secretstream state, wiped when done.
struct PullState
{
    crypto_secretstream_xchacha20poly1305_state state{};
    ~PullState() { sodium_memzero(&state, sizeof state); }
};

// The file's start: magic, header and its signature, parsed (not yet checked).
struct SignedHeader
{
    QByteArray json;
    QByteArray signature;
    SnapshotHeader header;
};

Result<SignedHeader> readHeaderPart(SnapshotInput& in, const QString& path)
{
    auto start = in.read(magic().size(), QStringLiteral("the magic"));
    if (!start.ok() || *start != magic())
        return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is not a Lantern snapshot file; nothing was imported").arg(path));
    auto lengthBytes = in.read(4, QStringLiteral("the header"));
    if (!lengthBytes.ok())
        return lengthBytes.error();
    const quint32 headerLength = readU32(*lengthBytes);
    if (headerLength == 0 || headerLength > static_cast<quint32>(kMaxHeaderBytes))
        return corrupt(QStringLiteral("the snapshot header is damaged (length)"));
    auto json = in.read(headerLength, QStringLiteral("the header"));
    if (!json.ok())
        return json.error();
    auto signature = in.read(kSignatureBytes, QStringLiteral("the header signature"));
    if (!signature.ok())
        return signature.error();
    auto parsed = SnapshotHeader::fromJson(*json);
    if (!parsed.ok())
        return parsed.error().code == ErrorCode::Unsupported ? parsed.error() : corrupt(parsed.error().message);
    return SignedHeader{*json, *signature, *parsed};
}

bool headerSignatureHolds(const SignedHeader& h)
{
    return verifySignature(headerContext() + h.json, h.signature, h.header.signer);
}

} // namespace

Result<SnapshotHeader> readSignedHeader(const QString& path)
{
    SnapshotInput in(path);
    LANTERN_TRY(in.open());
    auto part = readHeaderPart(in, path);
    if (!part.ok())
        return part.error();
    if (!headerSignatureHolds(*part))
        return corrupt(QStringLiteral("the snapshot header's signature does not hold: the file was changed"));
    return part->header;
}

Result<ImportReport> SnapshotReader::verify(const QString& path)
{
    return readFile(path, false);
}

Result<ImportReport> SnapshotReader::import(const QString& path)
{
    // First pass: everything checked, nothing written.
    auto checked = readFile(path, false);
    if (!checked.ok())
        return checked;
    return readFile(path, true);
}

Result<ImportReport> SnapshotReader::readFile(const QString& path, bool apply)
{
    ensureSodium();
    SnapshotInput in(path);
    LANTERN_TRY(in.open());
    auto part = readHeaderPart(in, path);
    if (!part.ok())
        return part.error();
    ImportReport report;
    report.header = part->header;
    const SnapshotHeader& header = report.header;
    const QString signerText = QString::fromLatin1(header.signer.toBase64());

    // Who signed it: a device IT trusts here.
    vault::TrustedDeviceRepository trusted(m_vault.db());
    std::optional<QString> signerName;
    if (m_trust) {
        auto named = m_trust(header.signer);
        if (!named.ok())
            return named.error();
        signerName = *named;
    } else {
        auto found = trusted.find(signerText);
        if (!found.ok())
            return found.error();
        if (found->has_value())
            signerName = (*found)->name;
    }
    if (!signerName)
        return Error(ErrorCode::Denied, QStringLiteral("the snapshot is signed by device %1, which this device does not trust; "
                                                       "check that key with the exporting device (lanternctl device show) and "
                                                       "trust it with `lanternctl device trust KEY`; nothing was imported")
                                            .arg(signerText));
    report.signerName = *signerName;
    if (!headerSignatureHolds(*part))
        return corrupt(QStringLiteral("the snapshot header's signature does not hold: the file was changed"));

    // No replay: only newer than the last snapshot imported from this signer.
    if (m_replayCheck) {
        auto last = trusted.lastImported(signerText);
        if (!last.ok())
            return last.error();
        if (last->has_value() && header.sequence <= (*last)->lastSequence)
            return Error(ErrorCode::Conflict,
                         QStringLiteral("snapshot %1 of device %2 is number %3, not newer than number %4 imported on %5: "
                                        "an older or replayed snapshot is refused; nothing was imported")
                             .arg(header.snapshotId, shortKey(signerText))
                             .arg(header.sequence)
                             .arg((*last)->lastSequence)
                             .arg((*last)->importedAt));
    }

    // For whom: this device must be one of the recipients.
    const SnapshotRecipient* mine = header.recipient(m_identity.publicKey());
    if (!mine) {
        QStringList keys;
        for (const SnapshotRecipient& r : header.recipients)
            keys << shortKey(QString::fromLatin1(r.publicKey.toBase64()));
        return Error(ErrorCode::Denied, QStringLiteral("this device (%1) is not a recipient of the snapshot; it was sealed for %2; "
                                                       "nothing was imported")
                                            .arg(shortKey(m_identity.publicKeyText()), keys.join(QStringLiteral(", "))));
    }
    auto key = m_identity.openSealed(mine->sealedKey);
    if (!key.ok())
        return corrupt(QStringLiteral("the snapshot key sealed for this device does not open"));
    PullState pull;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&pull.state, reinterpret_cast<const unsigned char*>(header.streamHeader.constData()),
                                                        key->data()) != 0)
        return corrupt(QStringLiteral("the snapshot's stream header is damaged"));

    // Chunks, in order, each bound to this header.
    std::unique_ptr<vault::Transaction> tx;
    std::optional<SnapshotMerge> merge;
    if (apply) {
        auto begun = vault::Transaction::begin(m_vault.db());
        if (!begun.ok())
            return begun.error().prefixed(QStringLiteral("snapshot import"));
        tx = std::move(*begun);
        merge.emplace(m_vault, report);
    }
    PayloadParser parser([&](const PayloadRecord& record) { return merge ? merge->apply(record) : Status(); });
    const QByteArray headerHash = hash(part->json);
    crypto_generichash_state chunksHash;
    crypto_generichash_init(&chunksHash, nullptr, 0, 32);
    quint64 count = 0;
    bool sawFinal = false;
    for (;;) {
        auto lengthOf = in.read(4, QStringLiteral("the chunks (the stream has no final chunk)"));
        if (!lengthOf.ok())
            return lengthOf.error();
        const quint32 length = readU32(*lengthOf);
        if (length == 0)
            break;
        if (sawFinal)
            return corrupt(QStringLiteral("chunks follow the stream's final chunk"));
        if (length < crypto_secretstream_xchacha20poly1305_ABYTES ||
            length > static_cast<quint32>(header.chunkSize) + crypto_secretstream_xchacha20poly1305_ABYTES)
            return corrupt(QStringLiteral("chunk %1 has an impossible length").arg(count + 1));
        auto cipher = in.read(length, QStringLiteral("chunk %1").arg(count + 1));
        if (!cipher.ok())
            return cipher.error();
        QByteArray plain(static_cast<qsizetype>(length - crypto_secretstream_xchacha20poly1305_ABYTES), '\0');
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&pull.state, reinterpret_cast<unsigned char*>(plain.data()), nullptr, &tag,
                                                       reinterpret_cast<const unsigned char*>(cipher->constData()), length,
                                                       reinterpret_cast<const unsigned char*>(headerHash.constData()),
                                                       static_cast<unsigned long long>(headerHash.size())) != 0)
            return corrupt(QStringLiteral("chunk %1 does not decrypt: the file was changed, or chunks were reordered or dropped")
                               .arg(count + 1));
        const QByteArray h = hash(*cipher);
        crypto_generichash_update(&chunksHash, reinterpret_cast<const unsigned char*>(h.constData()), 32);
        ++count;
        sawFinal = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        Status fed = parser.feed(plain);
        wipe(plain);
        if (!fed.ok())
            return fed.error().code == ErrorCode::Corrupt ? corrupt(fed.error().message) : fed.error();
    }
    if (!sawFinal)
        return corrupt(QStringLiteral("the stream ends without its final tag: the file is truncated or chunks were dropped"));
    auto countBytes = in.read(8, QStringLiteral("the trailer"));
    if (!countBytes.ok())
        return countBytes.error();
    auto trailerSignature = in.read(kSignatureBytes, QStringLiteral("the trailer signature"));
    if (!trailerSignature.ok())
        return trailerSignature.error();
    if (!in.atEnd())
        return corrupt(QStringLiteral("data follows the end of the snapshot"));
    QByteArray allChunks(32, '\0');
    crypto_generichash_final(&chunksHash, reinterpret_cast<unsigned char*>(allChunks.data()), 32);
    if (readU64(*countBytes) != count ||
        !verifySignature(chunksContext() + headerHash + *countBytes + allChunks, *trailerSignature, header.signer))
        return corrupt(QStringLiteral("the signature over the snapshot's chunks does not hold: chunks were changed, "
                                      "reordered or dropped"));
    if (Status complete = parser.finish(); !complete.ok())
        return corrupt(complete.error().message);
    report.resources = parser.resources();
    report.entries = parser.entries();
    if (!apply)
        return report;
    if (m_replayCheck) // a restore (no replay check) leaves the signer's history as it was
        LANTERN_TRY(trusted.recordImported(signerText, {header.sequence, header.snapshotId,
                                                        m_clock.now().toUTC().toString(Qt::ISODateWithMs)}));
    LANTERN_TRY(tx->commit());
    return report;
}

} // namespace lantern::snapshot
