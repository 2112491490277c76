#pragma once
// Maps and serialises the resources one mirror page writes: the census facts
// and a Patient's row (fhir::deriveFacts, one mapping per resource) and the
// JSON the vault keeps. That is most of the mirror's CPU per written
// resource, and while it runs no answer of the EHR is being read: with enough
// resources it runs on two threads (a ward PC has at least two cores), as the
// importer parses on a thread of its own. Pure: no vault, no network; the
// writer stores the items afterwards in page order.

#include "core/common/Result.h"
#include "core/fhir/ResourceIndex.h"
#include "core/import/ResourceWriter.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace lantern::sync {

struct PagePreparation
{
    // Fewer items than this are not worth a second thread.
    static constexpr qsizetype kParallelFrom = 64;

    struct Item
    {
        fhir::ResourceIndex index; // from fhir::indexKeys; completed here
        QJsonObject resource;
        std::optional<Result<import::PreparedResource>> prepared; // set by prepareAll
    };

    QList<Item> items;

    // Prepares every item (an item that cannot be prepared carries its Error).
    void prepareAll();
};

} // namespace lantern::sync
