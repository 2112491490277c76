#include "core/keys/KeySlotFile.h"

#include "core/common/AtomicFile.h"
#include "core/common/Logging.h"
#include "core/keys/KeySlotFieldChecks.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <optional>

namespace lantern::keys {
namespace {

const QString FormatName = QStringLiteral("lantern-keyslots");
const QString KdfAlgorithm = QStringLiteral("argon2id13");
constexpr int LockTimeoutMs = 10000;

Error corrupt(const QString& fileName, const QString& what)
{
    return {ErrorCode::Corrupt, QStringLiteral("the key slot file %1 is damaged (%2); restore it from a "
                                               "backup or ask IT to re-issue the key slots")
                                    .arg(fileName, what)};
}

// The last field name before `offset`, so a JSON syntax error is named by the
// field it hit ("near \"salt\"") rather than by a bare byte offset.
QString fieldNear(const QByteArray& json, int offset)
{
    const QByteArray before = json.left(offset);
    const qsizetype colon = before.lastIndexOf("\":");
    if (colon < 0)
        return {};
    const qsizetype open = before.lastIndexOf('"', colon - 1);
    if (open < 0)
        return {};
    return QStringLiteral(" near \"%1\"").arg(QString::fromUtf8(before.mid(open + 1, colon - open - 1)).left(40));
}

QString toBase64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

std::optional<QByteArray> fromBase64(const QJsonValue& value)
{
    if (!value.isString())
        return std::nullopt;
    auto decoded =
        QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

// JSON numbers are doubles: accept only exact non-negative integers.
std::optional<quint64> toUInt(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d < 0 || d > 9007199254740992.0 || d != static_cast<double>(static_cast<quint64>(d)))
        return std::nullopt;
    return static_cast<quint64>(d);
}

QJsonObject slotToJson(const KeySlot& slot)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), KeySlot::kindName(slot.kind()));
    o.insert(QStringLiteral("name"), slot.name());
    if (KeySlot::isPassphraseKind(slot.kind())) {
        QJsonObject kdf;
        kdf.insert(QStringLiteral("algorithm"), KdfAlgorithm);
        kdf.insert(QStringLiteral("opslimit"), static_cast<qint64>(slot.kdf().opsLimit));
        kdf.insert(QStringLiteral("memlimit"), static_cast<qint64>(slot.kdf().memLimit));
        o.insert(QStringLiteral("kdf"), kdf);
        o.insert(QStringLiteral("salt"), toBase64(slot.salt()));
    }
    if (!slot.wrappedKey().isEmpty()) { // a sealed device slot wraps nothing
        o.insert(QStringLiteral("nonce"), toBase64(slot.nonce()));
        o.insert(QStringLiteral("wrapped_key"), toBase64(slot.wrappedKey()));
    }
    if (slot.isSealed()) {
        o.insert(QStringLiteral("public_key"), toBase64(slot.publicKey()));
        o.insert(QStringLiteral("sealed_key"), toBase64(slot.sealedKey()));
        o.insert(QStringLiteral("public_key_tag"), toBase64(slot.publicKeyTag()));
    }
    if (slot.isOneTime())
        o.insert(QStringLiteral("one_time"), true);
    return o;
}

