#include "core/audit/AuditEvent.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace lantern::audit {
namespace {

const std::array<std::pair<AuditAction, const char*>, 19> kActions = {{
    {AuditAction::Unlock, "unlock"},
    {AuditAction::UnlockFailed, "unlock-failed"},
    {AuditAction::Lock, "lock"},
    {AuditAction::ViewPatient, "view-patient"},
    {AuditAction::Print, "print"},
    {AuditAction::Import, "import"},
    {AuditAction::Export, "export"},
    {AuditAction::UserAdd, "user-add"},
    {AuditAction::UserUpdate, "user-update"},
    {AuditAction::UserRemove, "user-remove"},
    {AuditAction::PassphraseChange, "passphrase-change"},
    {AuditAction::BreakGlass, "break-glass"},
    {AuditAction::DowntimeDeclare, "downtime-declare"},
    {AuditAction::DowntimeEnd, "downtime-end"},
    {AuditAction::RecordEntry, "record-entry"},
    {AuditAction::ResolveConflict, "resolve-conflict"},
    {AuditAction::Purge, "purge"},
    {AuditAction::Verify, "verify"},
    {AuditAction::ConfigChange, "config-change"},
}};

const std::array<std::pair<AuditOutcome, const char*>, 3> kOutcomes = {{
    {AuditOutcome::Success, "success"},
    {AuditOutcome::Failure, "failure"},
    {AuditOutcome::Denied, "denied"},
}};

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

} // namespace

QString actionName(AuditAction action)
{
    for (const auto& [value, name] : kActions) {
        if (value == action)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AuditAction> actionFromName(const QString& name)
{
    for (const auto& [value, wire] : kActions) {
        if (name == QLatin1String(wire))
            return value;
    }
    return std::nullopt;
}

QString outcomeName(AuditOutcome outcome)
{
    for (const auto& [value, name] : kOutcomes) {
        if (value == outcome)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AuditOutcome> outcomeFromName(const QString& name)
{
    for (const auto& [value, wire] : kOutcomes) {
        if (name == QLatin1String(wire))
            return value;
    }
    return std::nullopt;
}

Status validate(const AuditEvent& event)
{
    if (event.actor.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("an audit event needs an actor (the username, or 'system')"));
    if (event.actor.size() > kMaxActorLength || hasControlCharacters(event.actor))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the audit actor must be a username of at most %1 printable characters")
                         .arg(kMaxActorLength));
    // FHIR R4 id: [A-Za-z0-9\-\.]{1,64}
    static const QRegularExpression fhirId(QStringLiteral("^[A-Za-z0-9\\-.]{1,64}$"));
    if (!event.patientId.isEmpty() && !fhirId.match(event.patientId).hasMatch())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the audit patient id is not a FHIR id (letters, digits, '-' and '.', at most 64)"));
    if (event.detail.size() > kMaxDetailLength || hasControlCharacters(event.detail))
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the audit detail must be one short line (at most %1 characters) of codes or counts, "
                                    "never patient free text")
                         .arg(kMaxDetailLength));
    return {};
}

} // namespace lantern::audit
