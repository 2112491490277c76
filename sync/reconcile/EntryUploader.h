#pragma once
// Puts one entry into the EHR so that trying again can never duplicate it:
// a conditional create keyed on the entry's identifier (If-None-Exist), or,
// for a retraction (record::isRetraction) of an entry already uploaded, an
// update of the server copy with If-Match on the version the upload left (412
// when someone changed it meanwhile -> a conflict for a person).

#include "sync/fhir/FhirClient.h"
#include "sync/reconcile/RequestFailure.h"
#include "core/record/RecordEntry.h"

namespace lantern::vault {
class OutboxRepository;
}

namespace lantern::sync {

struct UploadedAs
{
    QString serverId;
    QString versionId;
    bool created = false; // false: the EHR had it already (an earlier attempt got through)
};

class EntryUploader
{
public:
    EntryUploader(const FhirClient& client, vault::OutboxRepository& outbox) : m_client(client), m_outbox(outbox) {}

    // `resource`: the entry's resource with patient references already mapped to the EHR's ids.
    StepResult<UploadedAs> upload(const record::OutboxItem& item, const QJsonObject& resource) const;

private:
    StepResult<UploadedAs> create(const record::RecordEntry& entry, const QJsonObject& resource) const;
    StepResult<UploadedAs> correct(const record::RecordEntry& entry, const record::OutboxItem& corrected,
                                   QJsonObject resource) const;

    const FhirClient& m_client;
    vault::OutboxRepository& m_outbox;
};

} // namespace lantern::sync
