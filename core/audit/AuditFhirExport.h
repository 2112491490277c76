#pragma once
// The audit chain as FHIR R4 AuditEvent resources, one per entry: for the EHR's
// audit repository after a downtime, and for keeping the chain (and its signed
// checkpoints) off the device where no local attacker can rewrite it.
//
// Mapping: type and subtype from the DICOM audit codes
// (http://dicom.nema.org/resources/ontology/DCM), plus the exact Lantern action as
// a second subtype coding; action C/R/U/D/E; recorded = the entry's stored time;
// outcome 0 (success) / 4 (denied) / 8 (failure); outcomeDesc = detail; agent.who
// .identifier.value = actor with requestor true; source.observer = the device
// (display) and the vault (identifier urn:uuid:<vault id>); entity.what =
// Patient/<id> when the entry names a patient. The extension kAuditChainExtensionUrl
// carries seq, prevHash and hash (hex), and for a signed entry its checkpoint
// (time, signature, publicKey), so verifyFhirAuditExport can re-check the chain
// from the export alone.

#include "core/audit/ChainVerifier.h"
#include "core/common/Clock.h"
#include "core/common/Result.h"
#include "core/vault/AuditRepository.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::vault {
class Vault;
}

namespace lantern::audit {

// Lantern publishes no FHIR implementation guide yet; the reserved .invalid host
// (RFC 2606) guarantees these never collide with a real canonical URL.
inline constexpr char kAuditChainExtensionUrl[] = "http://lantern.invalid/fhir/StructureDefinition/audit-chain";
inline constexpr char kAuditActionSystem[] = "http://lantern.invalid/fhir/CodeSystem/audit-action";

struct AuditExportContext
{
    QString vaultId;    // the chain's genesis depends on it
    QString deviceName; // source.observer.display, e.g. the ward workstation's name
};

// One entry as an AuditEvent; checkpoint may be null.
QJsonObject toFhirAuditEvent(const vault::AuditEntryRecord& entry, const vault::AuditCheckpointRecord* checkpoint,
                             const AuditExportContext& context);

class AuditFhirExporter
{
public:
    // deviceName: source.observer.display. The clock stamps Bundle.timestamp.
    AuditFhirExporter(vault::Vault& vault, const Clock& clock, QString deviceName);

    // Entries fromSeq..toSeq (toSeq < 0: to the head), in seq order.
    Result<QJsonArray> auditEvents(qint64 fromSeq = 1, qint64 toSeq = -1);
    // The same as a Bundle of type collection.
    Result<QJsonObject> bundle(qint64 fromSeq = 1, qint64 toSeq = -1);
    // Bulk-data style NDJSON (one compact AuditEvent per line), streamed in batches
    // so a long log never has to fit in memory.
    Status writeNdjson(QIODevice& out, qint64 fromSeq = 1, qint64 toSeq = -1);

private:
    // Calls sink(resource) for every exported entry.
    template <typename Sink>
    Status forEachEvent(qint64 fromSeq, qint64 toSeq, Sink&& sink);

    vault::AuditRepository m_repository;
    const Clock& m_clock;
    QString m_deviceName;
};

// Re-verifies a chain from exported AuditEvents (as from auditEvents(), or the
// resources of a bundle()). Every field that enters the hash is read back from the
// visible FHIR elements, so editing the export is detected like editing the vault.
// An export starting at entry 1 must link to the vault's genesis; one starting later
// is checked from its first entry on (the message says so). trustedPublicKey: the
// device's audit public key, obtained out of band.
VerificationReport verifyFhirAuditExport(const QJsonArray& auditEvents, const QByteArray& trustedPublicKey);
// One exported AuditEvent read back: the entry as stored, its checkpoint if it
// carries one, and the vault it names (source.observer).
struct ParsedAuditEvent
{
    vault::AuditEntryRecord entry;
    std::optional<vault::AuditCheckpointRecord> checkpoint;
    QString vaultId;
};
// nullopt (and `missing` names what) when the resource is not a Lantern audit event.
std::optional<ParsedAuditEvent> parseFhirAuditEvent(const QJsonObject& resource, QString& missing);
// The AuditEvent resources of a Bundle, in entry order.
QJsonArray auditEventsFromBundle(const QJsonObject& bundle);

} // namespace lantern::audit
