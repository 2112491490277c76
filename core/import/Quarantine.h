#pragma once
// A resource that fails even indexing is not dropped when its patient can be
// told: the importer and the mirror keep it in the vault's quarantine
// (vault/QuarantineRepository.h) and the chart lists it as "could not be read".

#include "core/common/Result.h"
#include "core/vault/QuarantineRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace lantern::fhir {
class ReferenceResolver;
}

namespace lantern::import {

// The quarantine row for a resource that failed indexing with `why`, or nullopt
// when no patient can be told from it (a Patient's own valid id, or subject /
// patient / beneficiary resolving to a Patient, read loosely).
std::optional<vault::QuarantinedResource> quarantineRow(const QJsonObject& resource, const QByteArray& raw,
                                                        const fhir::ReferenceResolver& refs, const Error& why,
                                                        const QString& source, const QDateTime& now);

} // namespace lantern::import
