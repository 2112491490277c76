#pragma once
// A real vault for GUI tests: created in a QTemporaryDir with minimal KDF
// costs, a nurse account, and three synthetic inpatients on ward 3A that
// cover the three allergy states (recorded, NKA, no information), active,
// PRN and stopped orders, given, not-given and held doses.

#include "core/access/Session.h"
#include "core/access/VaultAccess.h"
#include "core/common/Clock.h"
#include "sync/mirror/MirrorEngine.h"

#include <QByteArray>
#include <QTemporaryDir>

#include <memory>

namespace lantern::test {

class GuiFixture
{
public:
    static const QString kNurse;
    static const QString kNursePass;
    static const QString kPhysician; // Dr. Paul Berger, ward 3A (record, resolve conflicts)
    static const QString kPhysicianPass;
    // Patient ids and names in the synthetic data.
    static const QString kErikaId;   // penicillin allergy, 3 orders (1 stopped)
    static const QString kMaxId;     // NKA, one active order
    static const QString kLenaId;    // no allergy information, no orders, pregnant (LOINC 82810-3)
    static const QString kErikaFamily;
    // The downtime the recording and printing tests run in (an hour old at `now`).
    static const QString kDowntimeId;
    static sync::MirrorStatus downtimeStatus(const QDateTime& now);

    GuiFixture(); // clock at 2026-03-01 10:00 UTC
    ~GuiFixture();

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString directory() const { return m_dir.path(); }
    ManualClock& clock() { return m_clock; }
    access::VaultAccess& access() { return *m_access; }
    // A fresh session of the nurse (Argon2id with minimum costs).
    std::unique_ptr<access::Session> unlockNurse();
    std::unique_ptr<access::Session> unlockPhysician();

    // Synthetic bundle; `extraPatients` adds that many more simple patients.
    static QByteArray bundle(const QDateTime& now, int extraPatients = 0);

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    std::unique_ptr<access::VaultAccess> m_access;
    QString m_error;
};

} // namespace lantern::test
