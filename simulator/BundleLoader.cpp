#include "BundleLoader.h"

#include "ChartBuilders.h"
#include "FhirJson.h"
#include "SimLogging.h"
#include "Validation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace lantern::sim {

BundleLoader::BundleLoader(FhirStore& store, Census& census, Generator& generator)
    : m_store(store), m_census(census), m_generator(generator), m_transactions(store)
{
}

Result<LoadReport> BundleLoader::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, u"Cannot read "_s + path + u": "_s + file.errorString());
    auto parsed = parseResourceBody(file.readAll());
    if (!parsed)
        return parsed.error().prefixed(path);
    auto loaded = loadBundle(parsed.value());
    if (!loaded)
        return loaded.error().prefixed(path);
    qCInfo(lcSim) << "loaded" << loaded->resources << "resources," << loaded->patients.size() << "patients from a bundle";
    return loaded;
}

Result<LoadReport> BundleLoader::loadBundle(const QJsonObject& bundle)
{
    if (bundle.value(u"resourceType"_s).toString() != u"Bundle"_s)
        return Error(ErrorCode::InvalidInput, u"Not a FHIR Bundle."_s);
    const QString type = bundle.value(u"type"_s).toString();
    TransactionOptions options;
    options.includeResources = false;
    QJsonObject input = bundle;
    if (type != u"transaction"_s && type != u"batch"_s) {
        // Documents and collections: every resource becomes a POST to its type.
        options.postEverything = true;
        QJsonArray entries;
        const QJsonArray in = bundle.value(u"entry"_s).toArray();
        for (const QJsonValue& e : in)
            if (e.toObject().value(u"resource"_s).isObject())
                entries.append(e);
        input.insert(u"entry"_s, entries);
    }
    auto applied = m_transactions.apply(input, options);
    if (!applied)
        return applied.error();
    LoadReport report;
    report.resources = int(applied->writes.size());
    Rng rng = Rng::derived(m_generator.options().seed, 0x10AD0000ull + quint64(m_loaded++));
    for (const WriteOutcome& w : std::as_const(applied->writes)) {
        if (w.type != u"Patient"_s || !w.created)
            continue;
        const QString patientRef = fhir::refOf(w.type, w.id);
        report.patients.append(patientRef);
        auto encounter = admit(patientRef, rng, report);
        if (!encounter)
            return encounter.error();
        report.encounters.append(encounter.value());
    }
    LANTERN_TRY(m_census.refreshGroups());
    return report;
}

Result<QString> BundleLoader::admit(const QString& patientRef, Rng& rng, LoadReport& report)
{
    auto bed = m_census.freeBed();
    if (!bed) {
        const QList<WardInfo> wards = m_census.wards();
        if (wards.isEmpty())
            return Error(ErrorCode::Unsupported, u"There is no ward to place loaded patients on; use --wards 1 or more."_s);
        const QString wardId = wards.at(int(report.patients.size() - 1) % wards.size()).id;
        auto added = m_census.addBed(wardId);
        if (!added)
            return added.error();
        bed = std::make_pair(wardId, added.value());
    }
    const qint64 now = m_store.clock().nowMSecs();
    const qint64 admitMs = now - qint64(rng.between(3 * 60, 6 * 24 * 60)) * 60000;
    auto placed = m_generator.placeExisting(patientRef, bed->first, bed->second, admitMs);
    if (!placed)
        return placed.error();
    const QString encounterRef = u"Encounter/"_s + placed->encounterId;

    SearchQuery active;
    active.type = u"MedicationRequest"_s;
    active.patients = {patientRef};
    active.filters.append({Param::Status, {u"active"_s}});
    const QStringList orders = m_store.matchIds(active);
    const qint64 windowStart = std::max(admitMs, now - qint64(m_generator.options().windowDays) * 86400000);
    const qint64 before = m_store.versionCount();
    m_store.write([&](StoreWriter& w) {
        gen::Chart c;
        gen::StoreSink sink(w);
        c.sink = &sink;
        c.rng = &rng;
        c.tz = gen::wardTimeZone();
        c.patientRef = patientRef;
        c.encounterRef = encounterRef;
        c.admitMs = admitMs;
        c.nowMs = now;
        c.windowStartMs = windowStart;
        for (const QString& id : orders) {
            const auto mr = w.current(u"MedicationRequest"_s, id);
            if (!mr || mr->deleted())
                continue;
            const QJsonObject order = QJsonDocument::fromJson(mr->json).object();
            const QJsonObject dosage = order.value(u"dosageInstruction"_s).toArray().at(0).toObject();
            gen::AdministrationSpec base;
            base.patientRef = patientRef;
            base.encounterRef = encounterRef;
            base.requestRef = u"MedicationRequest/"_s + id;
            base.medication = order.value(u"medicationCodeableConcept"_s).toObject();
            if (base.medication.isEmpty())
                base.medication = fhir::textConcept(u"Medikation laut Verordnung"_s);
            base.dose = dosage.value(u"doseAndRate"_s).toArray().at(0).toObject().value(u"doseQuantity"_s).toObject();
            base.route = dosage.value(u"route"_s).toObject();
            gen::writeAdministrations(c, gen::scheduleFromDosage(dosage), base, windowStart, now, 0.04);
        }
        return 0;
    });
    report.administrations += int(m_store.versionCount() - before);
    return encounterRef;
}

} // namespace lantern::sim
