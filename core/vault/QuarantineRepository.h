#pragma once
// Resources that could not be stored as resources (they failed indexing: a bad
// id, a malformed meta, a reference that is not a Reference) but whose patient
// is known. They are kept verbatim, encrypted like the rest of the vault, so
// the chart can say "could not be read" instead of showing nothing; a valid
// version of the same resource arriving later releases them.

#include "core/common/Result.h"
#include "core/vault/Database.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace lantern::vault {

struct QuarantinedResource
{
    QString patientId;
    QString type;         // as written when it is a FHIR type, else empty
    QString resourceId;   // as written when valid, else empty
    QString reason;       // what is wrong (never patient data)
    bool bearsAllergies = false; // may carry allergy information (the allergy state becomes unknown)
    QString source;       // "import <file>" | "mirror"
    QString receivedAt;   // UTC ISO instant
    QByteArray json;      // verbatim
};

struct QuarantineCounts
{
    qint64 resources = 0;
    qint64 bearingAllergies = 0;
};

class QuarantineRepository
{
public:
    explicit QuarantineRepository(Database& db) : m_db(db) {}

    // Inside the caller's transaction; the same resource of the same patient replaces its earlier row.
    Status put(const QuarantinedResource& resource);
    Result<QList<QuarantinedResource>> forPatient(const QString& patientId);
    Result<QHash<QString, QuarantineCounts>> countsByPatient();
    Result<bool> isEmpty();
    // A readable version of type/id was stored: the quarantined copy is obsolete.
    Status release(const QString& type, const QString& id);
    Status removePatient(const QString& patientId);

private:
    Database& m_db;
};

} // namespace lantern::vault
