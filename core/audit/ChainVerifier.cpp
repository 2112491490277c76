#include "core/audit/ChainVerifier.h"

#include "core/audit/AuditHash.h"
#include "core/audit/AuditSigningKey.h"

#include <algorithm>

namespace lantern::audit {

ChainVerifier::ChainVerifier(qint64 firstSeq, QByteArray firstPrevHash, QByteArray trustedPublicKey,
                             const QList<vault::AuditCheckpointRecord>& checkpoints)
    : m_nextSeq(firstSeq), m_prevHash(std::move(firstPrevHash)), m_trustedPublicKey(std::move(trustedPublicKey))
{
    for (const auto& checkpoint : checkpoints) {
        if (checkpoint.seq >= firstSeq) {
            m_checkpoints.insert(checkpoint.seq, checkpoint);
            m_lastSignedSeq = std::max(m_lastSignedSeq, checkpoint.seq);
        }
    }
}

void ChainVerifier::addAnchor(const vault::AuditCheckpointRecord& anchor, const QString& origin)
{
    m_anchorIndex.insert(anchor.seq, m_anchors.size());
    m_anchors.append({anchor, origin, false});
    m_lastSignedSeq = std::max(m_lastSignedSeq, anchor.seq);
}

void ChainVerifier::fail(qint64 seq, const QString& message)
{
    if (!m_report.ok)
        return; // the first problem is the one reported
    m_report.ok = false;
    m_report.firstBadSeq = seq;
    m_report.message = message;
}

bool ChainVerifier::addEntry(const vault::AuditEntryRecord& entry)
{
    if (failed())
        return false;
    const qint64 seq = entry.seq;
    if (seq > m_nextSeq) {
        fail(m_nextSeq, seq - m_nextSeq == 1
                            ? QStringLiteral("entry %1 is missing").arg(m_nextSeq)
                            : QStringLiteral("entries %1 to %2 are missing").arg(m_nextSeq).arg(seq - 1));
        return false;
    }
    if (seq < m_nextSeq) {
        fail(seq, QStringLiteral("entry %1 appears out of order or twice").arg(seq));
        return false;
    }
    if (entry.hash.size() != kHashBytes || entry.prevHash.size() != kHashBytes) {
        fail(seq, QStringLiteral("entry %1 was altered (malformed hash)").arg(seq));
        return false;
    }
    if (computeEntryHash(entry) != entry.hash) {
        fail(seq, QStringLiteral("entry %1 was altered (hash mismatch)").arg(seq));
        return false;
    }
    if (entry.prevHash != m_prevHash) {
        if (m_atStart && seq == 1)
            fail(seq, QStringLiteral("entry 1 does not start this vault's chain (prev_hash is not the genesis hash): "
                                     "the chain was replaced or comes from another vault"));
        else
            fail(seq, QStringLiteral("entry %1 does not link to entry %2 (prev_hash mismatch): one of them was altered "
                                     "or replaced")
                          .arg(seq)
                          .arg(seq - 1));
        return false;
    }
    const auto checkpoint = m_checkpoints.constFind(seq);
    if (checkpoint != m_checkpoints.constEnd()) {
        if (!checkCheckpoint(*checkpoint, entry, QStringLiteral("checkpoint %1").arg(seq)))
            return false;
        ++m_report.checkpointsChecked;
        m_report.lastCheckpointSeq = seq;
    }
    for (auto it = m_anchorIndex.constFind(seq); it != m_anchorIndex.constEnd() && it.key() == seq; ++it) {
        Anchor& anchor = m_anchors[*it];
        const QString what = anchor.origin.isEmpty()
                                 ? QStringLiteral("the external anchor at entry %1").arg(seq)
                                 : QStringLiteral("exported checkpoint %1 (%2)").arg(seq).arg(anchor.origin);
        if (!checkCheckpoint(anchor.checkpoint, entry, what))
            return false;
        anchor.reached = true;
    }
    // Checked after the anchors: an exported copy that no longer matches says more.
    if (checkpoint == m_checkpoints.constEnd() && m_interval > 0 && seq % m_interval == 0 && seq <= m_lastSignedSeq) {
        fail(seq, QStringLiteral("checkpoint %1 is missing: a checkpoint is signed every %2 entries and one at or "
                                 "after entry %3 exists, so it was removed")
                      .arg(seq)
                      .arg(m_interval)
                      .arg(m_lastSignedSeq));
        return false;
    }
    ++m_report.entriesChecked;
    m_report.lastSeq = seq;
    m_report.lastHash = entry.hash;
    m_prevHash = entry.hash;
    m_nextSeq = seq + 1;
    m_atStart = false;
    return true;
}

bool ChainVerifier::checkCheckpoint(const vault::AuditCheckpointRecord& checkpoint,
                                    const vault::AuditEntryRecord& entry, const QString& what)
{
    const qint64 seq = entry.seq;
    if (m_trustedPublicKey.isEmpty()) {
        fail(seq, what + QStringLiteral(" cannot be checked: there is no trusted audit public key"));
        return false;
    }
    if (checkpoint.publicKey != m_trustedPublicKey) {
        fail(seq, what + QStringLiteral(" was signed by a key other than the trusted audit key (public key replaced)"));
        return false;
    }
    if (!verifySignature(checkpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.time), checkpoint.signature,
                         m_trustedPublicKey)) {
        fail(seq, what + QStringLiteral(" signature invalid"));
        return false;
    }
    if (checkpoint.hash != entry.hash) {
        fail(seq, what + QStringLiteral(" does not match entry %1: the entry was altered or replaced after it was signed")
                             .arg(seq));
        return false;
    }
    return true;
}

