#include "core/access/KeySlotHealth.h"

#include "core/audit/AuditKeyCustody.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeyFileOwnership.h"
#include "core/keys/KeySlotFile.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

namespace lantern::access {

using keys::KeySlot;
using State = KeySlotState::State;

namespace {

const QString DeviceKeyFileName = QStringLiteral("device.key");

KeySlotState slotState(const QString& fileName, const KeySlot& slot, State state, const QString& message)
{
    return {fileName, KeySlot::kindName(slot.kind()), slot.name(), state, message};
}

} // namespace

QString KeySlotState::stateName(State state)
{
    switch (state) {
    case State::Ok: return QStringLiteral("ok");
    case State::BeforeFieldChecks: return QStringLiteral("before-field-checks");
    case State::Damaged: return QStringLiteral("damaged");
    case State::Missing: return QStringLiteral("missing");
    case State::Altered: return QStringLiteral("altered");
    case State::WrongOwnerOrMode: return QStringLiteral("wrong-owner-or-mode");
    case State::Unreadable: return QStringLiteral("unreadable");
    case State::NotCheckedHere: return QStringLiteral("not-checked-here");
    }
    return QStringLiteral("unknown");
}

QList<KeySlotState> KeySlotHealth::inspectFile(const QString& path, const QString& fileName,
                                               const SecureBuffer* deviceKey) const
{
    QList<KeySlotState> states;
    auto set = keys::KeySlotFile(path).load();
    if (!set.ok()) {
        const State state = set.error().code == ErrorCode::NotFound ? State::Missing : State::Damaged;
        states.append({fileName, QStringLiteral("file"), {}, state, set.error().message});
        return states;
    }
    const QString unchecked = QStringLiteral("ok, written before field checks (they are added with the next change "
                                             "to the key slots)");
    for (const KeySlot& slot : set->slots) {
        KeySlotState state = slotState(fileName, slot, set->fieldChecks ? State::Ok : State::BeforeFieldChecks,
                                       set->fieldChecks ? QStringLiteral("ok") : unchecked);
        // Only data-key slots carry a public key tagged under the data key.
        if (slot.isSealed() && (slot.kind() == KeySlot::Kind::User || slot.kind() == KeySlot::Kind::Device)) {
            if (const Status tag = slot.checkPublicKeyTag(set->vaultId, m_session.m_dataKey); !tag.ok())
                state = slotState(fileName, slot, State::Altered, tag.error().message);
        } else if (!slot.isSealed() && slot.kind() == KeySlot::Kind::User) {
            state.message += QStringLiteral(" (older slot format: converted at its holder's next unlock)");
        }
        if (state.state != State::Altered && deviceKey && KeySlot::isDeviceKind(slot.kind())) {
            auto opened = slot.unwrapWithDeviceKey(set->vaultId, *deviceKey);
            if (!opened.ok())
                state = slotState(fileName, slot, State::Altered,
                                  QStringLiteral("device.key does not open it (%1): device.key or this slot was changed "
                                                 "or replaced; restore both from the same backup")
                                      .arg(opened.error().message));
            else if (slot.kind() == KeySlot::Kind::Device && !opened->equals(m_session.m_dataKey))
                state = slotState(fileName, slot, State::Altered,
                                  QStringLiteral("it holds another key than this vault's data key (the slot was replaced)"));
        }
        states.append(state);
    }
    for (const keys::DamagedKeySlot& damaged : set->damaged)
        states.append({fileName, damaged.kindText, damaged.name, State::Damaged,
                       QStringLiteral("%1 is damaged: %2").arg(damaged.describe(), damaged.problem)});
    return states;
}

KeySlotState KeySlotHealth::inspectDeviceKey(bool deviceSlotPresent, std::optional<SecureBuffer>& loaded) const
{
    const QString path = m_session.directory().deviceKeyFile();
    KeySlotState state{DeviceKeyFileName, QStringLiteral("device-key"), {}, State::Ok, QStringLiteral("ok")};
    if (!QFileInfo(path).exists() && !QFileInfo(path).isSymLink()) {
        if (deviceSlotPresent) {
            state.state = State::Missing;
            state.message = QStringLiteral("%1 is missing: the mirror service cannot open the vault; restore it from "
                                           "the backup that holds this vault's keyslots.json")
                                .arg(path);
        } else {
            state.message = QStringLiteral("none, and no device slot: only people open this vault");
        }
        return state;
    }
    // Mode, type and folder first, whoever owns the file: a key others can read protects nothing.
    struct stat st
    {
    };
    const bool inspected = ::lstat(QFile::encodeName(path).constData(), &st) == 0;
    const uid_t owner = inspected ? st.st_uid : ::geteuid();
    if (const Status modes = keys::KeyFileOwnership::check(path, owner); !modes.ok()) {
        state.state = modes.error().code == ErrorCode::Denied ? State::WrongOwnerOrMode : State::Unreadable;
        state.message = modes.error().message;
        return state;
    }
    // Owned by another account, as on a packaged PC (the service's): only that account can read it.
    if (owner != ::geteuid()) {
        state.state = State::NotCheckedHere;
        state.message = QStringLiteral("%1 belongs to another account (uid %2), as the mirror service's key should: run "
                                       "verify as that account (sudo -u lantern lanternctl verify) to check it against "
                                       "the device slot")
                            .arg(path)
                            .arg(owner);
        return state;
    }
    auto key = keys::DeviceKey::load(path);
    if (!key.ok()) {
        state.state = key.error().code == ErrorCode::Corrupt ? State::Damaged : State::Unreadable;
        state.message = key.error().message;
        return state;
    }
    loaded = std::move(*key);
    if (!deviceSlotPresent) {
        state.state = State::Missing;
        state.message = QStringLiteral("%1 exists but keyslots.json has no device slot it could open").arg(path);
    }
    return state;
}

QList<KeySlotState> KeySlotHealth::inspect() const
{
    const VaultDirectory& dir = m_session.directory();
    auto set = keys::KeySlotFile(dir.keySlotFile()).load();
    const bool deviceSlotPresent =
        set.ok() && (set->contains(KeySlot::Kind::Device, KeySlot::deviceSlotName()) ||
                     !set->damagedOf(KeySlot::Kind::Device, KeySlot::deviceSlotName()).isEmpty());
    std::optional<SecureBuffer> deviceKey;
    KeySlotState deviceKeyState = inspectDeviceKey(deviceSlotPresent, deviceKey);

    QList<KeySlotState> states = inspectFile(dir.keySlotFile(), QStringLiteral("keyslots.json"),
                                             deviceKey ? &*deviceKey : nullptr);
    // The device slot's fields and tag checked out but device.key does not open
    // it: then it is device.key that changed.
    for (KeySlotState& state : states) {
        if (state.kind == KeySlot::kindName(KeySlot::Kind::Device) && state.state == State::Altered &&
            state.message.startsWith(QStringLiteral("device.key does not open"))) {
            deviceKeyState.state = State::Altered;
            deviceKeyState.message = QStringLiteral("%1 does not open the device slot, whose fields check out: device.key "
                                                    "was changed or replaced; restore it from a backup")
                                         .arg(dir.deviceKeyFile());
            state.state = State::Ok;
            state.message = QStringLiteral("ok (its fields and public key check out; device.key does not open it)");
        }
    }
    states.append(deviceKeyState);

    const QString auditFile = audit::AuditKeyCustody(dir.path(), m_session.vaultId()).slotFile();
    if (QFileInfo::exists(auditFile)) {
        // With device.key altered, the audit device slot fails to open for the same reason: said once, above.
        const bool deviceKeyTrusted = deviceKeyState.state == State::Ok;
        states += inspectFile(auditFile, QFileInfo(auditFile).fileName(), deviceKeyTrusted && deviceKey ? &*deviceKey : nullptr);
    }
    return states;
}

} // namespace lantern::access
