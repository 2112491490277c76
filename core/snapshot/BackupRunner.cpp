#include "core/snapshot/BackupRunner.h"

#include "core/snapshot/SnapshotWriter.h"
#include "core/vault/TrustedDeviceRepository.h"
#include "core/vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace lantern::snapshot {
namespace {

const QString kPurpose = QStringLiteral("backup");
const QString kLastBackupMeta = QStringLiteral("backup_last_at");

QString backupName(const QDateTime& at)
{
    return QStringLiteral("lantern-backup-%1.snap").arg(at.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")));
}

} // namespace

Result<QList<BackupFile>> BackupRunner::listIn(const QString& directory)
{
    QList<BackupFile> out;
    const QDir dir(directory);
    if (!dir.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("the backup folder %1 does not exist").arg(directory));
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("lantern-backup-*.snap")}, QDir::Files, QDir::Name)) {
        auto header = readSignedHeader(info.absoluteFilePath());
        // Another device's backups (a shared folder) and damaged files are left alone here; verify names them.
        if (!header.ok() || header->signer != m_identity.publicKey() || header->purpose != kPurpose)
            continue;
        out << BackupFile{info.absoluteFilePath(), header->created, header->sequence, info.size()};
    }
    std::sort(out.begin(), out.end(), [](const BackupFile& a, const BackupFile& b) { return a.sequence > b.sequence; });
    return out;
}

Result<QList<BackupFile>> BackupRunner::list()
{
    auto settings = BackupSettings::load(m_vault);
    if (!settings.ok())
        return settings.error();
    if (settings->directory.isEmpty())
        return Error(ErrorCode::InvalidInput, QStringLiteral("no backup folder is set: lanternctl config set backup.dir /path/to/backups"));
    return listIn(settings->directory);
}

Result<ImportReport> BackupRunner::verify(const QString& path)
{
    SnapshotReader reader(m_vault, m_identity, m_clock);
    const QByteArray own = m_identity.publicKey();
    reader.setTrustLookup([own](const QByteArray& signer) -> Result<std::optional<QString>> {
        if (signer == own)
            return std::optional<QString>(QStringLiteral("this device"));
        return std::optional<QString>();
    });
    reader.setReplayCheck(false); // older backups are still good backups
    return reader.verify(path);
}

Result<BackupReport> BackupRunner::run()
{
    auto settings = BackupSettings::load(m_vault);
    if (!settings.ok())
        return settings.error();
    LANTERN_TRY(settings->requireComplete());
    if (!QDir(settings->directory).exists())
        return Error(ErrorCode::NotFound, QStringLiteral("the backup folder %1 does not exist; create it (owned by the service "
                                                         "account, mode 0700) or set another with config set backup.dir")
                                              .arg(settings->directory));
    const QDateTime now = m_clock.now().toUTC();
    ExportOptions options;
    options.purpose = kPurpose;
    options.recipients = {settings->recoveryKey, m_identity.publicKey()};
    const QString path = QDir(settings->directory).filePath(backupName(now));
    if (QFileInfo::exists(path))
        return Error(ErrorCode::Conflict, QStringLiteral("a backup of this second exists already: %1").arg(path));
    auto written = SnapshotWriter(m_vault, m_identity, m_clock).write(path, options);
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("backup"));
    // Verified after writing, from the disk: a backup nobody can read is no backup.
    auto verified = verify(path);
    if (!verified.ok()) {
        QFile::remove(path);
        return verified.error().prefixed(QStringLiteral("the backup failed its check after writing and was removed"));
    }
    LANTERN_TRY(m_vault.setMeta(kLastBackupMeta, now.toString(Qt::ISODateWithMs)));
    BackupReport report;
    report.written = {path, now, written->sequence, written->bytes};
    report.resources = written->resources;
    report.entries = written->entries;
    auto all = listIn(settings->directory);
    if (!all.ok())
        return all.error();
    for (const BackupFile& old : backupsToRemove(*all, settings->keepDaily, settings->keepWeekly)) {
        if (old.path == path)
            continue;
        if (QFile::remove(old.path))
            report.removed << old;
    }
    return report;
}

Result<bool> BackupRunner::isDue()
{
    auto settings = BackupSettings::load(m_vault);
    if (!settings.ok())
        return settings.error();
    if (settings->intervalHours == 0 || !settings->requireComplete().ok())
        return false;
    auto last = m_vault.meta(kLastBackupMeta);
    if (!last.ok())
        return last.error();
    const QDateTime at = QDateTime::fromString(*last, Qt::ISODateWithMs);
    return !at.isValid() || at.secsTo(m_clock.now()) >= static_cast<qint64>(settings->intervalHours) * 3600;
}

Result<ImportReport> BackupRunner::restore(vault::Vault& vault, const QString& path, const DeviceIdentity& recoveryKey,
                                           const QByteArray& expectedSigner)
{
    SnapshotReader reader(vault, recoveryKey);
    vault::Vault* target = &vault;
    reader.setTrustLookup([target, expectedSigner](const QByteArray& signer) -> Result<std::optional<QString>> {
        if (!expectedSigner.isEmpty() && signer == expectedSigner)
            return std::optional<QString>(QStringLiteral("expected signer"));
        auto trusted = vault::TrustedDeviceRepository(target->db()).find(QString::fromLatin1(signer.toBase64()));
        if (!trusted.ok())
            return trusted.error();
        return trusted->has_value() ? std::optional<QString>((*trusted)->name) : std::optional<QString>();
    });
    reader.setReplayCheck(false); // a fresh device has no history; restoring an older backup on purpose is allowed
    return reader.import(path);
}

} // namespace lantern::snapshot
