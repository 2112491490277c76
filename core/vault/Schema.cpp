#include "core/vault/Schema.h"

#include "core/common/Logging.h"
#include "core/vault/Database.h"

namespace lantern::vault {

const QList<Migration>& schemaMigrations()
{
    static const QList<Migration> migrations = {
        {1,
         QStringLiteral("resources with verbatim FHIR JSON, patient index, vault metadata"),
         {
             QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             // One row per FHIR resource: the JSON as received plus the columns queries need.
             // A rowid table with a separate (type, id) key: the large JSON values
             // append to the end of the table and stay out of the key B-tree, so
             // page splits (each one a decrypt + re-encrypt) stay in the small index.
             QStringLiteral("CREATE TABLE resource ("
                            " rid INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, version_id TEXT,"
                            " last_updated TEXT, patient_id TEXT, status TEXT, json BLOB NOT NULL)"),
             QStringLiteral("CREATE UNIQUE INDEX resource_key ON resource (type, id)"),
             QStringLiteral("CREATE INDEX resource_by_patient ON resource (patient_id, type)"),
             QStringLiteral("CREATE TABLE patient_index ("
                            " id TEXT PRIMARY KEY, family TEXT, given TEXT, birth_date TEXT, sex TEXT,"
                            " mrn TEXT, kvnr TEXT, search_text TEXT NOT NULL DEFAULT '')"),
         }},
        {2,
         QStringLiteral("users and roles"),
         {
             // Key slots live outside the vault (they are needed to open it); who a
             // user is and what they may do lives inside, encrypted and authenticated.
             QStringLiteral("CREATE TABLE app_user ("
                            " username TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL,"
                            " wards TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,"
                            " disabled INTEGER NOT NULL DEFAULT 0)"),
         }},
        {3,
         QStringLiteral("tamper-evident audit chain"),
         {
             QStringLiteral("CREATE TABLE audit_entry ("
                            " seq INTEGER PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL,"
                            " action TEXT NOT NULL, patient_id TEXT, outcome TEXT NOT NULL, detail TEXT,"
                            " prev_hash BLOB NOT NULL, hash BLOB NOT NULL)"),
             QStringLiteral("CREATE TABLE audit_checkpoint ("
                            " seq INTEGER PRIMARY KEY, hash BLOB NOT NULL, signature BLOB NOT NULL,"
                            " public_key BLOB NOT NULL, time TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE device_secret (name TEXT PRIMARY KEY, value BLOB NOT NULL)"),
         }},
        {4,
         QStringLiteral("mirror cursors, scope membership, data-as-of per ward, mirror status"),
         {
             // Per resource type: the server instant the next _history walk starts from.
             QStringLiteral("CREATE TABLE mirror_cursor (name TEXT PRIMARY KEY, server_time TEXT NOT NULL)"),
             // Patients the device mirrors. Times: last_seen and loaded are server
             // instants; out_of_scope_since is the device's clock (the purge grace is
             // a local retention rule and must run while the EHR is unreachable too).
             QStringLiteral("CREATE TABLE mirror_scope ("
                            " patient_id TEXT PRIMARY KEY, ward TEXT NOT NULL DEFAULT '', last_seen TEXT NOT NULL,"
                            " out_of_scope_since TEXT, loaded INTEGER NOT NULL DEFAULT 0)"),
             // Server time at the start of the last complete cycle, per ward (or scope key).
             QStringLiteral("CREATE TABLE mirror_ward (ward TEXT PRIMARY KEY, data_as_of TEXT NOT NULL)"),
             // Last status, last error, cycle counters: small key/value state of the engine.
             QStringLiteral("CREATE TABLE mirror_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
         }},
        {5,
         QStringLiteral("downtime outbox: immutable entries, their reconciliation state, patient map, "
                        "downtime notes, downtime identifier range"),
         {
             // One row per confirmed entry, never changed or removed (the triggers
             // enforce it): the FHIR resource exactly as it will be uploaded. Times
             // are UTC ISO strings with milliseconds, so text order is time order.
             QStringLiteral("CREATE TABLE outbox_entry ("
                            " uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, patient_id TEXT NOT NULL,"
                            " device_id TEXT NOT NULL, author TEXT NOT NULL, witness TEXT,"
                            " recorded_at TEXT NOT NULL, clinical_time TEXT NOT NULL,"
                            " order_id TEXT, order_version_id TEXT, downtime_id TEXT, corrects TEXT,"
                            " resource BLOB NOT NULL, warnings BLOB NOT NULL)"),
             QStringLiteral("CREATE INDEX outbox_entry_by_patient ON outbox_entry (patient_id, clinical_time, recorded_at)"),
             QStringLiteral("CREATE INDEX outbox_entry_by_order ON outbox_entry (order_id)"),
             QStringLiteral("CREATE INDEX outbox_entry_by_corrects ON outbox_entry (corrects)"),
             QStringLiteral("CREATE TRIGGER outbox_entry_no_update BEFORE UPDATE ON outbox_entry"
                            " BEGIN SELECT RAISE(ABORT, 'outbox entries are immutable'); END"),
             QStringLiteral("CREATE TRIGGER outbox_entry_no_delete BEFORE DELETE ON outbox_entry"
                            " BEGIN SELECT RAISE(ABORT, 'outbox entries are immutable'); END"),
             // What happened to each entry on its way to the EHR: the only mutable part.
             QStringLiteral("CREATE TABLE outbox_state ("
                            " uuid TEXT PRIMARY KEY REFERENCES outbox_entry (uuid), state TEXT NOT NULL,"
                            " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
                            " server_id TEXT, server_version_id TEXT, conflict_reason TEXT, conflict_detail TEXT,"
                            " decision TEXT, decided_by TEXT, decided_at TEXT, decision_note TEXT,"
                            " updated_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX outbox_state_by_state ON outbox_state (state)"),
             // Patients admitted during downtime: local id -> the id the EHR gave them.
             QStringLiteral("CREATE TABLE outbox_patient_map (local_id TEXT PRIMARY KEY, server_id TEXT NOT NULL)"),
             // Downtime notes already posted, one per downtime and patient.
             QStringLiteral("CREATE TABLE downtime_note ("
                            " downtime_id TEXT NOT NULL, patient_id TEXT NOT NULL, server_id TEXT NOT NULL,"
                            " PRIMARY KEY (downtime_id, patient_id))"),
             // The device's block of downtime identifiers (at most one row).
             QStringLiteral("CREATE TABLE downtime_id_range ("
                            " slot INTEGER PRIMARY KEY CHECK (slot = 1), system TEXT NOT NULL, prefix TEXT NOT NULL,"
                            " first INTEGER NOT NULL, last INTEGER NOT NULL, next INTEGER NOT NULL,"
                            " CHECK (first <= last AND next >= first AND next <= last + 1))"),
         }},
        {6,
         QStringLiteral("census facts beside each resource the ward census reads"),
         {
             // Derived when a resource is stored (fhir/CensusFacts.h): the census of thousands
             // of patients reads these through the partial covering index below instead of
             // parsing every administration's JSON. Other types keep NULL and stay out of it.
             QStringLiteral("ALTER TABLE resource ADD COLUMN census TEXT"),
             QStringLiteral("CREATE INDEX resource_census ON resource (type, patient_id, census) WHERE census IS NOT NULL"),
             // A vault that already holds resources has no facts yet: the census derives them
             // once (records::CensusFactsBackfill). An empty vault is complete as it is.
             QStringLiteral("INSERT INTO meta (key, value) SELECT 'census_facts_version', '1'"
                            " WHERE NOT EXISTS (SELECT 1 FROM resource)"),
         }},
        {7,
         QStringLiteral("quarantine for resources that could not be stored but whose patient is known"),
         {
             // A resource that failed even indexing (importer, mirror) is kept here verbatim
             // instead of vanishing, so the chart lists it as "could not be read" and an
             // unreadable allergy record makes the allergy state unknown. resource_key is the
             // id, or a digest of the JSON when it has none: importing the same file twice
             // replaces, never duplicates. Encrypted like every other table of the vault.
             QStringLiteral("CREATE TABLE quarantine ("
                            " qid INTEGER PRIMARY KEY, patient_id TEXT NOT NULL, type TEXT NOT NULL,"
                            " resource_key TEXT NOT NULL, resource_id TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,"
                            " bears_allergies INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, received_at TEXT NOT NULL,"
                            " json BLOB NOT NULL)"),
             QStringLiteral("CREATE UNIQUE INDEX quarantine_key ON quarantine (patient_id, type, resource_key)"),
             QStringLiteral("CREATE INDEX quarantine_by_resource ON quarantine (type, resource_key)"),
         }},
        {8,
         QStringLiteral("device trust for snapshot files: trusted peer devices, last sequence imported per signer"),
         {
             // Peer devices IT trusts by their Ed25519 public key (base64): only snapshots
             // they signed are imported (core/snapshot). The name is IT's label, not a secret.
             QStringLiteral("CREATE TABLE trusted_device ("
                            " public_key TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', trusted_at TEXT NOT NULL,"
                            " trusted_by TEXT NOT NULL)"),
             // The highest snapshot sequence number imported from each signer, kept when the
             // signer is untrusted and trusted again, so an older snapshot is never replayed.
             QStringLiteral("CREATE TABLE snapshot_signer ("
                            " public_key TEXT PRIMARY KEY, last_sequence INTEGER NOT NULL, last_snapshot_id TEXT NOT NULL,"
                            " imported_at TEXT NOT NULL)"),
         }},
        {9,
         QStringLiteral("downtime drill: the running drill and its own outbox, apart from the real one"),
         {
             // At most one drill at a time. data_as_of: what the device could promise when
             // the drill was declared; audit_seq: the last audit entry before it, so the
             // report reads the drill's chart openings and printouts from the trail.
             QStringLiteral("CREATE TABLE drill ("
                            " slot INTEGER PRIMARY KEY CHECK (slot = 1), id TEXT NOT NULL, started_at TEXT NOT NULL,"
                            " started_by TEXT NOT NULL, data_as_of TEXT, audit_seq INTEGER NOT NULL)"),
             // The drill's entries: the shape of outbox_entry / outbox_state, in tables the
             // uploader never reads (OutboxRepository with OutboxStore::Drill refuses
             // every upload mark), emptied when the drill ends.
             QStringLiteral("CREATE TABLE drill_outbox_entry ("
                            " uuid TEXT PRIMARY KEY, kind TEXT NOT NULL, patient_id TEXT NOT NULL,"
                            " device_id TEXT NOT NULL, author TEXT NOT NULL, witness TEXT,"
                            " recorded_at TEXT NOT NULL, clinical_time TEXT NOT NULL,"
                            " order_id TEXT, order_version_id TEXT, downtime_id TEXT, corrects TEXT,"
                            " resource BLOB NOT NULL, warnings BLOB NOT NULL)"),
             QStringLiteral("CREATE INDEX drill_outbox_entry_by_patient ON drill_outbox_entry (patient_id, clinical_time, recorded_at)"),
             QStringLiteral("CREATE INDEX drill_outbox_entry_by_corrects ON drill_outbox_entry (corrects)"),
             QStringLiteral("CREATE TABLE drill_outbox_state ("
                            " uuid TEXT PRIMARY KEY REFERENCES drill_outbox_entry (uuid), state TEXT NOT NULL,"
                            " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
                            " server_id TEXT, server_version_id TEXT, conflict_reason TEXT, conflict_detail TEXT,"
                            " decision TEXT, decided_by TEXT, decided_at TEXT, decision_note TEXT,"
                            " updated_at TEXT NOT NULL)"),
         }},
        {10,
         QStringLiteral("census facts of an empty vault are current, not version 1"),
         {
             // Migration 6 marked an empty vault as holding version-1 facts, while every
             // resource stored since carries the current version (fhir::kCensusFactsVersion,
             // 3 when this migration was written): the first census of each new vault then
             // re-derived every resource, minutes for a hospital. A vault that is still empty
             // is current; one with resources keeps its mark and is re-derived once, as before.
             // Raising kCensusFactsVersion needs a migration like this one (a static_assert in
             // records/CensusFactsBackfill.cpp says so).
             QStringLiteral("INSERT OR REPLACE INTO meta (key, value) SELECT 'census_facts_version', '3'"
                            " WHERE NOT EXISTS (SELECT 1 FROM resource)"),
         }},
    };
    return migrations;
}

int latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

Result<int> schemaVersion(Database& db)
{
    auto v = db.scalar(QStringLiteral("PRAGMA user_version"));
    if (!v.ok())
        return v.error();
    return v->toInt();
}

Status migrate(Database& db, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestSchemaVersion();
    auto current = schemaVersion(db);
    if (!current.ok())
        return current.error();
    if (*current > latestSchemaVersion())
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("this vault has schema version %1, newer than this Lantern (%2); "
                                    "update Lantern on this device")
                         .arg(*current)
                         .arg(latestSchemaVersion()));
    for (const Migration& m : schemaMigrations()) {
        if (m.version <= *current || m.version > targetVersion)
            continue;
        auto tx = Transaction::begin(db);
        if (!tx.ok())
            return tx.error();
        for (const QString& sql : m.statements) {
            Status done = db.exec(sql);
            if (!done.ok())
                return done.error().prefixed(QStringLiteral("schema migration %1 (%2)").arg(m.version).arg(m.description));
        }
        LANTERN_TRY(db.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)));
        LANTERN_TRY((*tx)->commit());
        qCInfo(lcVault) << "vault schema migrated to version" << m.version;
    }
    return {};
}

} // namespace lantern::vault
