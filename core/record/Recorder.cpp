#include "core/record/Recorder.h"

#include "core/drill/Drill.h"
#include "core/fhir/Reader.h"
#include "core/record/ConflictResolver.h"
#include "core/record/DoseCheck.h"
#include "core/record/DrugClasses.h"
#include "core/record/EntryResources.h"
#include "core/record/RecordContext.h"
#include "core/record/SafetyChecker.h"
#include "core/vault/DrillRepository.h"
#include "core/vault/OutboxRepository.h"
#include "core/vault/ResourceRepository.h"
#include "core/vault/Vault.h"

#include <algorithm>
#include <cmath>

namespace lantern::record {

struct Recorder::PreparedAdministration
{
    Person author;
    std::optional<Person> witness;
    OrderContext order;
    QDateTime givenAt;
    model::Quantity dose;
    QList<SafetyWarning> warnings;
};

namespace {

constexpr qsizetype kMaxTextLength = 20000; // a note, not a document
constexpr qsizetype kMaxShortText = 500;

Status checkText(const QString& field, const QString& text, qsizetype max, bool required)
{
    if (required && text.trimmed().isEmpty())
        return invalidField(field, QStringLiteral("required"));
    if (text.size() > max)
        return invalidField(field, QStringLiteral("longer than %1 characters").arg(max));
    return {};
}

Status checkPatientId(const QString& patientId)
{
    if (patientId.isEmpty())
        return invalidField(QStringLiteral("patientId"), QStringLiteral("missing"));
    if (!fhir::isValidId(patientId))
        return invalidField(QStringLiteral("patientId"), QStringLiteral("not a FHIR id"));
    return {};
}

// Every warning the checks found must have been shown and confirmed (same kind).
Result<QList<SafetyWarning>> acknowledge(const QList<SafetyWarning>& found, const QList<SafetyWarning>& acknowledged)
{
    QList<SafetyWarning> stored;
    QStringList missing;
    for (SafetyWarning w : found) {
        const bool confirmed = std::any_of(acknowledged.begin(), acknowledged.end(),
                                           [&](const SafetyWarning& a) { return a.kind == w.kind; });
        if (!confirmed && !missing.contains(w.kind))
            missing << w.kind;
        w.overridden = true;
        stored << w;
    }
    if (!missing.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("safety warnings not confirmed (%1): show them and record again with the "
                                    "person's confirmation; nothing was stored")
                         .arg(missing.join(QStringLiteral(", "))));
    return stored;
}

// Coded: the kind, and whether the entry amends another. Never free text.
QString auditDetail(const RecordEntry& e)
{
    return e.corrects.isEmpty() ? entryKindName(e.kind) : entryKindName(e.kind) + QStringLiteral(" amends");
}

} // namespace

Recorder::Recorder(vault::Vault& vault, QString author, QString deviceId, QString downtimeId, const Clock& clock,
                   bool realDowntimeOpen)
    : m_vault(vault), m_author(std::move(author)), m_deviceId(std::move(deviceId)), m_downtimeId(std::move(downtimeId)),
      m_clock(clock), m_store(vault::OutboxStore::Production)
{
    // Decided per Recorder (the desktop makes one per action): a drill started or
    // ended meanwhile applies to the next entry. A vault that cannot say whether a
    // drill runs cannot store the entry either; that error comes from the commit.
    auto drill = vault::DrillRepository(m_vault.db()).current();
    const bool running = drill.ok() && drill->has_value();
    m_store = drill::storeFor(running, realDowntimeOpen || !m_downtimeId.isEmpty());
    if (m_store == vault::OutboxStore::Drill)
        m_drillId = (*drill)->id;
}

RecordEntry Recorder::newEntry(EntryKind kind, const QString& patientId, const QDateTime& clinicalTime) const
{
    RecordEntry e;
    e.uuid = RecordContext::newUuid();
    e.kind = kind;
    e.patientId = patientId;
    e.deviceId = m_deviceId;
    e.author = m_author;
    e.recordedAt = m_clock.now().toUTC();
    e.clinicalTime = clinicalTime;
    e.downtimeId = m_store == vault::OutboxStore::Drill ? m_drillId : m_downtimeId;
    return e;
}

Result<std::function<Status()>> Recorder::applyAmends(RecordEntry& e, const QString& amends)
{
    if (amends.isEmpty())
        return std::function<Status()>();
    auto old = vault::OutboxRepository(m_vault.db(), m_store).item(amends);
    if (!old.ok())
        return old.error();
    if (!old->has_value())
        return invalidField(QStringLiteral("amends"), QStringLiteral("no such entry on this device"));
    const OutboxItem& it = **old;
    if (it.entry.kind != e.kind || it.entry.patientId != e.patientId)
        return invalidField(QStringLiteral("amends"), QStringLiteral("an amendment must be of the same kind and patient"));
    const bool decidedAmend = it.state == EntryState::Superseded && it.decision == Decision::Amend;
    if (it.state != EntryState::Pending && it.state != EntryState::Conflict && !decidedAmend)
        return invalidField(QStringLiteral("amends"),
                            QStringLiteral("the entry is %1; only entries not yet in the EHR can be amended")
                                .arg(entryStateName(it.state)));
    e.corrects = amends;
    if (it.state != EntryState::Conflict)
        return std::function<Status()>();
    // Amending an entry in conflict is the Amend decision: a physician's, and audited as one.
    LANTERN_TRY(ConflictResolver::mayResolve(m_vault, m_author));
    const QString patientId = e.patientId;
    const std::optional<ConflictReason> reason = it.conflict;
    return std::function<Status()>([this, patientId, reason]() {
        return auditDecision(m_vault, m_clock, m_author, patientId, Decision::Amend, reason);
    });
}

Result<Recorder::PreparedAdministration> Recorder::prepareAdministration(const AdministrationInput& input)
{
    LANTERN_TRY(checkPatientId(input.patientId));
    if (input.outcome != AdministrationOutcome::Given)
        LANTERN_TRY(checkText(QStringLiteral("reason"), input.reason, kMaxShortText, true));
    LANTERN_TRY(checkText(QStringLiteral("route"), input.route, kMaxShortText, false));
    LANTERN_TRY(checkText(QStringLiteral("site"), input.site, kMaxShortText, false));
    LANTERN_TRY(checkText(QStringLiteral("note"), input.note, kMaxTextLength, false));
    if (input.dose.value && (*input.dose.value < 0 || !std::isfinite(*input.dose.value)))
        return invalidField(QStringLiteral("dose"), QStringLiteral("must be a number of at least 0"));
    auto givenAt = clinicalTimeWithinLimits(input.givenAt, m_clock, QStringLiteral("givenAt"),
                                            amendedClinicalTime(m_vault, input.amends, m_store));
    if (!givenAt.ok())
        return givenAt.error();

    RecordContext context(m_vault, m_clock, m_store);
    PreparedAdministration p;
    auto author = context.author(m_author);
    if (!author.ok())
        return author.error();
    p.author = *author;
    if (!input.witness.isEmpty()) {
        auto witness = context.witness(input.witness, m_author);
        if (!witness.ok())
            return witness.error();
        p.witness = *witness;
    }
    auto order = context.order(input.patientId, input.orderId);
    if (!order.ok())
        return order.error();
    p.order = std::move(order).value();
    p.givenAt = *givenAt;
    p.dose = input.dose;
    if (!p.order.order.dosages.isEmpty()) {
        const model::Quantity& ordered = p.order.order.dosages.first().dose;
        if (p.dose.isEmpty()) {
            p.dose = ordered;
        } else if (p.dose.value && p.dose.unit.isEmpty() && p.dose.code.isEmpty()) {
            // A number without a unit is in the order's unit.
            p.dose.unit = ordered.unit;
            p.dose.code = ordered.code;
            p.dose.system = ordered.system;
        }
    }
    if (input.outcome == AdministrationOutcome::Given)
        LANTERN_TRY(checkDoseAgainstOrder(p.order.order, p.dose));

    if (!input.amends.isEmpty()) {
        // The entry being replaced is not a previous dose of the new one.
        QList<model::MedicationAdministration>& given = p.order.chart.administrations;
        given.erase(std::remove_if(given.begin(), given.end(),
                                   [&](const model::MedicationAdministration& a) {
                                       return a.local && a.local->entryUuid == input.amends;
                                   }),
                    given.end());
    }
    if (input.outcome == AdministrationOutcome::Given) {
        AdministrationCheck check;
        check.chart = &p.order.chart;
        check.order = &p.order.order;
        check.orderJson = p.order.orderJson;
        check.givenAt = p.givenAt;
        check.dose = p.dose;
        check.dataAsOf = p.order.dataAsOf;
        p.warnings = SafetyChecker().check(check);
    }
    return p;
}

Result<QList<SafetyWarning>> Recorder::checkAdministration(const AdministrationInput& input)
{
    auto prepared = prepareAdministration(input);
    if (!prepared.ok())
        return prepared.error();
    return prepared->warnings;
}

Result<RecordEntry> Recorder::recordAdministration(const AdministrationInput& input,
                                                   const QList<SafetyWarning>& acknowledged)
{
    auto prepared = prepareAdministration(input);
    if (!prepared.ok())
        return prepared.error();
    auto warnings = acknowledge(prepared->warnings, acknowledged);
    if (!warnings.ok())
        return warnings.error();
    // High-alert drugs (the drug-class table decides, by code or name) are given
    // only after a second person checked them: the same rule for every caller.
    if (input.outcome == AdministrationOutcome::Given && !prepared->witness
        && needsWitness(prepared->order.order.medication))
        return invalidField(QStringLiteral("witness"),
                            QStringLiteral("required: this is a high-alert drug; a second user must check the dose "
                                           "and be entered as witness. Nothing was stored"));

    RecordEntry e = newEntry(EntryKind::Administration, input.patientId, prepared->givenAt);
    e.witness = prepared->witness ? prepared->witness->username : QString();
    e.orderId = input.orderId;
    e.orderVersionId = prepared->order.orderVersionId;
    e.warnings = *warnings;

    AdministrationResourceInput r;
    r.uuid = e.uuid;
    r.patientId = input.patientId;
    r.order = prepared->order.orderJson;
    r.outcome = input.outcome;
    r.reason = input.reason.trimmed();
    r.dose = prepared->dose;
    r.route = input.route.trimmed();
    r.site = input.site.trimmed();
    r.givenAt = prepared->givenAt;
    r.performer = prepared->author;
    r.witness = prepared->witness;
    r.note = input.note.trimmed();
    e.resource = buildMedicationAdministration(r);

    auto amend = applyAmends(e, input.amends);
    if (!amend.ok())
        return amend.error();
    LANTERN_TRY(RecordContext(m_vault, m_clock, m_store).commit(e, auditDetail(e), *amend));
    return e;
}

Result<RecordEntry> Recorder::recordNote(const NoteInput& input)
{
    LANTERN_TRY(checkPatientId(input.patientId));
    LANTERN_TRY(checkText(QStringLiteral("text"), input.text, kMaxTextLength, true));
    auto at = clinicalTimeWithinLimits(input.at, m_clock, QStringLiteral("at"), amendedClinicalTime(m_vault, input.amends, m_store));
    if (!at.ok())
        return at.error();
    RecordContext context(m_vault, m_clock, m_store);
    auto author = context.author(m_author);
    if (!author.ok())
        return author.error();
    auto chart = context.chart(input.patientId); // the patient must be in the vault
    if (!chart.ok())
        return chart.error();

    RecordEntry e = newEntry(EntryKind::Note, input.patientId, *at);
    e.resource = buildNoteDocument({e.uuid, input.patientId, input.category, input.text, *at, *author});
    auto amend = applyAmends(e, input.amends);
    if (!amend.ok())
        return amend.error();
    LANTERN_TRY(context.commit(e, auditDetail(e), *amend));
    return e;
}

Result<RecordEntry> Recorder::recordOrderAnnotation(const OrderAnnotationInput& input)
{
    LANTERN_TRY(checkPatientId(input.patientId));
    LANTERN_TRY(checkText(QStringLiteral("text"), input.text, kMaxTextLength, input.kind != AnnotationKind::Hold));
    RecordContext context(m_vault, m_clock, m_store);
    auto author = context.author(m_author, true);
    if (!author.ok())
        return author.error();
    auto order = context.order(input.patientId, input.orderId);
    if (!order.ok())
        return order.error();

    const QDateTime now = m_clock.now().toUTC();
    RecordEntry e = newEntry(EntryKind::OrderAnnotation, input.patientId, now);
    e.orderId = input.orderId;
    e.orderVersionId = order->orderVersionId;
    e.resource = buildOrderAnnotationDocument({e.uuid, input.patientId, order->orderJson, input.kind, input.text, now, *author});
    auto amend = applyAmends(e, input.amends);
    if (!amend.ok())
        return amend.error();
    LANTERN_TRY(context.commit(e, auditDetail(e) + QLatin1Char(' ') + annotationKindName(input.kind), *amend));
    return e;
}

Result<RecordEntry> Recorder::recordReportedAllergy(const ReportedAllergyInput& input)
{
    LANTERN_TRY(checkPatientId(input.patientId));
    LANTERN_TRY(checkText(QStringLiteral("substance"), input.substance, kMaxShortText, true));
    LANTERN_TRY(checkText(QStringLiteral("reaction"), input.reaction, kMaxShortText, false));
    static const QStringList criticalities{QString(), QStringLiteral("low"), QStringLiteral("high"),
                                           QStringLiteral("unable-to-assess")};
    if (!criticalities.contains(input.criticality))
        return invalidField(QStringLiteral("criticality"), QStringLiteral("must be low, high or unable-to-assess"));
    RecordContext context(m_vault, m_clock, m_store);
    auto author = context.author(m_author);
    if (!author.ok())
        return author.error();
    auto chart = context.chart(input.patientId);
    if (!chart.ok())
        return chart.error();

    const QDateTime now = m_clock.now().toUTC();
    RecordEntry e = newEntry(EntryKind::ReportedAllergy, input.patientId, now);
    e.resource = buildReportedAllergy({e.uuid, input.patientId, input.substance.trimmed(), input.reaction.trimmed(),
                                       input.criticality, now, *author});
    auto amend = applyAmends(e, input.amends);
    if (!amend.ok())
        return amend.error();
    LANTERN_TRY(context.commit(e, auditDetail(e), *amend));
    return e;
}

Result<RecordEntry> Recorder::markEnteredInError(const QString& uuid, const QString& reason)
{
    LANTERN_TRY(checkText(QStringLiteral("reason"), reason, kMaxShortText, true));
    RecordContext context(m_vault, m_clock, m_store);
    auto author = context.author(m_author);
    if (!author.ok())
        return author.error();
    auto original = vault::OutboxRepository(m_vault.db(), m_store).item(uuid);
    if (!original.ok())
        return original.error();
    if (!original->has_value())
        return Error(ErrorCode::NotFound, QStringLiteral("uuid: no outbox entry %1 on this device").arg(uuid));
    const RecordEntry& old = (*original)->entry;
    if (isRetraction(old))
        return invalidField(QStringLiteral("uuid"), QStringLiteral("this entry is itself a correction; it cannot be "
                                                                   "marked entered-in-error"));

    RecordEntry e = newEntry(old.kind, old.patientId, m_clock.now().toUTC());
    e.orderId = old.orderId;
    e.orderVersionId = old.orderVersionId;
    e.corrects = old.uuid;
    e.resource = retractedResource(old.resource, reason.trimmed());
    std::function<Status()> removeLocal;
    if (old.kind == EntryKind::DowntimeAdmission) {
        // Admitted in error: the local Patient and Encounter leave the census with it.
        removeLocal = [this, &old]() -> Status {
            vault::ResourceRepository resources(m_vault.db());
            LANTERN_TRY(resources.remove(QStringLiteral("Encounter"), QStringLiteral("lantern-enc-") + old.uuid));
            return resources.remove(QStringLiteral("Patient"), old.patientId);
        };
    }
    LANTERN_TRY(context.commit(e, entryKindName(e.kind) + QStringLiteral(" entered-in-error"), removeLocal));
    return e;
}

} // namespace lantern::record
