#pragma once
// A real SQLCipher vault in a temporary folder with one small synthetic ward
// imported through core/import: a ward with a bed, patients with orders of
// every shape the safety checks care about, allergies by substance and by
// class, and users (nurse, second nurse, physician). A ManualClock drives time.

#include "TestSupport.h"
#include "core/common/Clock.h"
#include "core/record/Recorder.h"
#include "core/vault/Vault.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace lantern::test {

// Patients and orders of the synthetic ward.
inline const QString kPatient = QStringLiteral("pat-1");        // allergic to penicillin (SNOMED) and heparin (ATC)
inline const QString kPatientNoAllergy = QStringLiteral("pat-2"); // no allergies recorded
inline const QString kOrderAmoxicillin = QStringLiteral("mr-amox");   // pat-1, J01CR02, q8h: penicillin class
inline const QString kOrderEnoxaparin = QStringLiteral("mr-enox");    // pat-1, B01AB05, daily: heparin class
inline const QString kOrderHeparin = QStringLiteral("mr-hep");        // pat-1, B01AB01, q8h: heparin itself
inline const QString kOrderParacetamol = QStringLiteral("mr-para");   // pat-1, PRN q6h, max 4000 mg/d
inline const QString kOrderStopped = QStringLiteral("mr-stopped");    // pat-1, status stopped
inline const QString kOrderEnded = QStringLiteral("mr-ended");        // pat-1, active but bounds ended yesterday
inline const QString kOrderPat2 = QStringLiteral("mr-p2-para");       // pat-2, paracetamol 1-1-1-1 at fixed times
inline const QString kWard = QStringLiteral("loc-ward-3b");
inline const QString kBed = QStringLiteral("loc-bed-3b-01");
inline const QString kNurse = QStringLiteral("n.berger");
inline const QString kNurse2 = QStringLiteral("n.koch");
inline const QString kPhysician = QStringLiteral("dr.wolf");
inline const QString kDevice = QStringLiteral("device-a");
inline const QString kDowntime = QStringLiteral("dt-2026-03-01");

struct RecordFixture
{
    QTemporaryDir dir;
    // 2026-03-01 12:00 UTC; the ward data is as of 11:00.
    ManualClock clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<vault::Vault> vault;

    QString path() const { return dir.filePath(QStringLiteral("vault.db")); }

    // Creates the vault, imports the ward, adds the users. False (with a warning) on failure.
    bool create();
    bool reopen();
    void close() { vault.reset(); }

    record::Recorder recorder(const QString& author = kNurse) const;

    static QJsonObject wardBundle(const QDateTime& now);
};

// message of a failed Result, for QVERIFY2
template <typename R>
QByteArray why(const R& r)
{
    return r.ok() ? QByteArray() : r.error().message.toUtf8();
}

} // namespace lantern::test
