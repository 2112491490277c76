// lanternctl init | verify [--trusted-key FILE [--checkpoints DIR]]
#include "AuditCommands.h"
#include "CliContext.h"
#include "JsonOutput.h"
#include "PassphrasePrompt.h"

#include "core/audit/AuditCheckpointDuty.h"
#include "core/audit/AuditCheckpointExport.h"
#include "core/audit/AuditKeyCustody.h"
#include "core/audit/AuditLog.h"
#include "core/audit/AuditPublicKeyFile.h"
#include "core/access/KeySlotHealth.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <algorithm>

namespace lantern::cli {

int runInit(CliContext& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption admin(QStringLiteral("admin"), QStringLiteral("First IT administrator's username."), QStringLiteral("name"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Their display name."), QStringLiteral("text"));
    p.addOptions({admin, name});
    if (!p.parse(QStringList{QStringLiteral("init")} + args))
        return ctx.fail(p.errorText(), Usage);
    if (!p.isSet(admin))
        return ctx.fail(QStringLiteral("init needs --admin NAME (the first IT administrator)"), Usage);
    const QString username = p.value(admin);
    const QString display = p.isSet(name) ? p.value(name) : username;

    QString passphrase = PassphrasePrompt::readNew(QStringLiteral("New passphrase for %1 (at least 12 characters): ").arg(username));
    if (passphrase.isEmpty())
        return ctx.fail(QStringLiteral("no passphrase given; nothing was created"), Usage);
    access::VaultAccess access;
    auto session = access.initialise(ctx.vaultDir, username, display, passphrase);
    wipe(passphrase);
    if (!session.ok())
        return ctx.fail(session.error());
    audit::AuditLog log(session->vault(), SystemClock::instance());
    (void)log.append({username, audit::AuditAction::UserAdd, {}, audit::AuditOutcome::Success, QStringLiteral("vault created")});
    ctx.out << "Created vault in " << ctx.vaultDir << " with IT administrator " << username << Qt::endl;
    ctx.out << "The device key for the mirror service is " << session->directory().deviceKeyFile()
            << " (mode 0600): keep it readable only by the service account." << Qt::endl;
    auto publicKey = log.publicKey();
    if (publicKey.ok()) {
        ctx.out << "Audit public key (Ed25519): " << publicKey->toBase64() << Qt::endl;
        ctx.out << "Written to " << audit::AuditKeyCustody(session->directory().path(), session->vaultId()).publicKeyFile()
                << ": copy it off this device now and keep it; `lanternctl verify --trusted-key FILE` checks the audit "
                   "trail against that copy."
                << Qt::endl;
    }
    return Ok;
}

namespace {

// What verify checks against, read and checked before the vault is touched:
// a bad file or folder changes nothing.
struct TrustedInput
{
    QByteArray publicKey;
    QString keyFile;
    QList<audit::ExportedCheckpoint> exported;
    QString checkpointDir;
    bool json = false; // --json: the same checks as one document (docs/it/cli-json.md)
};

std::optional<int> readTrustedInput(CliContext& ctx, const QStringList& args, TrustedInput& in)
{
    QCommandLineParser p;
    const QCommandLineOption trustedKey(QStringLiteral("trusted-key"),
                                        QStringLiteral("IT's copy of the audit public key (PEM or base64)."), QStringLiteral("file"));
    const QCommandLineOption checkpoints(QStringLiteral("checkpoints"),
                                         QStringLiteral("Folder of collected audit checkpoint exports (*.ndjson)."), QStringLiteral("dir"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON document on standard output."));
    p.addOptions({trustedKey, checkpoints, json});
    if (!p.parse(QStringList{QStringLiteral("verify")} + args))
        return ctx.fail(p.errorText(), Usage);
    in.json = p.isSet(json);
    if (!p.positionalArguments().isEmpty())
        return ctx.fail(QStringLiteral("usage: lanternctl verify [--trusted-key FILE [--checkpoints DIR]] [--json]"), Usage);
    if (p.isSet(checkpoints) && !p.isSet(trustedKey))
        return ctx.fail(QStringLiteral("--checkpoints needs --trusted-key FILE: exported checkpoints are only as good as "
                                       "the key they are checked with; nothing was changed"),
                        Usage);
    if (!p.isSet(trustedKey))
        return std::nullopt;
    in.keyFile = p.value(trustedKey);
    auto key = audit::readPublicKeyFile(in.keyFile);
    if (!key.ok())
        return ctx.fail(key.error().message + QStringLiteral("; nothing was changed"), Usage);
    in.publicKey = *key;
    if (p.isSet(checkpoints)) {
        in.checkpointDir = p.value(checkpoints);
        auto exported = audit::readExportedCheckpoints(in.checkpointDir, in.publicKey);
        if (!exported.ok())
            return ctx.fail(QStringLiteral("audit checkpoint export: ") + exported.error().message +
                                QStringLiteral("; nothing was changed"),
                            exported.error().code == ErrorCode::InvalidInput ? Usage : Failed);
        in.exported = *exported;
    }
    return std::nullopt;
}

QString describeReport(const audit::VerificationReport& report)
{
    if (!report.ok)
        return report.message;
    QString text = QStringLiteral("ok (%1 entries, %2 signed checkpoints)").arg(report.entriesChecked).arg(report.checkpointsChecked);
    if (report.lastSeq > report.lastCheckpointSeq)
        text += report.lastCheckpointSeq == 0 ? QStringLiteral("; no entry is covered by a signed checkpoint yet")
                                              : QStringLiteral("; entries after %1 are not yet signed").arg(report.lastCheckpointSeq);
    return text;
}

} // namespace

int runVerify(CliContext& ctx, const QStringList& args)
{
    TrustedInput trusted;
    if (const auto bad = readTrustedInput(ctx, args, trusted))
        return *bad;

    access::VaultAccess access;
    std::optional<audit::AuditSigningKey> signingKey;
    QString keyNote;
    auto session = unlockWithAuditKey(ctx, access, signingKey, keyNote);
    if (!session)
        return ctx.unlockFailure();
    int problems = 0;
    // Text goes out line by line as before; --json collects the same results into one document.
    const bool json = trusted.json;
    QJsonObject doc;
    auto check = [](bool ok, const QString& message) { return QJsonObject{{QStringLiteral("ok"), ok}, {QStringLiteral("message"), message}}; };

    const Status integrity = session->vault().checkIntegrity();
    const QString integrityText = integrity.ok() ? QStringLiteral("ok") : integrity.error().message;
    if (!json)
        ctx.out << "vault integrity:  " << integrityText << Qt::endl;
    doc.insert(QStringLiteral("vaultIntegrity"), check(integrity.ok(), integrityText));
    problems += integrity.ok() ? 0 : 1;

    // Every key slot, the device slot and device.key, each with its state: never
    // "ok" for the lot while one of them is damaged (core decides each state).
    const QList<access::KeySlotState> slotStates = access::KeySlotHealth(*session).inspect();
    int slotProblems = 0;
    QJsonArray stateList;
    for (const access::KeySlotState& state : slotStates) {
        slotProblems += state.isProblem() ? 1 : 0;
        stateList.append(QJsonObject{{QStringLiteral("file"), state.file},
                                     {QStringLiteral("kind"), state.kind},
                                     {QStringLiteral("name"), state.name},
                                     {QStringLiteral("state"), access::KeySlotState::stateName(state.state)},
                                     {QStringLiteral("message"), state.message}});
    }
    const qsizetype slotCount = std::count_if(slotStates.begin(), slotStates.end(),
                                              [](const access::KeySlotState& s) { return s.kind != QLatin1String("device-key") && s.kind != QLatin1String("file"); });
    const bool deviceKeyUnchecked = std::any_of(slotStates.begin(), slotStates.end(), [](const access::KeySlotState& s) {
        return s.state == access::KeySlotState::State::NotCheckedHere;
    });
    const QString slotText =
        slotProblems != 0 ? QStringLiteral("%1 of %2 damaged, missing or altered").arg(slotProblems).arg(slotStates.size())
        : deviceKeyUnchecked ? QStringLiteral("ok (%1 slots; device.key belongs to another account, not checked here)").arg(slotCount)
                             : QStringLiteral("ok (%1 slots and device.key checked)").arg(slotCount);
    if (!json) {
        ctx.out << "key slots:        " << slotText << Qt::endl;
        for (const access::KeySlotState& state : slotStates) {
            const QString who = state.name.isEmpty() ? state.file : QStringLiteral("%1 %2 (%3)").arg(state.kind, state.name, state.file);
            ctx.out << "  " << who << ": " << (state.state == access::KeySlotState::State::Ok ? state.message
                                                : access::KeySlotState::stateName(state.state) + QStringLiteral(": ") + state.message)
                    << Qt::endl;
        }
    }
    QJsonObject slotDoc = check(slotProblems == 0, slotText);
    slotDoc.insert(QStringLiteral("slots"), static_cast<qint64>(slotCount));
    slotDoc.insert(QStringLiteral("states"), stateList);
    doc.insert(QStringLiteral("keySlots"), slotDoc);
    problems += slotProblems == 0 ? 0 : 1;

    audit::AuditLog log(session->vault(), SystemClock::instance());
    audit::VerifyOptions options;
    options.trustedPublicKey = trusted.publicKey;
    options.exported = trusted.exported;
    auto report = log.verify(options);
    const bool chainOk = report.ok() && report->ok;
    const QString chainText = report.ok() ? describeReport(*report) : report.error().message;
    if (!json)
        ctx.out << "audit chain:      " << chainText << Qt::endl;
    QJsonObject chainDoc = check(chainOk, chainText);
    chainDoc.insert(QStringLiteral("entries"), report.ok() ? report->entriesChecked : 0);
    chainDoc.insert(QStringLiteral("signedCheckpoints"), report.ok() ? report->checkpointsChecked : 0);
    chainDoc.insert(QStringLiteral("lastSeq"), report.ok() ? report->lastSeq : 0);
    chainDoc.insert(QStringLiteral("lastCheckpointSeq"), report.ok() ? report->lastCheckpointSeq : 0);
    doc.insert(QStringLiteral("auditChain"), chainDoc);
    problems += chainOk ? 0 : 1;
    if (!json)
        ctx.out << "audit key:        "
                << (trusted.keyFile.isEmpty()
                        ? QStringLiteral("checked against the public key recorded in the vault, which anyone with the data "
                                         "key can replace: pass --trusted-key FILE (IT's copy) for proof")
                        : QStringLiteral("checked against the trusted key %1").arg(trusted.keyFile))
                << Qt::endl;
    doc.insert(QStringLiteral("trustedKey"), trusted.keyFile.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(trusted.keyFile));
    if (!trusted.checkpointDir.isEmpty() && !json)
        ctx.out << "exported checkpoints: " << trusted.exported.size() << " in " << trusted.checkpointDir
                << (chainOk ? QStringLiteral(", all still in the vault") : QString()) << Qt::endl;
    doc.insert(QStringLiteral("exportedCheckpoints"), trusted.checkpointDir.isEmpty()
                                                           ? QJsonValue(QJsonValue::Null)
                                                           : QJsonValue(static_cast<qint64>(trusted.exported.size())));
    doc.insert(QStringLiteral("problems"), problems);
    doc.insert(QStringLiteral("ok"), problems == 0);

    (void)log.append({ctx.user, audit::AuditAction::Verify, {}, problems ? audit::AuditOutcome::Failure : audit::AuditOutcome::Success,
                      problems ? QStringLiteral("%1 problems").arg(problems) : QStringLiteral("ok")});
    QJsonObject signing{{QStringLiteral("signed"), false}};
    if (problems) {
        // nothing is signed over a chain that failed
        if (json) {
            doc.insert(QStringLiteral("checkpointSigning"), signing);
            printJson(ctx, doc);
        }
        return ctx.fail(QStringLiteral("verify found %1 problems").arg(problems));
    }
    if (!signingKey || trusted.publicKey.isEmpty()) {
        // Signing after a self-check only would bless a log someone shortened and
        // made consistent again: sign only what was checked against IT's key.
        auto due = log.dueCheckpoints();
        const QString why = signingKey ? QStringLiteral("verified without --trusted-key") : keyNote;
        const qint64 dueCount = due.ok() ? due->size() : 0;
        if (json) {
            signing.insert(QStringLiteral("notSignedBecause"), why);
            signing.insert(QStringLiteral("due"), dueCount);
            doc.insert(QStringLiteral("checkpointSigning"), signing);
            printJson(ctx, doc);
            return Ok;
        }
        ctx.out << "checkpoints not signed here (" << why << "); " << dueCount
                << " due, the mirror service signs them on its next cycle" << Qt::endl;
        return Ok;
    }
    // A verified chain gets a signed checkpoint at its head, so the next
    // verification covers everything up to here with a signature.
    auto duty = audit::signAndExportCheckpoints(session->vault(), *signingKey, SystemClock::instance(),
                                                session->directory().path(), true);
    if (!duty.ok())
        return ctx.fail(duty.error().prefixed(QStringLiteral("signing audit checkpoints")));
    auto head = log.head();
    const qint64 headSeq = head.ok() && head->has_value() ? (*head)->seq : 0;
    if (json) {
        signing = {{QStringLiteral("signed"), true},
                   {QStringLiteral("atEntry"), headSeq},
                   {QStringLiteral("newCheckpoints"), static_cast<qint64>(duty->signedCount)},
                   {QStringLiteral("exported"), static_cast<qint64>(duty->exportedCount)},
                   {QStringLiteral("exportDir"), duty->exportDir}};
        doc.insert(QStringLiteral("checkpointSigning"), signing);
        printJson(ctx, doc);
        return Ok;
    }
    ctx.out << "signed checkpoint at entry " << headSeq << " (" << duty->signedCount << " new), exported " << duty->exportedCount
            << " to " << duty->exportDir << Qt::endl;
    return Ok;
}

} // namespace lantern::cli
