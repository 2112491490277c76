#include "core/audit/AuditCheckpointExport.h"

#include "core/audit/AuditFhirExport.h"
#include "core/audit/AuditHash.h"
#include "core/audit/AuditSigningKey.h"
#include "core/common/AtomicFile.h"
#include "core/common/Logging.h"
#include "core/vault/AuditRepository.h"
#include "core/vault/Vault.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QMap>

#include <algorithm>

namespace lantern::audit {
namespace {

constexpr int kLockTimeoutMs = 10000;
constexpr qint64 kMaxExportFileBytes = 64ll * 1024 * 1024;

QString exportedThroughMetaKey()
{
    return QStringLiteral("audit_checkpoints_exported_through");
}

Status appendLines(const QString& path, const QByteArray& lines)
{
    QByteArray content;
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io, QStringLiteral("could not read %1: %2").arg(path, existing.errorString()));
        content = existing.readAll();
        if (!content.isEmpty() && !content.endsWith('\n'))
            content.append('\n'); // never glue a new line onto a damaged last one
    }
    content.append(lines);
    return writeFileAtomically(path, content, AtomicWriteOptions{0600});
}

Error badLine(const QString& origin, const QString& what)
{
    return {ErrorCode::Corrupt,
            QStringLiteral("%1: %2; the exported checkpoint was altered or is not from this device's audit key")
                .arg(origin, what)};
}

} // namespace

QString exportDirMetaKey()
{
    return QStringLiteral("audit_export_dir");
}

QString defaultAuditExportDir(const QString& vaultDir)
{
    return QDir(vaultDir).absoluteFilePath(QStringLiteral("audit-export"));
}

Result<QString> auditExportDir(vault::Vault& vault, const QString& vaultDir)
{
    auto configured = vault.meta(exportDirMetaKey());
    if (!configured.ok())
        return configured.error();
    return configured->isEmpty() ? defaultAuditExportDir(vaultDir) : *configured;
}

QString checkpointExportFileName(const QString& checkpointTime)
{
    QDateTime when = QDateTime::fromString(checkpointTime, Qt::ISODateWithMs);
    const QString day = when.isValid() ? when.toUTC().date().toString(Qt::ISODate) : QStringLiteral("undated");
    return QStringLiteral("audit-checkpoints-%1.ndjson").arg(day);
}

AuditCheckpointExporter::AuditCheckpointExporter(vault::Vault& vault, QString exportDir, QString deviceName)
    : m_vault(vault), m_dir(std::move(exportDir)), m_deviceName(std::move(deviceName))
{
}

Result<int> AuditCheckpointExporter::exportPending()
{
    auto through = m_vault.meta(exportedThroughMetaKey());
    if (!through.ok())
        return through.error();
    const qint64 exportedThrough = through->toLongLong();
    vault::AuditRepository repository(m_vault);
    auto checkpoints = repository.readCheckpoints();
    if (!checkpoints.ok())
        return checkpoints.error();
    auto vaultId = m_vault.meta(QStringLiteral("vault_id"));
    if (!vaultId.ok())
        return vaultId.error();
    const AuditExportContext context{*vaultId, m_deviceName};

    QMap<QString, QByteArray> linesByFile; // sorted: files written in day order
    qint64 highest = exportedThrough;
    int count = 0;
    for (const auto& checkpoint : std::as_const(*checkpoints)) {
        if (checkpoint.seq <= exportedThrough)
            continue;
        auto entry = repository.entry(checkpoint.seq);
        if (!entry.ok())
            return entry.error();
        if (!entry->has_value())
            return Error(ErrorCode::Corrupt, QStringLiteral("audit checkpoint %1 has no entry; run `lanternctl verify`")
                                                 .arg(checkpoint.seq));
        linesByFile[checkpointExportFileName(checkpoint.time)] +=
            QJsonDocument(toFhirAuditEvent(**entry, &checkpoint, context)).toJson(QJsonDocument::Compact) + '\n';
        highest = std::max(highest, checkpoint.seq);
        ++count;
    }
    if (count == 0)
        return 0;

    if (!QFileInfo::exists(m_dir)) {
        if (!QDir().mkpath(m_dir))
            return Error(ErrorCode::Io, QStringLiteral("could not create the audit export folder %1").arg(m_dir));
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QLockFile lock(QDir(m_dir).absoluteFilePath(QStringLiteral(".audit-export.lock")));
    if (!lock.tryLock(kLockTimeoutMs))
        return Error(ErrorCode::Conflict, QStringLiteral("could not lock the audit export folder %1; another Lantern "
                                                         "program is writing it: try again in a moment")
                                              .arg(m_dir));
    for (auto it = linesByFile.constBegin(); it != linesByFile.constEnd(); ++it) {
        const Status written = appendLines(QDir(m_dir).absoluteFilePath(it.key()), it.value());
        if (!written.ok())
            return written.error().prefixed(QStringLiteral("exporting audit checkpoints"));
    }
    LANTERN_TRY(m_vault.setMeta(exportedThroughMetaKey(), QString::number(highest)));
    qCInfo(lcAudit) << "exported" << count << "audit checkpoint(s) to" << m_dir;
    return count;
}

Result<QList<ExportedCheckpoint>> readExportedCheckpoints(const QString& dir, const QByteArray& trustedPublicKey)
{
    const QFileInfo info(dir);
    if (!info.isDir() || !info.isReadable())
        return Error(ErrorCode::InvalidInput,
                     QStringLiteral("the checkpoint folder %1 does not exist or cannot be read").arg(dir));
    QList<ExportedCheckpoint> found;
    const QStringList files =
        QDir(dir).entryList({QStringLiteral("*.ndjson")}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString& name : files) {
        QFile file(QDir(dir).absoluteFilePath(name));
        if (file.size() > kMaxExportFileBytes)
            return Error(ErrorCode::InvalidInput, QStringLiteral("%1 is too large to be an audit checkpoint export").arg(name));
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::InvalidInput, QStringLiteral("could not read %1: %2").arg(name, file.errorString()));
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).trimmed().isEmpty())
                continue;
            const QString origin = QStringLiteral("%1 line %2").arg(name).arg(i + 1);
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(lines.at(i), &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                return badLine(origin, QStringLiteral("not a JSON object"));
            QString missing;
            auto parsed = parseFhirAuditEvent(doc.object(), missing);
            if (!parsed)
                return badLine(origin, QStringLiteral("not a Lantern AuditEvent (no %1)").arg(missing));
            if (!parsed->checkpoint)
                return badLine(origin, QStringLiteral("carries no signed checkpoint"));
            if (parsed->entry.hash.size() != kHashBytes || computeEntryHash(parsed->entry) != parsed->entry.hash)
                return badLine(origin, QStringLiteral("entry %1 does not match its hash").arg(parsed->entry.seq));
            const auto& checkpoint = *parsed->checkpoint;
            if (checkpoint.publicKey != trustedPublicKey)
                return badLine(origin, QStringLiteral("checkpoint %1 is signed by a key other than the trusted audit key")
                                           .arg(checkpoint.seq));
            if (!verifySignature(checkpointMessage(checkpoint.seq, checkpoint.hash, checkpoint.time),
                                 checkpoint.signature, trustedPublicKey))
                return badLine(origin, QStringLiteral("checkpoint %1 signature invalid").arg(checkpoint.seq));
            found.append({checkpoint, parsed->vaultId, origin});
        }
    }
    return found;
}

} // namespace lantern::audit
