#include "Generator.h"

#include "ChartBuilders.h"
#include "FhirJson.h"
#include "ShapingSink.h"
#include "SimLogging.h"

#include <QElapsedTimer>

#include <cmath>
#include <thread>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

constexpr qint64 kHour = 3600000;
constexpr qint64 kDay = 24 * kHour;

struct PatientJob
{
    int serial = 0;
    const WardInfo* ward = nullptr;
    int bed = 0;
    qint64 admitMs = 0;
    std::vector<PreparedResource> prepared;
};

} // namespace

Generator::Generator(FhirStore& store, Census& census, GeneratorOptions options)
    : m_store(store), m_census(census), m_options(options)
{
}

Status Generator::populate()
{
    QElapsedTimer timer;
    timer.start();
    // One stamp for the whole initial hospital: it was "last updated" when the server started.
    const qint64 stamp = m_store.clock().nowMSecs();
    const qint64 now = m_options.anchorMs.value_or(stamp);
    const QList<catalog::WardDef>& defs = catalog::wards();
    QList<WardInfo> created;
    for (int i = 0; i < m_options.wards; ++i) {
        const catalog::WardDef& def = defs.at(i % defs.size());
        const int round = i / int(defs.size());
        WardInfo w;
        w.id = u"ward-"_s + QString::number(i + 1);
        w.code = round == 0 ? def.code : def.code + u'-' + QString::number(round + 1);
        w.name = u"Station "_s + w.code + u" – "_s + def.name.section(u" – "_s, 1);
        w.profiles = def.profiles;
        const int beds = std::max(4, int(std::ceil(m_options.patientsPerWard * 1.25)) + 1);
        auto stored = m_store.write([&](StoreWriter& writer) -> Status {
            LANTERN_TRY(writer.put(gen::wardLocation(w.id, w.code, w.name)));
            for (int b = 1; b <= beds; ++b) {
                const QString n = QStringLiteral("%1").arg(b, 2, 10, QChar(u'0'));
                w.beds.append(w.id + u"-bed-"_s + n);
                w.bedNames.append(w.code + u'-' + n);
                LANTERN_TRY(writer.put(gen::bedLocation(w.id, w.name, w.beds.last(), w.bedNames.last())));
            }
            return {};
        });
        LANTERN_TRY(stored);
        m_census.addWard(w);
        created.append(w);
    }

    std::vector<PatientJob> jobs;
    for (const WardInfo& w : std::as_const(created)) {
        for (int p = 0; p < m_options.patientsPerWard; ++p) {
            PatientJob job;
            job.serial = m_nextSerial++;
            job.ward = &w;
            job.bed = p;
            Rng admitRng = Rng::derived(m_options.seed, 0xAD00000000ull + quint64(job.serial));
            job.admitMs = now - qint64(admitRng.between(2 * 60, 14 * 24 * 60)) * 60000;
            jobs.push_back(std::move(job));
        }
    }
    // Charts are built in parallel (each from its own seeded stream, with ids derived from
    // the patient's serial) and imported in serial order, so the result never depends on timing.
    const int workers = std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
    const size_t chunk = size_t(64 * workers);
    for (size_t begin = 0; begin < jobs.size(); begin += chunk) {
        const size_t end = std::min(jobs.size(), begin + chunk);
        std::atomic<size_t> next{begin};
        auto work = [&] {
            for (size_t i = next++; i < end; i = next++) {
                PatientJob& job = jobs[i];
                gen::BufferSink sink(job.serial, stamp);
                writePatient(sink, job.serial, *job.ward, job.bed, job.admitMs, now, true);
                job.prepared = sink.take();
            }
        };
        std::vector<std::thread> threads;
        for (int t = 1; t < workers; ++t)
            threads.emplace_back(work);
        work();
        for (std::thread& t : threads)
            t.join();
        auto imported = m_store.write([&](StoreWriter& writer) -> Status {
            for (size_t i = begin; i < end; ++i)
                for (PreparedResource& p : jobs[i].prepared)
                    LANTERN_TRY(writer.importPrepared(std::move(p)));
            return {};
        });
        LANTERN_TRY(imported);
    }
    LANTERN_TRY(m_census.refreshGroups());
    qCInfo(lcSim) << "generated" << m_options.wards << "wards," << jobs.size() << "patients,"
                  << m_store.versionCount() << "resources in" << timer.elapsed() << "ms";
    return {};
}

