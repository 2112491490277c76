#include "core/audit/AuditFhirCodes.h"

#include <array>

namespace lantern::audit {
namespace {

struct Row
{
    const char* action;
    const char* typeCode;
    const char* typeDisplay;
    const char* subtypeCode;
    const char* subtypeDisplay;
    const char* fhirAction;
};

// DICOM PS3.16 CID 400 (Audit Event ID) and CID 401 (Audit Event Type Code).
constexpr std::array<Row, 19> kRows = {{
    {"unlock", "110114", "User Authentication", "110122", "Login", "E"},
    {"unlock-failed", "110114", "User Authentication", "110122", "Login", "E"},
    {"lock", "110114", "User Authentication", "110123", "Logout", "E"},
    {"view-patient", "110110", "Patient Record", "", "", "R"},
    {"print", "110106", "Export", "", "", "R"},
    {"import", "110107", "Import", "", "", "C"},
    {"export", "110106", "Export", "", "", "R"},
    {"user-add", "110113", "Security Alert", "110137", "User Security Attributes Changed", "C"},
    {"user-update", "110113", "Security Alert", "110137", "User Security Attributes Changed", "U"},
    {"user-remove", "110113", "Security Alert", "110137", "User Security Attributes Changed", "D"},
    {"passphrase-change", "110113", "Security Alert", "110137", "User Security Attributes Changed", "U"},
    {"break-glass", "110113", "Security Alert", "110127", "Emergency Override Started", "E"},
    {"downtime-declare", "110100", "Application Activity", "", "", "E"},
    {"downtime-end", "110100", "Application Activity", "", "", "E"},
    {"record-entry", "110110", "Patient Record", "", "", "C"},
    {"resolve-conflict", "110110", "Patient Record", "", "", "U"},
    {"purge", "110110", "Patient Record", "", "", "D"},
    {"verify", "110101", "Audit Log Used", "", "", "E"},
    {"config-change", "110100", "Application Activity", "", "", "U"},
}};

} // namespace

FhirAuditCodes fhirAuditCodesFor(const QString& action)
{
    for (const Row& row : kRows) {
        if (action == QLatin1String(row.action))
            return {QString::fromLatin1(row.typeCode), QString::fromLatin1(row.typeDisplay),
                    QString::fromLatin1(row.subtypeCode), QString::fromLatin1(row.subtypeDisplay),
                    QString::fromLatin1(row.fhirAction)};
    }
    return {QStringLiteral("110100"), QStringLiteral("Application Activity"), {}, {}, QStringLiteral("E")};
}

QString fhirOutcomeCode(const QString& outcome)
{
    if (outcome == QLatin1String("success"))
        return QStringLiteral("0");
    if (outcome == QLatin1String("denied"))
        return QStringLiteral("4");
    return QStringLiteral("8");
}

std::optional<QString> outcomeFromFhirCode(const QString& code)
{
    if (code == QLatin1String("0"))
        return QStringLiteral("success");
    if (code == QLatin1String("4"))
        return QStringLiteral("denied");
    if (code == QLatin1String("8"))
        return QStringLiteral("failure");
    return std::nullopt;
}

} // namespace lantern::audit
