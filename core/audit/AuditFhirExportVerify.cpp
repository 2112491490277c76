// verifyFhirAuditExport: reads the chain back out of exported AuditEvents and
// walks it with the same ChainVerifier the vault uses.

#include "core/audit/AuditFhirCodes.h"
#include "core/audit/AuditFhirExport.h"
#include "core/audit/AuditHash.h"

#include <optional>

namespace lantern::audit {
namespace {

using ExportedEntry = ParsedAuditEvent;

QJsonValue extensionValue(const QJsonArray& parts, const QString& url, const QString& valueKey)
{
    for (const QJsonValue& part : parts) {
        const QJsonObject p = part.toObject();
        if (p.value(QStringLiteral("url")).toString() == url)
            return valueKey.isEmpty() ? p.value(QStringLiteral("extension")) : p.value(valueKey);
    }
    return {};
}

} // namespace

// Reads what the hash covers from the visible FHIR elements; the extension adds
// only what FHIR has no place for. Returns the name of what is missing on failure.
std::optional<ParsedAuditEvent> parseFhirAuditEvent(const QJsonObject& r, QString& missing)
{
    ExportedEntry out;
    auto& e = out.entry;
    if (r.value(QStringLiteral("resourceType")).toString() != QStringLiteral("AuditEvent")) {
        missing = QStringLiteral("resourceType AuditEvent");
        return std::nullopt;
    }
    QJsonArray chain;
    const QJsonArray extensions = r.value(QStringLiteral("extension")).toArray();
    for (const QJsonValue& ext : extensions) {
        if (ext.toObject().value(QStringLiteral("url")).toString() == QLatin1String(kAuditChainExtensionUrl))
            chain = ext.toObject().value(QStringLiteral("extension")).toArray();
    }
    const QJsonValue seq = extensionValue(chain, QStringLiteral("seq"), QStringLiteral("valueInteger"));
    if (!seq.isDouble()) {
        missing = QStringLiteral("the audit-chain extension");
        return std::nullopt;
    }
    e.seq = seq.toInteger();
    e.prevHash = QByteArray::fromHex(
        extensionValue(chain, QStringLiteral("prevHash"), QStringLiteral("valueString")).toString().toLatin1());
    e.hash = QByteArray::fromHex(
        extensionValue(chain, QStringLiteral("hash"), QStringLiteral("valueString")).toString().toLatin1());

    e.time = r.value(QStringLiteral("recorded")).toString();
    const QJsonArray agents = r.value(QStringLiteral("agent")).toArray();
    for (const QJsonValue& agent : agents) {
        const QJsonObject a = agent.toObject();
        if (a.value(QStringLiteral("requestor")).toBool())
            e.actor = a.value(QStringLiteral("who")).toObject().value(QStringLiteral("identifier")).toObject()
                          .value(QStringLiteral("value")).toString();
    }
    const QJsonArray subtypes = r.value(QStringLiteral("subtype")).toArray();
    for (const QJsonValue& subtype : subtypes) {
        const QJsonObject c = subtype.toObject();
        if (c.value(QStringLiteral("system")).toString() == QLatin1String(kAuditActionSystem))
            e.action = c.value(QStringLiteral("code")).toString();
    }
    const QJsonArray entities = r.value(QStringLiteral("entity")).toArray();
    const QString patientPrefix = QStringLiteral("Patient/");
    for (const QJsonValue& entity : entities) {
        const QString reference =
            entity.toObject().value(QStringLiteral("what")).toObject().value(QStringLiteral("reference")).toString();
        if (reference.startsWith(patientPrefix))
            e.patientId = reference.mid(patientPrefix.size());
    }
    const auto outcome = outcomeFromFhirCode(r.value(QStringLiteral("outcome")).toString());
    e.detail = r.value(QStringLiteral("outcomeDesc")).toString();
    out.vaultId = r.value(QStringLiteral("source")).toObject().value(QStringLiteral("observer")).toObject()
                      .value(QStringLiteral("identifier")).toObject().value(QStringLiteral("value")).toString();
    const QString urnPrefix = QStringLiteral("urn:uuid:");
    if (out.vaultId.startsWith(urnPrefix))
        out.vaultId = out.vaultId.mid(urnPrefix.size());

    if (e.time.isEmpty() || e.actor.isEmpty() || e.action.isEmpty() || !outcome || out.vaultId.isEmpty()) {
        missing = QStringLiteral("recorded, the requesting agent, the Lantern action, outcome or source");
        return std::nullopt;
    }
    e.outcome = *outcome;

    const QJsonArray signedParts = extensionValue(chain, QStringLiteral("checkpoint"), QString()).toArray();
    if (!signedParts.isEmpty()) {
        vault::AuditCheckpointRecord c;
        c.seq = e.seq;
        c.hash = e.hash; // the signature covers the entry hash itself
        c.time = extensionValue(signedParts, QStringLiteral("time"), QStringLiteral("valueInstant")).toString();
        c.signature = QByteArray::fromBase64(
            extensionValue(signedParts, QStringLiteral("signature"), QStringLiteral("valueBase64Binary")).toString().toLatin1());
        c.publicKey = QByteArray::fromBase64(
            extensionValue(signedParts, QStringLiteral("publicKey"), QStringLiteral("valueBase64Binary")).toString().toLatin1());
        out.checkpoint = c;
    }
    return out;
}

namespace {

VerificationReport broken(qint64 seq, const QString& message)
{
    VerificationReport report;
    report.ok = false;
    report.firstBadSeq = seq;
    report.message = message;
    return report;
}

} // namespace

VerificationReport verifyFhirAuditExport(const QJsonArray& auditEvents, const QByteArray& trustedPublicKey)
{
    QList<ExportedEntry> entries;
    entries.reserve(auditEvents.size());
    for (qsizetype i = 0; i < auditEvents.size(); ++i) {
        QString missing;
        auto parsed = parseFhirAuditEvent(auditEvents.at(i).toObject(), missing);
        if (!parsed)
            return broken(0, QStringLiteral("exported AuditEvent #%1 is malformed (no %2)").arg(i + 1).arg(missing));
        if (!entries.isEmpty() && parsed->vaultId != entries.constFirst().vaultId)
            return broken(parsed->entry.seq,
                          QStringLiteral("entry %1 comes from a different vault than the rest of the export")
                              .arg(parsed->entry.seq));
        entries.append(std::move(*parsed));
    }
    if (entries.isEmpty())
        return ChainVerifier(1, {}, trustedPublicKey, {}).finish();

    const ExportedEntry& first = entries.constFirst();
    const qint64 firstSeq = first.entry.seq;
    QList<vault::AuditCheckpointRecord> checkpoints;
    for (const ExportedEntry& exported : std::as_const(entries)) {
        if (exported.checkpoint)
            checkpoints.append(*exported.checkpoint);
    }
    ChainVerifier verifier(firstSeq, firstSeq == 1 ? genesisHash(first.vaultId) : first.entry.prevHash,
                           trustedPublicKey, checkpoints);
    for (const ExportedEntry& exported : std::as_const(entries)) {
        if (!verifier.addEntry(exported.entry))
            break;
    }
    VerificationReport report = verifier.finish();
    if (report.ok && firstSeq > 1)
        report.message += QStringLiteral("; the export starts at entry %1, entries before it were not checked").arg(firstSeq);
    return report;
}

} // namespace lantern::audit