// What is wrong with one slot, naming the field ("field salt is malformed");
// the caller keeps such a slot aside as damaged.
Result<KeySlot> slotFromJson(const QJsonValue& value)
{
    auto bad = [](const QString& what) { return Error(ErrorCode::Corrupt, what); };
    if (!value.isObject())
        return bad(QStringLiteral("it is not an object"));
    const QJsonObject o = value.toObject();
    const QString kindText = o.value(QStringLiteral("kind")).toString();
    std::optional<KeySlot::Kind> known;
    for (const KeySlot::Kind candidate : {KeySlot::Kind::User, KeySlot::Kind::Device, KeySlot::Kind::AuditUser,
                                          KeySlot::Kind::AuditDevice}) {
        if (kindText == KeySlot::kindName(candidate))
            known = candidate;
    }
    if (!known)
        return bad(QStringLiteral("field kind has an unknown value"));
    const KeySlot::Kind kind = *known;
    const QString name = o.value(QStringLiteral("name")).toString();
    if (name.isEmpty() || name.contains(QChar(0)))
        return bad(QStringLiteral("field name is missing or not valid"));
    const bool sealed = o.contains(QStringLiteral("public_key"));
    const bool wrapsNothing = sealed && kind == KeySlot::Kind::Device && !o.contains(QStringLiteral("wrapped_key"));
    const auto nonce = wrapsNothing ? QByteArray() : fromBase64(o.value(QStringLiteral("nonce")));
    if (!nonce)
        return bad(QStringLiteral("field nonce is missing or malformed"));
    const auto wrapped = wrapsNothing ? QByteArray() : fromBase64(o.value(QStringLiteral("wrapped_key")));
    if (!wrapped)
        return bad(QStringLiteral("field wrapped_key is missing or malformed"));
    QByteArray publicKey, sealedKey, tag;
    if (sealed) {
        const struct
        {
            const char* field;
            QByteArray* into;
        } sealedFields[] = {{"public_key", &publicKey}, {"sealed_key", &sealedKey}, {"public_key_tag", &tag}};
        for (const auto& f : sealedFields) {
            const auto bytes = fromBase64(o.value(QLatin1String(f.field)));
            if (!bytes || bytes->isEmpty())
                return bad(QStringLiteral("field %1 is missing or malformed").arg(QLatin1String(f.field)));
            *f.into = *bytes;
        }
    }
    const QJsonValue oneTimeValue = o.value(QStringLiteral("one_time"));
    if (!oneTimeValue.isUndefined() && !oneTimeValue.isBool())
        return bad(QStringLiteral("field one_time is not true or false"));
    const bool oneTime = oneTimeValue.toBool(false);

    KdfParameters kdf;
    QByteArray salt;
    if (KeySlot::isPassphraseKind(kind)) {
        const QJsonObject k = o.value(QStringLiteral("kdf")).toObject();
        const auto ops = toUInt(k.value(QStringLiteral("opslimit")));
        const auto mem = toUInt(k.value(QStringLiteral("memlimit")));
        if (k.value(QStringLiteral("algorithm")).toString() != KdfAlgorithm)
            return bad(QStringLiteral("field kdf.algorithm is missing or unknown"));
        if (!ops || !mem)
            return bad(QStringLiteral("field kdf.opslimit or kdf.memlimit is missing or not a whole number"));
        kdf = {*ops, *mem};
        if (!kdf.isAcceptable())
            return bad(QStringLiteral("field kdf has key derivation parameters outside the accepted range (%1)")
                           .arg(kdf.describe()));
        const auto s = fromBase64(o.value(QStringLiteral("salt")));
        if (!s)
            return bad(QStringLiteral("field salt is missing or malformed"));
        salt = *s;
    }
    return KeySlot::fromStored(kind, name, kdf, salt, *nonce, *wrapped).withSealing(publicKey, sealedKey, tag, oneTime);
}

// Holds keyslots.json.lock for the duration of a read-modify-write.
class SlotFileLock
{
public:
    explicit SlotFileLock(const QString& path) : m_lock(path + QStringLiteral(".lock")) {}
    Status acquire(const QString& fileName)
    {
        if (m_lock.tryLock(LockTimeoutMs))
            return {};
        return Error(
            m_lock.error() == QLockFile::LockFailedError ? ErrorCode::Conflict : ErrorCode::Io,
            QStringLiteral("could not lock %1: another Lantern program may be changing the key slots; "
                           "try again in a moment")
                .arg(fileName));
    }

private:
    QLockFile m_lock;
};

} // namespace

QList<KeySlot> KeySlotSet::slotsOf(KeySlot::Kind kind, const QString& name) const
{
    QList<KeySlot> found;
    for (const KeySlot& slot : slots) {
        if (slot.sameHolder(kind, name))
            found.append(slot);
    }
    return found;
}

