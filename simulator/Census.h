#pragma once
// Who lies in which bed: the wards and beds the generator created, and the
// current stays read from the store (in-progress Encounters). Keeps one Group
// per ward (id = the ward's Location id) listing the ward's current patients.

#include "FhirStore.h"
#include "Rng.h"

#include "core/common/Result.h"

#include <QList>
#include <QString>

#include <mutex>
#include <optional>

namespace lantern::sim {

struct WardInfo
{
    QString id;   // Location id, also the Group id
    QString code; // 3B
    QString name;
    QStringList profiles; // clinical profile keys typical for this ward
    QStringList beds;     // Location ids
    QStringList bedNames;
};

struct Stay
{
    QString encounterId;
    QString patientRef;
    QString wardId;
    QString bedId;
    QString since; // Encounter.period.start
};

class Census
{
public:
    explicit Census(FhirStore& store) : m_store(store) {}

    void addWard(const WardInfo& ward);
    // Adds and stores a new bed Location when a ward is full.
    Result<QString> addBed(const QString& wardId);
    QList<WardInfo> wards() const;
    std::optional<WardInfo> ward(const QString& id) const;
    QString wardOfBed(const QString& bedId) const;

    QList<Stay> stays() const;
    // A free bed, preferring `wardId` (empty: the emptiest ward); none if all are full.
    std::optional<std::pair<QString, QString>> freeBed(const QString& wardId = {}) const;
    // Brings every ward Group in line with the current stays (new version only when changed).
    Status refreshGroups();

private:
    FhirStore& m_store;
    mutable std::mutex m_mutex;
    QList<WardInfo> m_wards;
};

} // namespace lantern::sim
