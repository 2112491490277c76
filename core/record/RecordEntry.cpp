#include "core/record/RecordEntry.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace lantern::record {
namespace {

// Wire names: stored in the vault and read by the uploader. Never rename one.
const std::array<std::pair<EntryKind, const char*>, 5> kKinds = {{
    {EntryKind::Administration, "administration"},
    {EntryKind::Note, "note"},
    {EntryKind::OrderAnnotation, "order-annotation"},
    {EntryKind::ReportedAllergy, "reported-allergy"},
    {EntryKind::DowntimeAdmission, "downtime-admission"},
}};

const std::array<std::pair<EntryState, const char*>, 6> kStates = {{
    {EntryState::Pending, "pending"},
    {EntryState::Uploaded, "uploaded"},
    {EntryState::Conflict, "conflict"},
    {EntryState::Duplicate, "duplicate"},
    {EntryState::Superseded, "superseded"},
    {EntryState::EnteredInError, "entered-in-error"},
}};

const std::array<std::pair<ConflictReason, const char*>, 5> kReasons = {{
    {ConflictReason::OrderChanged, "order-changed"},
    {ConflictReason::OrderDiscontinued, "order-discontinued"},
    {ConflictReason::PossibleDuplicate, "possible-duplicate"},
    {ConflictReason::ServerRejected, "server-rejected"},
    {ConflictReason::PatientMerged, "patient-merged"},
}};

const std::array<std::pair<Decision, const char*>, 3> kDecisions = {{
    {Decision::UploadAnyway, "upload-anyway"},
    {Decision::MarkDuplicate, "mark-duplicate"},
    {Decision::Amend, "amend"},
}};

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, const QString& name)
{
    for (const auto& [v, wire] : table) {
        if (name == QLatin1String(wire))
            return v;
    }
    return std::nullopt;
}

} // namespace

QString entryKindName(EntryKind kind) { return nameOf(kKinds, kind); }
std::optional<EntryKind> entryKindFromName(const QString& name) { return valueOf(kKinds, name); }
QString entryStateName(EntryState state) { return nameOf(kStates, state); }
std::optional<EntryState> entryStateFromName(const QString& name) { return valueOf(kStates, name); }
QString conflictReasonName(ConflictReason reason) { return nameOf(kReasons, reason); }
std::optional<ConflictReason> conflictReasonFromName(const QString& name) { return valueOf(kReasons, name); }
QString decisionName(Decision decision) { return nameOf(kDecisions, decision); }
std::optional<Decision> decisionFromName(const QString& name) { return valueOf(kDecisions, name); }

} // namespace lantern::record

namespace lantern::record {

bool isRetraction(const RecordEntry& entry)
{
    if (entry.corrects.isEmpty())
        return false;
    const QString type = entry.resource.value(QLatin1String("resourceType")).toString();
    if (type == QLatin1String("Patient"))
        return entry.resource.contains(QLatin1String("active")) && !entry.resource.value(QLatin1String("active")).toBool();
    if (type == QLatin1String("AllergyIntolerance")) {
        const QJsonObject vs = entry.resource.value(QLatin1String("verificationStatus")).toObject();
        for (const QJsonValue& c : vs.value(QLatin1String("coding")).toArray()) {
            if (c.toObject().value(QLatin1String("code")).toString() == QLatin1String("entered-in-error"))
                return true;
        }
        return false;
    }
    return entry.resource.value(QLatin1String("status")).toString() == QLatin1String("entered-in-error");
}

} // namespace lantern::record
