#pragma once
// Which EHR patient an entry belongs to. Mirrored patients keep their id; a
// patient admitted during the downtime has a local id until its Patient entry
// is uploaded, then OutboxRepository::mapPatient knows the EHR's id, and the
// references of that patient's later entries are rewritten at upload time.

#include "core/common/Result.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace lantern::vault {
class OutboxRepository;
}

namespace lantern::sync {

class PatientResolver
{
public:
    // downtimeAdmissions: local patient ids of DowntimeAdmission entries.
    PatientResolver(vault::OutboxRepository& outbox, QSet<QString> downtimeAdmissions)
        : m_outbox(outbox), m_admissions(std::move(downtimeAdmissions))
    {
    }

    bool isDowntimeAdmission(const QString& localId) const { return m_admissions.contains(localId); }
    // The EHR id; nullopt while a downtime admission's Patient is not in the EHR yet.
    Result<std::optional<QString>> serverId(const QString& localId);
    Status map(const QString& localId, const QString& serverId);

private:
    vault::OutboxRepository& m_outbox;
    QSet<QString> m_admissions;
    QHash<QString, QString> m_cache;
};

} // namespace lantern::sync
