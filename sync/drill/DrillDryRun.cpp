#include "sync/drill/DrillDryRun.h"

#include "core/vault/OutboxRepository.h"
#include "core/vault/Vault.h"
#include "sync/mirror/MirrorClient.h"
#include "sync/reconcile/DuplicateCheck.h"
#include "sync/reconcile/OrderVersionCheck.h"
#include "sync/reconcile/PatientMergeCheck.h"

#include <QSet>

namespace lantern::sync {

using record::OutboxItem;

namespace {

drill::DryRunItem itemOf(const OutboxItem& item, const QString& outcome, const QString& reason = {})
{
    return {item.entry.uuid, record::entryKindName(item.entry.kind), outcome, reason};
}

drill::DryRunItem conflictOf(const OutboxItem& item, const ConflictFinding& finding)
{
    return itemOf(item, QStringLiteral("conflict"), record::conflictReasonName(finding.reason));
}

} // namespace

drill::DryRun drillDryRun(const FhirClient& client, vault::Vault& vault, int duplicateWindowMinutes)
{
    drill::DryRun result;
    auto pending = vault::OutboxRepository(vault.db(), vault::OutboxStore::Drill).pending();
    if (!pending.ok()) {
        result.error = pending.error().prefixed(QStringLiteral("cannot read the drill outbox")).message;
        return result;
    }
    QSet<QString> own;
    for (const OutboxItem& item : std::as_const(*pending))
        own.insert(item.entry.uuid);
    PatientMergeCheck merges(client);
    OrderVersionCheck orders(client);
    DuplicateCheck duplicates(client, [&own](const QString& uuid) { return own.contains(uuid); }, duplicateWindowMinutes);

    // Per patient, as the reconciler goes: its entries in upload order.
    QMap<QString, QList<OutboxItem>> byPatient;
    for (const OutboxItem& item : std::as_const(*pending))
        byPatient[item.entry.patientId].append(item);

    const auto stopped = [&result](const Error& error) {
        result.error = error.prefixed(QStringLiteral("the EHR did not answer the dry run")).message;
        return result;
    };
    for (auto group = byPatient.constBegin(); group != byPatient.constEnd(); ++group) {
        const QString patientId = group.key();
        const StepResult<PatientMergeStatus> merged = merges.status(patientId);
        if (merged.stop())
            return stopped(merged.error());
        QList<record::RecordEntry> entries;
        for (const OutboxItem& item : group.value())
            if (!record::isRetraction(item.entry))
                entries.append(item.entry);
        bool prepared = false;
        for (const OutboxItem& item : group.value()) {
            if (merged.conflict()) {
                result.items.append(conflictOf(item, merged.finding()));
                continue;
            }
            if (merged.value().mergedAway) {
                result.items.append(conflictOf(item, PatientMergeCheck::finding(merged.value())));
                continue;
            }
            const record::RecordEntry& entry = item.entry;
            const bool checked = !record::isRetraction(entry) &&
                                 (OrderVersionCheck::appliesTo(entry) || DuplicateCheck::appliesTo(entry));
            if (checked && !prepared) {
                const StepResult<bool> o = orders.prepare(entries);
                if (o.stop())
                    return stopped(o.error());
                const StepResult<bool> d = duplicates.prepare(entries, patientId);
                if (d.stop())
                    return stopped(d.error());
                prepared = true;
            }
            if (checked && OrderVersionCheck::appliesTo(entry)) {
                const StepResult<bool> order = orders.check(entry);
                if (order.stop())
                    return stopped(order.error());
                if (order.conflict()) {
                    result.items.append(conflictOf(item, order.finding()));
                    continue;
                }
            }
            if (checked && DuplicateCheck::appliesTo(entry)) {
                const StepResult<bool> duplicate = duplicates.check(entry, patientId);
                if (duplicate.stop())
                    return stopped(duplicate.error());
                if (duplicate.conflict()) {
                    result.items.append(conflictOf(item, duplicate.finding()));
                    continue;
                }
            }
            result.items.append(itemOf(item, QStringLiteral("would-file")));
        }
    }
    result.ran = true;
    return result;
}

drill::DryRun drillDryRun(const MirrorConfig& config, vault::Vault& vault, const Clock& clock)
{
    drill::DryRun result;
    if (!config.baseUrl.isValid() || config.baseUrl.isEmpty()) {
        result.error = QStringLiteral("no EHR is configured on this device (lanternctl config set mirror.base_url)");
        return result;
    }
    // Read scopes only: the dry run cannot write to the EHR even by mistake.
    auto client = makeMirrorClient(config, clock, {}, EhrAccess::Read);
    if (!client.ok()) {
        result.error = client.error().prefixed(QStringLiteral("cannot reach the EHR")).message;
        return result;
    }
    return drillDryRun(*client->client, vault);
}

} // namespace lantern::sync
