#pragma once
// --json: the same data a command prints as text, as one JSON document on
// standard output. Field names are a contract with scripts (docs/it/cli-json.md):
// add fields, never rename or drop one.

#include "CliContext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace lantern::cli {

// Removes "--json" from args; true when it was there.
inline bool takeJsonFlag(QStringList& args)
{
    return args.removeAll(QStringLiteral("--json")) > 0;
}

inline void printJson(CliContext& ctx, const QJsonObject& document)
{
    ctx.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)) << Qt::flush;
}

} // namespace lantern::cli
