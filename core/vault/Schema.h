#pragma once
// The vault's schema as an ordered list of migrations. PRAGMA user_version holds
// the version reached; each migration runs in its own transaction together with
// the version bump, so a crash mid-migration leaves the previous version intact.
// SQL here must run on SQLite 3.15.2 (Debian's SQLCipher 3.4.1): no UPSERT, no
// JSON1, no window functions, no generated columns.

#include "core/common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace lantern::vault {

class Database;

struct Migration
{
    int version;
    QString description;
    QStringList statements;
};

const QList<Migration>& schemaMigrations();
int latestSchemaVersion();

Result<int> schemaVersion(Database& db);
// Applies every migration above the current version up to targetVersion (-1: latest).
Status migrate(Database& db, int targetVersion = -1);

} // namespace lantern::vault
