#pragma once
// Shared by the tamper tests (label tamper): one small real vault made once
// (an IT administrator and a nurse, with key slots at the test KDF cost, a
// ward of patients, VACUUMed so every page of vault.db is in use and read by
// the integrity check), copied afresh for every case; the real lanternctl
// checks each copy; a tally of cases that the test prints for the lead.
// Header-only.

#include "../access/WardBundle.h"
#include "../support/LanternctlRun.h"

#include "core/access/VaultAccess.h"
#include "core/common/Clock.h"
#include "core/import/Importer.h"
#include "core/keys/KdfParameters.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace lantern::test {

inline const QString kTamperAdmin = QStringLiteral("it.meyer");
inline const QString kTamperNurse = QStringLiteral("n.berger");
inline const QString kTamperAdminPass = QStringLiteral("Lantern-IT-ward-admin-2026");
inline const QString kTamperNursePass = QStringLiteral("Night-shift-3B-lantern-ok");

// A vault folder built once; each case works on its own copy.
class TamperVault
{
public:
    // Empty on success, else what went wrong.
    QString create()
    {
        if (!m_tmp.isValid())
            return QStringLiteral("no temporary folder");
        m_pristine = m_tmp.filePath(QStringLiteral("pristine"));
        access::VaultAccess access(SystemClock::instance(), keys::KdfParameters::minimumForTesting());
        auto admin = access.initialise(m_pristine, kTamperAdmin, QStringLiteral("IT Meyer"), kTamperAdminPass);
        if (!admin.ok())
            return admin.error().message;
        const access::User nurse{kTamperNurse, QStringLiteral("Nina Berger"), access::Role::Nurse,
                                 {QStringLiteral("ward-3b")}, SystemClock::instance().now(), false};
        if (Status added = access.addUser(*admin, nurse, kTamperNursePass); !added.ok())
            return added.error().message;
        QList<WardPatient> patients;
        for (int i = 0; i < 12; ++i)
            patients.append({QStringLiteral("ward-3b"), QStringLiteral("p-%1").arg(i), QStringLiteral("MRN-%1").arg(1000 + i),
                             QStringLiteral("Family%1").arg(i)});
        auto imported = import::Importer(admin->vault()).importJson(wardBundle(patients), QStringLiteral("ward.json"));
        if (!imported.ok())
            return imported.error().message;
        // No free pages: a changed byte in a page nobody uses harms nothing and
        // no check reads it; after VACUUM every page belongs to a table or index.
        if (Status vacuumed = admin->vault().db().exec(QStringLiteral("VACUUM")); !vacuumed.ok())
            return vacuumed.error().message;
        auto free = admin->vault().db().scalar(QStringLiteral("PRAGMA freelist_count"));
        if (!free.ok() || free->toInt() != 0)
            return QStringLiteral("the test vault still has free pages");
        return {}; // the session closes here: the WAL is checkpointed into vault.db
    }

    QString pristine() const { return m_pristine; }

    // A fresh copy of the pristine folder (modes kept: device.key stays 0600).
    QString copy(const QString& name)
    {
        const QString target = m_tmp.filePath(name);
        QDir(target).removeRecursively();
        QDir().mkpath(target);
        ::chmod(QFile::encodeName(target).constData(), 0700);
        const QDir source(m_pristine);
        for (const QString& file : source.entryList(QDir::Files | QDir::Hidden)) {
            QFile::copy(source.filePath(file), target + QLatin1Char('/') + file);
            QFile::setPermissions(target + QLatin1Char('/') + file, QFile(source.filePath(file)).permissions());
        }
        for (const QString& sub : source.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QDir().mkpath(target + QLatin1Char('/') + sub);
            const QDir inner(source.filePath(sub));
            for (const QString& file : inner.entryList(QDir::Files))
                QFile::copy(inner.filePath(file), target + QLatin1Char('/') + sub + QLatin1Char('/') + file);
        }
        return target;
    }

    QString tempPath(const QString& name) const { return m_tmp.filePath(name); }

private:
    QTemporaryDir m_tmp;
    QString m_pristine;
};

inline CtlRun lanternctlAs(const QString& vault, const QString& user, const QString& pass, const QStringList& args)
{
    return runLanternctl(QStringList{QStringLiteral("--vault"), vault, QStringLiteral("--user"), user} + args, pass.toUtf8() + '\n');
}

inline CtlRun verifyAsAdmin(const QString& vault, const QStringList& extra = {})
{
    return lanternctlAs(vault, kTamperAdmin, kTamperAdminPass, QStringList{QStringLiteral("verify")} + extra);
}

// What must never be said about damage: the passphrase was right.
inline bool blamesPassphrase(const CtlRun& run)
{
    const QString all = QString(run.out + run.err);
    return all.contains(QStringLiteral("passphrase is wrong")) || all.contains(QStringLiteral("wrong passphrase")) ||
           all.contains(QStringLiteral("does not open the user key slot"));
}

inline bool flipByte(const QString& path, qint64 offset, char mask = 0x01)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        return false;
    char c = 0;
    if (f.read(&c, 1) != 1 || !f.seek(offset))
        return false;
    c = static_cast<char>(c ^ mask);
    return f.write(&c, 1) == 1;
}

// Counts the cases of one test and what was not detected, for the summary line.
class TamperTally
{
public:
    explicit TamperTally(QString what) : m_what(std::move(what)) {}
    // `detected`: the case ended as it must; `label` names it in the failure list.
    void record(bool detected, const QString& label, const CtlRun& run)
    {
        ++m_cases;
        if (detected)
            ++m_detected;
        else
            m_missed << QStringLiteral("%1: exit %2: %3").arg(label).arg(run.exitCode).arg(QString(run.out + run.err).simplified().left(400));
    }
    int cases() const { return m_cases; }
    bool allDetected() const { return m_missed.isEmpty() && m_cases > 0; }
    QString missed() const { return m_missed.join(QLatin1Char('\n')); }
    // The line the lead copies into the closing note.
    void print() const
    {
        qInfo("TAMPER CASES %s: %d detected of %d", qPrintable(m_what), m_detected, m_cases);
    }

private:
    QString m_what;
    int m_cases = 0;
    int m_detected = 0;
    QStringList m_missed;
};

} // namespace lantern::test