QList<DamagedKeySlot> KeySlotSet::damagedOf(KeySlot::Kind kind, const QString& name) const
{
    QList<DamagedKeySlot> found;
    for (const DamagedKeySlot& slot : damaged) {
        if (slot.mayBelongTo(kind, name))
            found.append(slot);
    }
    return found;
}

int KeySlotSet::userSlotCount() const
{
    int n = 0;
    for (const KeySlot& slot : slots) {
        if (slot.kind() == KeySlot::Kind::User)
            ++n;
    }
    return n;
}

QByteArray KeySlotFile::serialise(const KeySlotSet& set)
{
    QJsonArray slots;
    for (const KeySlot& slot : set.slots)
        slots.append(KeySlotFieldChecks::withChecks(slotToJson(slot)));
    for (const DamagedKeySlot& damaged : set.damaged) // back as they were: nothing is lost by another change
        slots.append(damaged.stored);
    QJsonObject root;
    root.insert(QStringLiteral("format"), FormatName);
    root.insert(QStringLiteral("version"), FormatVersion);
    root.insert(QStringLiteral("field_checks"), KeySlotFieldChecks::Version);
    root.insert(QStringLiteral("vault_id"), set.vaultId);
    root.insert(QStringLiteral("vault_id_check"), KeySlotFieldChecks::checkOf(QStringLiteral("vault_id"), set.vaultId));
    root.insert(QStringLiteral("slots"), slots);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<KeySlotSet> KeySlotFile::parse(const QByteArray& json, const QString& fileName)
{
    if (json.trimmed().isEmpty())
        return corrupt(fileName, QStringLiteral("the file is empty"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return corrupt(fileName, QStringLiteral("not valid JSON at offset %1%2: %3")
                                     .arg(parseError.offset)
                                     .arg(fieldNear(json, parseError.offset), parseError.errorString()));
    if (!doc.isObject())
        return corrupt(fileName, QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != FormatName)
        return corrupt(fileName, QStringLiteral("not a Lantern key slot file"));
    const auto version = toUInt(root.value(QStringLiteral("version")));
    if (!version)
        return corrupt(fileName, QStringLiteral("no format version"));
    if (*version != FormatVersion)
        return Error(ErrorCode::Unsupported,
                     QStringLiteral("the key slot file %1 has format version %2, which this Lantern "
                                    "does not know (it knows %3); update Lantern on this device")
                         .arg(fileName)
                         .arg(*version)
                         .arg(FormatVersion));
    KeySlotSet set;
    set.fieldChecks = KeySlotFieldChecks::fileHasChecks(root);
    set.vaultId = root.value(QStringLiteral("vault_id")).toString();
    if (set.vaultId.isEmpty())
        return corrupt(fileName, QStringLiteral("no vault id"));
    if (set.fieldChecks) {
        if (root.value(QStringLiteral("field_checks")) != QJsonValue(KeySlotFieldChecks::Version))
            return corrupt(fileName, QStringLiteral("field field_checks is missing or damaged"));
        if (root.value(QStringLiteral("vault_id_check")).toString() !=
            KeySlotFieldChecks::checkOf(QStringLiteral("vault_id"), set.vaultId))
            return corrupt(fileName, QStringLiteral("field vault_id does not match its check"));
    }
    const QJsonValue slots = root.value(QStringLiteral("slots"));
    if (!slots.isArray())
        return corrupt(fileName, QStringLiteral("no list of slots"));
    const QJsonArray array = slots.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const QJsonObject stored = array.at(i).toObject();
        std::optional<QString> problem;
        if (set.fieldChecks)
            problem = KeySlotFieldChecks::problemIn(stored);
        if (!problem) {
            auto slot = slotFromJson(array.at(i));
            if (slot.ok()) {
                set.slots.append(std::move(*slot));
                continue;
            }
            problem = slot.error().message;
        }
        // One damaged slot locks out its holder only, never the whole ward.
        DamagedKeySlot damaged{i + 1, stored.value(QStringLiteral("kind")).toString(),
                               stored.value(QStringLiteral("name")).toString(), *problem, stored};
        qCWarning(lcKeys) << "the key slot file" << fileName << "has a damaged" << damaged.describe() << ":" << *problem;
        set.damaged.append(std::move(damaged));
    }
    return set;
}

bool KeySlotFile::exists() const
{
    return QFileInfo::exists(m_path);
}

Result<KeySlotSet> KeySlotFile::load() const
{
    QFile file(m_path);
    if (!file.exists())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("the key slot file %1 does not exist; is this a Lantern vault folder?")
                         .arg(m_path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(
            ErrorCode::Io,
            QStringLiteral("could not read the key slot file %1: %2").arg(m_path, file.errorString()));
    return parse(file.readAll(), m_path);
}

Status KeySlotFile::save(const KeySlotSet& set) const
{
    Status written = writeFileAtomically(m_path, serialise(set), AtomicWriteOptions{0600, true});
    if (!written.ok())
        return written.error().prefixed(QStringLiteral("saving key slots"));
    return {};
}

Status KeySlotFile::create(const KeySlotSet& set) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    if (exists())
        return Error(ErrorCode::Conflict, QStringLiteral("the key slot file %1 exists already").arg(m_path));
    return save(set);
}

Status KeySlotFile::overwrite(const KeySlotSet& set) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    return save(set);
}

Status KeySlotFile::add(const KeySlot& slot) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    auto set = load();
    if (!set.ok())
        return set.error();
    if (set->contains(slot.kind(), slot.name()))
        return Error(ErrorCode::Conflict, QStringLiteral("%1 has a key slot already").arg(slot.name()));
    set->slots.append(slot);
    return save(*set);
}

