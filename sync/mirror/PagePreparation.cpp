#include "sync/mirror/PagePreparation.h"

#include <QJsonDocument>

#include <thread>

namespace lantern::sync {
namespace {

void prepareRange(PagePreparation::Item* items, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        PagePreparation::Item& item = items[i];
        fhir::deriveFacts(item.index, item.resource);
        item.prepared = import::prepareResource(item.index, item.resource,
                                                QJsonDocument(item.resource).toJson(QJsonDocument::Compact));
    }
}

} // namespace

void PagePreparation::prepareAll()
{
    // Each thread touches only its own items (and reads their JSON, shared
    // read-only with the page): no locks needed.
    Item* data = items.data();
    const qsizetype n = items.size();
    if (n < kParallelFrom || std::thread::hardware_concurrency() < 2) {
        prepareRange(data, 0, n);
        return;
    }
    const qsizetype half = n / 2;
    std::thread second(prepareRange, data, half, n);
    prepareRange(data, 0, half);
    second.join();
}

} // namespace lantern::sync
