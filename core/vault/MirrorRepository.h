#pragma once
// The mirror engine's own state in the vault (schema migration 4): per-type
// cursors in server time, which patients are in scope (and since when they are
// not), "data as of" per ward, and the engine's last status and error. The
// caller owns transactions, so a page of resources and the cursor that covers
// it commit together.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace lantern::vault {

struct ScopeMember
{
    QString patientId;
    QString ward;                 // ward Location id, or the scope key ("group:x", "patients")
    QDateTime lastSeen;           // server time of the cycle that last saw the patient in scope
    QDateTime outOfScopeSince;    // device clock; null while in scope
    bool loaded = false;          // the initial pull of this patient is committed
};

// Version and lastUpdated of a stored resource, for de-duplication.
struct StoredVersionInfo
{
    QString versionId;
    QString lastUpdated;
};

class MirrorRepository
{
public:
    explicit MirrorRepository(Database& db) : m_db(db) {}

    // Cursors ("history:MedicationRequest"); nullopt when never set.
    Result<std::optional<QDateTime>> cursor(const QString& name);
    Status setCursor(const QString& name, const QDateTime& serverTime);
    // Sets the cursor only when none exists yet.
    Status initCursor(const QString& name, const QDateTime& serverTime);

    Result<QList<ScopeMember>> scope();
    Result<std::optional<ScopeMember>> member(const QString& patientId);
    // Marks the patient in scope (clears out_of_scope_since), keeping `loaded`.
    Status markInScope(const QString& patientId, const QString& ward, const QDateTime& serverTime);
    // Sets out_of_scope_since unless already set.
    Status markOutOfScope(const QString& patientId, const QDateTime& deviceTime);
    Status markLoaded(const QString& patientId);
    Status removeMember(const QString& patientId);
    Result<qint64> patientsInScope(); // members without out_of_scope_since

    Result<QHash<QString, QDateTime>> dataAsOf();
    Status setDataAsOf(const QString& ward, const QDateTime& serverTime);
    Status removeWard(const QString& ward);

    Result<QString> state(const QString& key);
    Status setState(const QString& key, const QString& value);
    Status removeState(const QString& key);
    // Every mirror_state row whose key starts with `prefix` (key -> value), e.g.
    // the purge guard's "drop_alarm/<ward>" rows.
    Result<QHash<QString, QString>> statesWithPrefix(const QString& prefix);

    Result<std::optional<StoredVersionInfo>> storedVersion(const QString& type, const QString& id);
    // Type and id of every stored resource of a patient (for purging).
    Result<QList<QPair<QString, QString>>> resourceKeysOfPatient(const QString& patientId);
    // Type, id and version of every stored resource (tests and `status`).
    Result<QHash<QString, QString>> versionsOfType(const QString& type);

private:
    Result<Statement*> cached(std::optional<Statement>& slot, const QString& sql);

    Database& m_db;
    std::optional<Statement> m_storedVersion;
};

} // namespace lantern::vault
