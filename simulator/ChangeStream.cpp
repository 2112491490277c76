#include "ChangeStream.h"

#include "Catalog.h"
#include "SimLogging.h"

#include <chrono>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lantern::sim {

namespace {

enum class Kind { Administration, Vitals, NewOrder, Discontinue, DoseChange, Admission, Discharge, NewAllergy };

struct Weighted
{
    Kind kind;
    int weight;
    const char* name;
};

const Weighted kKinds[] = {{Kind::Administration, 35, "administration"}, {Kind::Vitals, 15, "vitals"},
    {Kind::NewOrder, 10, "new-order"}, {Kind::Discontinue, 10, "discontinue"}, {Kind::DoseChange, 10, "dose-change"},
    {Kind::Admission, 7, "admission"}, {Kind::Discharge, 7, "discharge"}, {Kind::NewAllergy, 6, "new-allergy"}};

QJsonObject change(const char* kind, const QString& resource, const QString& patient)
{
    return QJsonObject{{u"kind"_s, QString::fromLatin1(kind)}, {u"resource"_s, resource}, {u"patient"_s, patient}};
}

} // namespace

ChangeStream::ChangeStream(ClinicalActions& actions, Census& census, quint64 seed)
    : m_actions(actions), m_census(census), m_rng(Rng::derived(seed, 0xC4A17E))
{
}

ChangeStream::~ChangeStream()
{
    stop();
}

void ChangeStream::start(double perMinute, int intervalSeconds)
{
    stop();
    if (perMinute <= 0)
        return;
    {
        std::lock_guard lock(m_threadMutex);
        m_perMinute = perMinute;
        m_intervalSeconds = std::max(1, intervalSeconds);
        m_stopping = false;
    }
    m_thread = std::thread([this] { run(); });
}

void ChangeStream::stop()
{
    {
        std::lock_guard lock(m_threadMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

int ChangeStream::batchSize() const
{
    return std::max(1, int(std::lround(m_perMinute * m_intervalSeconds / 60.0)));
}

void ChangeStream::run()
{
    double carry = 0;
    std::unique_lock lock(m_threadMutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::seconds(m_intervalSeconds), [this] { return m_stopping; });
        if (m_stopping)
            break;
        carry += m_perMinute * m_intervalSeconds / 60.0;
        const int n = int(carry);
        carry -= n;
        lock.unlock();
        if (n > 0)
            tick(n);
        lock.lock();
    }
}

QJsonArray ChangeStream::tick(int count)
{
    std::lock_guard lock(m_tickMutex);
    QJsonArray done;
    for (int i = 0; i < count; ++i) {
        const QJsonObject c = applyOne();
        if (!c.isEmpty()) {
            done.append(c);
            ++m_applied;
        }
    }
    qCDebug(lcSim) << "change stream applied" << done.size() << "changes";
    return done;
}

QJsonObject ChangeStream::applyOne()
{
    const QList<Stay> stays = m_census.stays();
    int capacity = 0;
    for (const WardInfo& w : m_census.wards())
        capacity += int(w.beds.size());
    const double occupancy = capacity > 0 ? double(stays.size()) / capacity : 1.0;

    int total = 0;
    for (const Weighted& k : kKinds)
        total += k.weight;
    int roll = m_rng.below(total);
    const Weighted* chosen = &kKinds[0];
    for (const Weighted& k : kKinds) {
        if (roll < k.weight) {
            chosen = &k;
            break;
        }
        roll -= k.weight;
    }
    // Keep the hospital between roughly 60 % and 95 % full.
    if (chosen->kind == Kind::Discharge && occupancy < 0.6)
        chosen = &kKinds[5];
    if (chosen->kind == Kind::Admission && occupancy > 0.95)
        chosen = &kKinds[6];
    if (stays.isEmpty() && chosen->kind != Kind::Admission)
        chosen = &kKinds[5];

    if (chosen->kind == Kind::Admission) {
        auto admitted = m_actions.admit();
        if (!admitted)
            return {};
        return change(chosen->name, u"Encounter/"_s + admitted->encounterId, u"Patient/"_s + admitted->patientId);
    }
    const Stay& stay = stays.at(m_rng.below(int(stays.size())));
    const QString& patient = stay.patientRef;
    switch (chosen->kind) {
    case Kind::Discharge: {
        auto r = m_actions.discharge(patient);
        return r ? change(chosen->name, u"Encounter/"_s + r->id, patient) : QJsonObject{};
    }
    case Kind::NewAllergy: {
        auto r = m_actions.newAllergy(patient, m_rng);
        return r ? change(chosen->name, u"AllergyIntolerance/"_s + r->id, patient) : QJsonObject{};
    }
    case Kind::Vitals: {
        auto r = m_actions.recordVitals(patient, m_rng);
        return r ? change(chosen->name, r.value(), patient) : QJsonObject{};
    }
    default:
        break;
    }
    const QStringList active = m_actions.ordersOf(patient);
    if (active.isEmpty() || chosen->kind == Kind::NewOrder) {
        auto r = m_actions.newOrder(patient, m_rng);
        return r ? change("new-order", u"MedicationRequest/"_s + r->id, patient) : QJsonObject{};
    }
    const QString order = active.at(m_rng.below(int(active.size())));
    if (chosen->kind == Kind::Discontinue) {
        auto r = m_actions.discontinue(order, m_rng.chance(0.85) ? u"stopped"_s : u"cancelled"_s,
            m_rng.pick(catalog::stopReasons()));
        return r ? change(chosen->name, u"MedicationRequest/"_s + r->id, patient) : QJsonObject{};
    }
    if (chosen->kind == Kind::DoseChange) {
        const auto current = m_actions.doseOf(order);
        if (!current)
            return {};
        QList<double> steps;
        for (const catalog::Drug& d : catalog::drugs())
            if (d.atc == current->first)
                for (double step : d.doseSteps)
                    if (step != current->second)
                        steps.append(step);
        const double dose = steps.isEmpty() ? current->second * (m_rng.chance(0.5) ? 2.0 : 0.5) : m_rng.pick(steps);
        auto r = m_actions.changeDose(order, dose);
        return r ? change(chosen->name, u"MedicationRequest/"_s + r->id, patient) : QJsonObject{};
    }
    AdministerOptions options;
    options.notDone = m_rng.chance(0.04);
    if (options.notDone)
        options.reasonText = u"Patient lehnt ab"_s;
    auto r = m_actions.administer(order, options);
    return r ? change(chosen->name, u"MedicationAdministration/"_s + r->id, patient) : QJsonObject{};
}

} // namespace lantern::sim
