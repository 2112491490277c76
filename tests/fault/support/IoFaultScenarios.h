#pragma once
// The operations test_io_faults runs with an I/O fault armed, each on its own
// real SQLCipher vault. A scenario remembers what it confirmed (every run that
// returned ok), so that after the fault is gone it can check that all of it is
// still there, exactly once, and that nothing a failed run reported as failed
// was kept.

#include "core/common/Result.h"

#include <QString>

#include <memory>
#include <vector>

namespace lantern::test {

class IoFaultScenario
{
public:
    virtual ~IoFaultScenario() = default;
    virtual QString name() const = 0;
    // Creates the vault and whatever the operation needs (no fault armed).
    virtual bool setUp(QString& why) = 0;
    // The operation once. Opens the vault first when it is closed, so a cold
    // page cache makes the run read from disk; a failed run keeps its
    // connection open, so the retry after the fault runs on the same state.
    virtual Status run() = 0;
    // Closes every connection this scenario holds.
    virtual void close() = 0;
    // With a fresh connection and no fault: integrity_check is ok, every
    // confirmed item is present exactly once and nothing else was added, the
    // audit chain verifies. `lost` counts confirmed items that are missing.
    virtual bool verify(QString& why, int& lost) = 0;
};

// Recording a downtime entry (a nurse's note) through record::Recorder: outbox and audit in one transaction.
std::unique_ptr<IoFaultScenario> makeRecordEntryScenario();
// Importing a Bundle through import::Importer: one unit, all or nothing.
std::unique_ptr<IoFaultScenario> makeImportScenario();
// One mirror page (sync::MirrorWriter): resources and their cursor in one transaction.
std::unique_ptr<IoFaultScenario> makeMirrorPageScenario();
// Appending an audit entry in its own transaction.
std::unique_ptr<IoFaultScenario> makeAuditAppendScenario();
// A nurse's unlock as lanternctl does it: key slot, vault open, the unlock audit entry.
std::unique_ptr<IoFaultScenario> makeUnlockScenario();
// A configuration change (mirror.interval in the vault's meta table).
std::unique_ptr<IoFaultScenario> makeConfigScenario();
// IT adds a user: a row in the vault and a key slot in keyslots.json.
std::unique_ptr<IoFaultScenario> makeAddUserScenario();

} // namespace lantern::test
