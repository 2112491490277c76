#pragma once
// Walks an audit chain entry by entry and says whether it is intact. Pure: it
// knows no vault, so the same walk checks the chain in the vault (AuditLog::verify)
// and a chain re-read from a FHIR export (verifyFhirAuditExport).
//
// Per entry, in seq order: seq continues without gaps, the stored hash equals the
// recomputed one, prev_hash equals the previous entry's hash (the genesis hash for
// entry 1), and a checkpoint at this seq is signed by the trusted key over
// exactly this entry's hash.

#include "vault/AuditRepository.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::audit {

struct VerificationReport
{
    bool ok = true;
    qint64 entriesChecked = 0;
    qint64 checkpointsChecked = 0;
    // The seq at which verification failed (the missing, altered or unlinked
    // entry, or the checkpoint's seq); 0 when ok or when the problem concerns no
    // single entry (e.g. the recorded public key was replaced).
    qint64 firstBadSeq = 0;
    qint64 lastSeq = 0;           // head of the verified chain, 0 when empty
    QByteArray lastHash;          // hash of the head: worth anchoring off-device
    qint64 lastCheckpointSeq = 0; // entries after it are protected by the hash chain only
    // What is wrong, naming seq numbers only (never entry contents), e.g.
    // "entry 42 was altered (hash mismatch)"; a summary when ok.
    QString message;
};

class ChainVerifier
{
public:
    // firstSeq / firstPrevHash: where the walk starts and what its first entry must
    // link to (1 and the genesis hash for a whole chain). Checkpoints below firstSeq
    // are ignored; every other checkpoint must be met by an entry, or the tail was cut.
    // An empty trustedPublicKey makes any checkpoint a failure (nothing to check it with).
    ChainVerifier(qint64 firstSeq, QByteArray firstPrevHash, QByteArray trustedPublicKey,
                  const QList<vault::AuditCheckpointRecord>& checkpoints);

    // An externally kept checkpoint: like a stored one, but it must be reached
    // (a chain ending before it was truncated).
    void setAnchor(const vault::AuditCheckpointRecord& anchor) { m_anchor = anchor; }

    // Feed entries in the order they are stored; returns false once the chain is broken
    // (further entries are then ignored).
    bool addEntry(const vault::AuditEntryRecord& entry);
    bool failed() const { return !m_report.ok; }
    // Records a problem found outside the walk (e.g. a replaced public key).
    void fail(qint64 seq, const QString& message);

    VerificationReport finish();

private:
    bool checkCheckpoint(const vault::AuditCheckpointRecord& checkpoint, const vault::AuditEntryRecord& entry,
                         const QString& what);

    qint64 m_nextSeq;
    QByteArray m_prevHash;
    bool m_atStart = true;
    QByteArray m_trustedPublicKey;
    QHash<qint64, vault::AuditCheckpointRecord> m_checkpoints;
    std::optional<vault::AuditCheckpointRecord> m_anchor;
    bool m_anchorReached = false;
    VerificationReport m_report;
};

} // namespace lantern::audit
