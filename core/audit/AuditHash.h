#pragma once
// The chain's canonical byte forms. Every variable field is length-prefixed
// (u32 big-endian byte count, then the bytes), integers are u64 big-endian, and
// each form starts with its own domain tag, so no two different entries — and
// no entry and checkpoint — can serialise to the same bytes.
//
//   entry      = field("lantern.audit.entry.v1") u64(seq) field(time) field(actor)
//                field(action) field(patient_id) field(outcome) field(detail) field(prev_hash)
//   hash       = BLAKE2b-256(entry)              (crypto_generichash, no key)
//   genesis    = BLAKE2b-256(field("lantern.audit.genesis.v1") field(vault_id))
//                — the prev_hash of entry 1: binds the chain to its vault, so a
//                chain cannot be transplanted from another vault
//   checkpoint = field("lantern.audit.checkpoint.v1") u64(seq) field(hash) field(time)
//                — the message the device key signs (Ed25519, detached)
//
// Strings are UTF-8; an absent patient id or detail is the empty string.
// Changing any of this breaks every existing chain: add a v2 tag instead.

#include "core/vault/AuditRepository.h"

#include <QByteArray>
#include <QString>

namespace lantern::audit {

inline constexpr int kHashBytes = 32;

QByteArray canonicalEntryBytes(const vault::AuditEntryRecord& entry);
// Hash over canonicalEntryBytes(entry); entry.hash itself is ignored.
QByteArray computeEntryHash(const vault::AuditEntryRecord& entry);
QByteArray genesisHash(const QString& vaultId);
QByteArray checkpointMessage(qint64 seq, const QByteArray& hash, const QString& time);

} // namespace lantern::audit
