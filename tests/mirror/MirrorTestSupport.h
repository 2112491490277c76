#pragma once
// What the mirror tests compare: the resources (id -> versionId per type) the
// simulator holds for a set of patients, filtered the way the mirror filters
// (vital-sign and pregnancy status Observations only, entered-in-error dropped),
// against the vault.

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lantern::vault {
class Vault;
}
namespace lantern::sim {
class Simulator;
}

namespace lantern::test {

using VersionMap = QMap<QString, QString>; // "Type/id" -> versionId

VersionMap expectedFromSimulator(sim::Simulator& simulator, const QSet<QString>& patientIds);
VersionMap actualFromVault(vault::Vault& vault);
// Patient ids with an in-progress stay on one of these wards.
QSet<QString> patientsOnWards(sim::Simulator& simulator, const QStringList& wardIds);
// What identifies these patients in the simulator: ids, family and given
// names, identifier values (MRNs). Output meant to carry no patient data is
// checked against it.
QStringList patientIdentifyingStrings(sim::Simulator& simulator, const QSet<QString>& patientIds);
// First differences, for a readable failure message (ids only).
QString describeDifference(const VersionMap& expected, const VersionMap& actual);

} // namespace lantern::test