Status KeySlotFile::addReplacing(const KeySlot& slot) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    auto set = load();
    if (!set.ok())
        return set.error();
    set->slots.removeIf([&](const KeySlot& s) { return s.sameHolder(slot.kind(), slot.name()); });
    set->slots.append(slot);
    return save(*set);
}

Status KeySlotFile::remove(KeySlot::Kind kind, const QString& name) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    auto set = load();
    if (!set.ok())
        return set.error();
    const qsizetype removed = set->slots.removeIf([&](const KeySlot& s) { return s.sameHolder(kind, name); });
    if (removed == 0)
        return Error(ErrorCode::NotFound,
                     QStringLiteral("%1 has no %2 key slot").arg(name, KeySlot::kindName(kind)));
    if (kind == KeySlot::Kind::User && set->userSlotCount() == 0)
        return Error(ErrorCode::Denied,
                     QStringLiteral("the key slot of %1 is the last one a person can unlock the vault "
                                    "with; add another IT administrator first")
                         .arg(name));
    qCInfo(lcKeys) << "removing" << removed << KeySlot::kindName(kind) << "key slot(s) of" << name;
    return save(*set);
}

Status KeySlotFile::replaceAll(const KeySlot& newSlot) const
{
    SlotFileLock lock(m_path);
    LANTERN_TRY(lock.acquire(m_path));
    auto set = load();
    if (!set.ok())
        return set.error();
    if (!set->contains(newSlot.kind(), newSlot.name()))
        return Error(ErrorCode::NotFound,
                     QStringLiteral("%1 has no key slot to replace").arg(newSlot.name()));

    // Step 1: old and new side by side. Either passphrase opens the vault now.
    set->slots.append(newSlot);
    LANTERN_TRY(save(*set));
    // Step 2: only the new one (this also drops leftovers of an earlier interrupted change).
    set->slots.removeIf(
        [&](const KeySlot& s) { return s.sameHolder(newSlot.kind(), newSlot.name()) && !(s == newSlot); });
    return save(*set);
}

} // namespace lantern::keys
