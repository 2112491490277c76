#pragma once
// Walks an audit chain entry by entry and says whether it is intact. Pure: it
// knows no vault, so the same walk checks the chain in the vault (AuditLog::verify)
// and a chain re-read from a FHIR export (verifyFhirAuditExport).
//
// Per entry, in seq order: seq continues without gaps, the stored hash equals the
// recomputed one, prev_hash equals the previous entry's hash (the genesis hash for
// entry 1), and a checkpoint at this seq is signed by the trusted key over
// exactly this entry's hash. With requireCheckpointsEvery(n), every multiple of n
// up to the last signed checkpoint (stored or anchor) must have its checkpoint:
// deleting one in the middle is noticed. Anchors (checkpoints kept off the
// device, e.g. collected from the audit export folder) must each be reached with
// the same hash: a chain that ends before one was cut back.

#include "core/vault/AuditRepository.h"

#include <QByteArray>
#include <QHash>
#include <QMultiHash>
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

// A checkpoint kept off the device, and where it was found (for messages).
struct ExportedCheckpoint
{
    vault::AuditCheckpointRecord checkpoint;
    QString vaultId; // the vault the export names (source.observer)
    QString origin;  // e.g. "audit-checkpoints-2026-03-01.ndjson line 3"
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
    // (a chain ending before it was truncated). `origin` names where it was kept
    // (e.g. an export file) in messages; any number of anchors may be added.
    void addAnchor(const vault::AuditCheckpointRecord& anchor, const QString& origin = {});
    void setAnchor(const vault::AuditCheckpointRecord& anchor) { addAnchor(anchor); }
    // Checkpoints are due at every multiple of `interval` (0: none required).
    void requireCheckpointsEvery(qint64 interval) { m_interval = interval; }

    // Feed entries in the order they are stored; returns false once the chain is broken
    // (further entries are then ignored).
    bool addEntry(const vault::AuditEntryRecord& entry);
    bool failed() const { return !m_report.ok; }
    // Records a problem found outside the walk (e.g. a replaced public key).
    void fail(qint64 seq, const QString& message);

    VerificationReport finish();

private:
    void failOnUnreachedAnchors();
    bool checkCheckpoint(const vault::AuditCheckpointRecord& checkpoint, const vault::AuditEntryRecord& entry,
                         const QString& what);

    qint64 m_nextSeq;
    QByteArray m_prevHash;
    bool m_atStart = true;
    QByteArray m_trustedPublicKey;
    QHash<qint64, vault::AuditCheckpointRecord> m_checkpoints;
    qint64 m_lastSignedSeq = 0; // highest stored or anchored checkpoint
    qint64 m_interval = 0;
    struct Anchor
    {
        vault::AuditCheckpointRecord checkpoint;
        QString origin;
        bool reached = false;
    };
    QMultiHash<qint64, qsizetype> m_anchorIndex; // seq -> index into m_anchors
    QList<Anchor> m_anchors;
    VerificationReport m_report;
};

} // namespace lantern::audit