Admission Generator::writePatient(gen::ResourceSink& plainSink, int serial, const WardInfo& ward, int bedIndex,
    qint64 admitMs, qint64 nowMs, bool withHistory) const
{
    Rng rng = Rng::derived(m_options.seed, quint64(serial));
    std::optional<gen::ShapingSink> shaping;
    if (m_options.medicationShape != MedicationShape::Inline)
        shaping.emplace(plainSink, m_options.medicationShape);
    gen::ResourceSink& sink = shaping ? static_cast<gen::ResourceSink&>(*shaping) : plainSink;
    gen::Chart c;
    c.sink = &sink;
    c.rng = &rng;
    c.tz = gen::wardTimeZone();
    c.nowMs = nowMs;
    c.admitMs = admitMs;
    c.windowStartMs = std::max(admitMs, nowMs - qint64(m_options.windowDays) * kDay);
    c.withHistory = withHistory;
    const gen::PatientDraft draft = gen::draftPatient(rng, serial, nowMs);
    c.female = draft.female;
    c.ageYears = draft.ageYears;
    c.patientRef = gen::createResource(sink, draft.resource);
    const QString bedId = ward.beds.at(bedIndex);
    c.encounterRef = gen::createResource(sink, gen::encounterResource(c.patientRef, ward.id, ward.name, bedId,
                                                   ward.bedNames.at(bedIndex), admitMs, serial, c.tz));

    const catalog::Profile* profile = catalog::profile(rng.pick(ward.profiles));
    QList<catalog::Diagnosis> diagnoses = profile->diagnoses;
    QStringList extraDrugs;
    bool dementia = false;
    const int comorbid = rng.below(3);
    for (int i = 0; i < comorbid; ++i) {
        const catalog::Diagnosis& d = rng.pick(catalog::comorbidities());
        if (std::any_of(diagnoses.begin(), diagnoses.end(), [&](const auto& x) { return x.code == d.code; }))
            continue;
        diagnoses.append(d);
        dementia = dementia || d.code == u"F03"_s;
        const QString drug = catalog::comorbidityDrug(d.code);
        if (!drug.isEmpty())
            extraDrugs.append(drug);
    }
    gen::writeConditions(c, diagnoses);
    gen::writeAllergies(c);
    gen::writeMedication(c, *profile, extraDrugs);
    gen::writeDevices(c, *profile);
    gen::writeCodeStatus(c);
    gen::writeFlags(c, dementia);
    // Ward rounds every 4 hours; a fresh admission has its first set at arrival.
    catalog::Schedule rounds;
    rounds.times = {QTime(2, 0), QTime(6, 0), QTime(10, 0), QTime(14, 0), QTime(18, 0), QTime(22, 0)};
    QList<qint64> vitalTimes = withHistory ? gen::scheduledTimes(rounds, c.windowStartMs, nowMs, c.tz) : QList<qint64>{};
    if (vitalTimes.isEmpty())
        vitalTimes.append(std::min(nowMs, admitMs + 30 * 60000));
    for (qint64 t : std::as_const(vitalTimes))
        gen::writeVitals(c, std::min(nowMs, t + qint64(rng.between(0, 40)) * 60000));
    // Last and from its own stream, so every other resource keeps its id and content.
    Rng pregnancyRng = Rng::derived(m_options.seed, 0x9E6A00000000ull + quint64(serial));
    gen::writePregnancyStatus(c, pregnancyRng);
    if (shaping) { // after everything else, from its own stream: the rest stays as in the inline shape
        Rng shapeRng = Rng::derived(m_options.seed, 0x5A4E00000000ull + quint64(serial));
        if (writesStatements(m_options.medicationShape))
            gen::writeHomeMedication(c, shapeRng);
        gen::writeDeviceUseStatements(c, shaping->devices());
    }
    return Admission{c.patientRef.section(u'/', 1), c.encounterRef.section(u'/', 1), ward.id, bedId};
}

Result<Admission> Generator::admitNew(const QString& wardId, const QString& bedId)
{
    const auto ward = m_census.ward(wardId);
    if (!ward || !ward->beds.contains(bedId))
        return Error(ErrorCode::NotFound, u"No bed "_s + bedId + u" on ward "_s + wardId + u"."_s);
    const qint64 now = m_store.clock().nowMSecs();
    // A client may have created "pat-<n>" through the REST API (server-assigned ids share that
    // form); such serials are skipped. The other generated ids ("mreq-<serial>-<n>") cannot clash.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int serial = m_nextSerial++;
        if (m_store.current(u"Patient"_s, u"pat-"_s + QString::number(serial)))
            continue;
        gen::BufferSink sink(serial, now);
        const Admission admission = writePatient(sink, serial, *ward, int(ward->beds.indexOf(bedId)), now, now, false);
        std::vector<PreparedResource> prepared = sink.take();
        auto imported = m_store.write([&](StoreWriter& writer) -> Status {
            if (writer.current(u"Patient"_s, admission.patientId))
                return Error(ErrorCode::Conflict, u"taken meanwhile"_s);
            for (PreparedResource& p : prepared)
                LANTERN_TRY(writer.importPrepared(std::move(p)));
            return {};
        });
        if (imported)
            return admission;
    }
    return Error(ErrorCode::Internal, u"Could not find a free patient id for the admission."_s);
}

Result<Admission> Generator::placeExisting(const QString& patientRef, const QString& wardId, const QString& bedId,
    qint64 admitMs)
{
    const auto ward = m_census.ward(wardId);
    if (!ward || !ward->beds.contains(bedId))
        return Error(ErrorCode::NotFound, u"No bed "_s + bedId + u" on ward "_s + wardId + u"."_s);
    const int serial = m_nextSerial++;
    const QJsonObject encounter = gen::encounterResource(patientRef, wardId, ward->name, bedId,
        ward->bedNames.at(ward->beds.indexOf(bedId)), admitMs, serial, gen::wardTimeZone());
    auto written = m_store.create(encounter);
    if (!written)
        return written.error();
    return Admission{patientRef.section(u'/', 1), written->id, wardId, bedId};
}

} // namespace lantern::sim
