#include "core/keys/KeySlotFieldChecks.h"

#include "core/keys/KeySlotFile.h"

#include "core/common/Sodium.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>

#include <sodium.h>

namespace lantern::keys {
namespace {

const QString ChecksKey = QStringLiteral("checks");
constexpr int CheckBytes = 8;

// The text a value is checked as: strings as they are, everything else in
// JSON's compact form (a number stays the same number whatever its spelling
// in the file, so a check never fails on formatting alone).
QByteArray canonical(const QJsonValue& value)
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isDouble())
        return QByteArray::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    if (value.isNull())
        return QByteArrayLiteral("null");
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

// Every checked field of a slot, by path: nested objects (kdf) field by field.
QMap<QString, QJsonValue> fieldsOf(const QJsonObject& slot)
{
    QMap<QString, QJsonValue> fields;
    for (auto it = slot.begin(); it != slot.end(); ++it) {
        if (it.key() == ChecksKey)
            continue;
        if (it.value().isObject()) {
            const QJsonObject inner = it.value().toObject();
            for (auto in = inner.begin(); in != inner.end(); ++in)
                fields.insert(it.key() + QLatin1Char('.') + in.key(), in.value());
            continue;
        }
        fields.insert(it.key(), it.value());
    }
    return fields;
}

} // namespace

QString KeySlotFieldChecks::checkOf(const QString& path, const QJsonValue& value)
{
    ensureSodium();
    QByteArray message("lantern-keyslot-field/1");
    message.append('\0').append(path.toUtf8()).append('\0').append(canonical(value));
    unsigned char digest[CheckBytes];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.constData()),
                       static_cast<unsigned long long>(message.size()), nullptr, 0);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), CheckBytes).toHex());
}

QJsonObject KeySlotFieldChecks::withChecks(const QJsonObject& slot)
{
    QJsonObject checks;
    const QMap<QString, QJsonValue> fields = fieldsOf(slot);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        checks.insert(it.key(), checkOf(it.key(), it.value()));
    QJsonObject out = slot;
    out.insert(ChecksKey, checks);
    return out;
}

std::optional<QString> KeySlotFieldChecks::problemIn(const QJsonObject& slot)
{
    const QJsonValue checksValue = slot.value(ChecksKey);
    if (!checksValue.isObject())
        return QStringLiteral("its field checks are missing or damaged");
    const QJsonObject checks = checksValue.toObject();
    const QMap<QString, QJsonValue> fields = fieldsOf(slot);
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonValue check = checks.value(it.key());
        if (!check.isString())
            return QStringLiteral("field %1 has no check (a field name was changed?)").arg(it.key());
        if (check.toString() != checkOf(it.key(), it.value()))
            return QStringLiteral("field %1 does not match its check").arg(it.key());
    }
    for (auto it = checks.begin(); it != checks.end(); ++it) {
        if (!fields.contains(it.key()))
            return QStringLiteral("field %1 is missing (its check is there)").arg(it.key());
    }
    return std::nullopt;
}

// DamagedKeySlot (KeySlotFile.h) tells whose slot it was by the field checks.
bool DamagedKeySlot::mayBelongTo(KeySlot::Kind kind, const QString& holder) const
{
    // The damaged field may be the kind or the name itself: their checks still
    // tell whose slot it was.
    const QJsonObject checks = stored.value(QStringLiteral("checks")).toObject();
    const QString kindName = KeySlot::kindName(kind);
    const bool kindMatches = kindText == kindName ||
                             checks.value(QStringLiteral("kind")).toString() == KeySlotFieldChecks::checkOf(QStringLiteral("kind"), kindName);
    const bool nameMatches = name == holder ||
                             checks.value(QStringLiteral("name")).toString() == KeySlotFieldChecks::checkOf(QStringLiteral("name"), holder);
    return kindMatches && nameMatches;
}

QString DamagedKeySlot::describe() const
{
    const QString holder = (kindText.isEmpty() && name.isEmpty()) ? QString()
                                                                   : QStringLiteral(" (%1 %2)").arg(kindText, name).simplified();
    return QStringLiteral("slot %1%2").arg(position).arg(holder);
}

bool KeySlotFieldChecks::fileHasChecks(const QJsonObject& root)
{
    if (root.contains(QStringLiteral("field_checks")) || root.contains(QStringLiteral("vault_id_check")))
        return true;
    const QJsonArray slots = root.value(QStringLiteral("slots")).toArray();
    for (const QJsonValue& slot : slots) {
        if (slot.toObject().contains(ChecksKey))
            return true;
    }
    return false;
}

} // namespace lantern::keys
