#include "sync/fhir/OperationOutcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace lantern::sync {

namespace {
constexpr int kMaxIssues = 5;
constexpr int kMaxTextLength = 300; // servers sometimes echo whole stack traces
} // namespace

QString summarizeOperationOutcome(const QJsonObject& outcome)
{
    if (outcome.value(QLatin1String("resourceType")).toString() != QLatin1String("OperationOutcome"))
        return {};
    QStringList parts;
    const QJsonArray issues = outcome.value(QLatin1String("issue")).toArray();
    for (const QJsonValue& value : issues) {
        if (parts.size() == kMaxIssues) {
            parts << QStringLiteral("%1 more issue(s)").arg(issues.size() - kMaxIssues);
            break;
        }
        const QJsonObject issue = value.toObject();
        QString text = issue.value(QLatin1String("diagnostics")).toString();
        if (text.isEmpty())
            text = issue.value(QLatin1String("details")).toObject().value(QLatin1String("text")).toString();
        text = text.simplified();
        if (text.size() > kMaxTextLength)
            text = text.left(kMaxTextLength) + QStringLiteral("…");
        QString part = issue.value(QLatin1String("severity")).toString(QStringLiteral("error")) + QStringLiteral(" (") +
                       issue.value(QLatin1String("code")).toString(QStringLiteral("unknown")) + QLatin1Char(')');
        if (!text.isEmpty())
            part += QStringLiteral(": ") + text;
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

QString summarizeOperationOutcome(const QByteArray& body)
{
    if (body.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() ? summarizeOperationOutcome(document.object()) : QString();
}

} // namespace lantern::sync