void ChainVerifier::failOnUnreachedAnchors()
{
    const Anchor* last = nullptr;
    int gone = 0;
    for (const Anchor& anchor : std::as_const(m_anchors)) {
        if (anchor.reached)
            continue;
        ++gone;
        if (!last || anchor.checkpoint.seq > last->checkpoint.seq)
            last = &anchor;
    }
    if (!last)
        return;
    if (last->origin.isEmpty()) {
        fail(m_report.lastSeq + 1, QStringLiteral("the log ends at entry %1, but the external anchor covers entry "
                                                  "%2: entries were removed from its end")
                                       .arg(m_report.lastSeq)
                                       .arg(last->checkpoint.seq));
        return;
    }
    fail(m_report.lastSeq + 1,
         QStringLiteral("exported checkpoint %1 (%2) is gone from the vault: the log ends at entry %3, so entries "
                        "were removed from its end (%4 exported checkpoint(s) missing)")
             .arg(last->checkpoint.seq)
             .arg(last->origin)
             .arg(m_report.lastSeq)
             .arg(gone));
}

VerificationReport ChainVerifier::finish()
{
    if (!failed()) {
        // Checkpoints (or the anchor) beyond the last entry: entries were cut off the end.
        qint64 beyond = 0;
        for (auto it = m_checkpoints.constBegin(); it != m_checkpoints.constEnd(); ++it) {
            if (it.key() > m_report.lastSeq)
                beyond = beyond == 0 ? it.key() : std::min(beyond, it.key());
        }
        if (beyond != 0)
            fail(m_report.lastSeq + 1, QStringLiteral("checkpoint %1 refers to an entry that is missing: the log ends "
                                                      "at entry %2, entries were removed from its end")
                                           .arg(beyond)
                                           .arg(m_report.lastSeq));
        else
            failOnUnreachedAnchors();
    }
    if (m_report.ok) {
        QString summary = QStringLiteral("audit chain intact: %1 entries, %2 signed checkpoints")
                              .arg(m_report.entriesChecked)
                              .arg(m_report.checkpointsChecked);
        if (m_report.lastSeq > m_report.lastCheckpointSeq)
            summary += m_report.lastCheckpointSeq == 0
                           ? QStringLiteral("; no entry is covered by a signed checkpoint yet")
                           : QStringLiteral("; entries after %1 are not yet covered by a signed checkpoint")
                                 .arg(m_report.lastCheckpointSeq);
        m_report.message = summary;
    }
    return m_report;
}

} // namespace lantern::audit
