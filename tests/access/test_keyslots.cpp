// Key slot cryptography and the slot file: round trips, wrong passphrases, slots
// moved between users, tampered KDF parameters, damaged keyslots.json.

#include "core/common/SecureBuffer.h"
#include "core/keys/KeySlot.h"
#include "core/keys/KeySlotFieldChecks.h"
#include "core/keys/KeySlotFile.h"
#include "core/keys/Passphrase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace lantern;
using namespace lantern::keys;

#define QVERIFY_OK(expr)                                                                                     \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.ok() ? QString() : r_.error().message));                             \
    } while (false)

namespace {

const QString VaultId = QStringLiteral("0b1e6f1c-8d7e-4c39-a2c4-9d3f00000001");
const KdfParameters Fast = KdfParameters::minimumForTesting();

SecureBuffer pass(const char* text)
{
    return passphraseBytes(QString::fromUtf8(text));
}

KeySlot userSlot(const SecureBuffer& dataKey, const QString& name, const char* passphrase,
                 KdfParameters kdf = Fast)
{
    auto slot = KeySlot::wrapForUser(dataKey, VaultId, name, pass(passphrase), kdf);
    if (!slot.ok())
        qFatal("wrapping failed: %s", qPrintable(slot.error().message));
    return *slot;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
}

} // namespace

class TestKeySlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void wrongPassphraseRefused();
    void slotMovedToAnotherUserRefused();
    void slotFromAnotherVaultRefused();
    void storedParametersAreUsed();
    void parametersBelowMinimumRefused();
    void passphraseIsNormalised();
    void fileRoundTrip();
    void damagedFileRefused_data();
    void damagedFileRefused();
    void damagedSlotKeptAside_data();
    void damagedSlotKeptAside();
    void newerFormatRefused();
    void swappedSlotsInFileRefused();
    void lastUserSlotCannotBeRemoved();
    void defaultParameters();
};

void TestKeySlots::roundTrip()
{
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot slot = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    QCOMPARE(slot.kind(), KeySlot::Kind::User);
    QCOMPARE(slot.name(), QStringLiteral("anna"));
    QCOMPARE(slot.kdf(), Fast);
    QVERIFY(!slot.wrappedKey().contains(QByteArray(dataKey.chars(), static_cast<qsizetype>(dataKey.size()))));
    auto opened = slot.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift"));
    QVERIFY_OK(opened);
    QVERIFY(opened->equals(dataKey));
    // Fresh salt and nonce every time.
    const KeySlot again = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    QVERIFY(again.salt() != slot.salt());
    QVERIFY(again.nonce() != slot.nonce());
}

void TestKeySlots::wrongPassphraseRefused()
{
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot slot = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    for (const char* wrong : {"Lantern-ward-3B-night-shifT", "", "lantern-ward-3b-night-shift"}) {
        auto opened = slot.unwrapWithPassphrase(VaultId, pass(wrong));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::WrongKey);
    }
}

void TestKeySlots::slotMovedToAnotherUserRefused()
{
    // anna's slot copied onto bob's name: not even anna's passphrase opens it there.
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot anna = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    const KeySlot moved = KeySlot::fromStored(KeySlot::Kind::User, QStringLiteral("bob"), anna.kdf(),
                                              anna.salt(), anna.nonce(), anna.wrappedKey());
    auto opened = moved.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift"));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::WrongKey);

    // And a device slot relabelled as a user slot opens nothing either.
    const KeySlot device = *KeySlot::wrapForDevice(dataKey, VaultId, SecureBuffer::random(32));
    const KeySlot relabelled = KeySlot::fromStored(KeySlot::Kind::User, QStringLiteral("device"), Fast,
                                                   anna.salt(), device.nonce(), device.wrappedKey());
    // (a sealed device slot wraps nothing: relabelled, it is malformed rather than a wrong key)
    const ErrorCode refused = relabelled.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift")).error().code;
    QVERIFY(refused == ErrorCode::WrongKey || refused == ErrorCode::Corrupt);
}

void TestKeySlots::slotFromAnotherVaultRefused()
{
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot slot = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    auto opened =
        slot.unwrapWithPassphrase(QStringLiteral("another-vault"), pass("Lantern-ward-3B-night-shift"));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::WrongKey);
}

void TestKeySlots::storedParametersAreUsed()
{
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KdfParameters custom{2, 64 * 1024};
    const KeySlot slot = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift", custom);
    QCOMPARE(slot.kdf(), custom);
    auto parsed =
        KeySlotFile::parse(KeySlotFile::serialise({VaultId, {slot}}), QStringLiteral("keyslots.json"));
    QVERIFY_OK(parsed);
    QCOMPARE(parsed->slots.first().kdf(), custom);
    QVERIFY(parsed->slots.first() == slot);
    QVERIFY_OK(parsed->slots.first().unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift")));

    // The same salt and ciphertext with other parameters derive another key.
    const KeySlot edited = KeySlot::fromStored(KeySlot::Kind::User, slot.name(), Fast, slot.salt(),
                                               slot.nonce(), slot.wrappedKey());
    QCOMPARE(edited.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift")).error().code,
             ErrorCode::WrongKey);
}

void TestKeySlots::parametersBelowMinimumRefused()
{
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot slot = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    for (const KdfParameters weak : {KdfParameters{0, Fast.memLimit}, KdfParameters{Fast.opsLimit, 1024},
                                     KdfParameters{Fast.opsLimit, KdfParameters::MaxMemLimit + 1}}) {
        const KeySlot tampered = KeySlot::fromStored(KeySlot::Kind::User, slot.name(), weak, slot.salt(),
                                                     slot.nonce(), slot.wrappedKey());
        auto opened = tampered.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift"));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, ErrorCode::Corrupt);
        QVERIFY(!KeySlot::wrapForUser(dataKey, VaultId, QStringLiteral("anna"), pass("x"), weak).ok());
    }
}

void TestKeySlots::passphraseIsNormalised()
{
    // "Säule" precomposed and decomposed (a + U+0308) is the same passphrase.
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const QString composed = QStringLiteral("S\u00e4ule-am-Bett-7-Fenster");
    const QString decomposed = QStringLiteral("Sa\u0308ule-am-Bett-7-Fenster");
    QVERIFY(composed != decomposed);
    auto slot =
        KeySlot::wrapForUser(dataKey, VaultId, QStringLiteral("anna"), passphraseBytes(composed), Fast);
    QVERIFY_OK(slot);
    QVERIFY_OK(slot->unwrapWithPassphrase(VaultId, passphraseBytes(decomposed)));
}

void TestKeySlots::fileRoundTrip()
{
    QTemporaryDir dir;
    const KeySlotFile file(dir.filePath(QStringLiteral("keyslots.json")));
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const KeySlot anna = userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift");
    const KeySlot device = *KeySlot::wrapForDevice(dataKey, VaultId, SecureBuffer::random(32));
    QVERIFY_OK(file.create({VaultId, {anna, device}}));
    QCOMPARE(file.create({VaultId, {anna}}).error().code, ErrorCode::Conflict);

    auto loaded = file.load();
    QVERIFY_OK(loaded);
    QCOMPARE(loaded->vaultId, VaultId);
    QCOMPARE(loaded->slots.size(), 2);
    QVERIFY(loaded->slots.at(0) == anna);
    QVERIFY(loaded->slots.at(1) == device);

    QFile raw(file.path());
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(raw.readAll()).object();
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), KeySlotFile::FormatVersion);
    QCOMPARE(json.value(QStringLiteral("vault_id")).toString(), VaultId);
    const QJsonObject first = json.value(QStringLiteral("slots")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("user"));
    QCOMPARE(first.value(QStringLiteral("kdf")).toObject().value(QStringLiteral("algorithm")).toString(),
             QStringLiteral("argon2id13"));
    QCOMPARE(QByteArray::fromBase64(first.value(QStringLiteral("salt")).toString().toLatin1()), anna.salt());
}

void TestKeySlots::damagedFileRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const QByteArray good = KeySlotFile::serialise(
        {VaultId, {userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift")}});
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated half") << good.left(good.size() / 2);
    QTest::newRow("truncated one byte") << good.left(good.size() - 3);
    QTest::newRow("zeros") << QByteArray(512, '\0');
    QTest::newRow("garbage") << QByteArray("\x89PNG\r\n\x1a\n not a slot file");
    QTest::newRow("array") << QByteArray("[1, 2, 3]");
    QTest::newRow("foreign json") << QByteArray(R"({"name": "some other program"})");
    QTest::newRow("no slots") << QByteArray(
        R"({"format": "lantern-keyslots", "version": 1, "vault_id": "x"})");
    QTest::newRow("no vault id") << QByteArray(
        R"({"format": "lantern-keyslots", "version": 1, "slots": []})");
    QByteArray badVaultId = good;
    badVaultId.replace(VaultId.toLatin1(), VaultId.toLatin1().replace('1', '2'));
    QTest::newRow("vault id does not match its check") << badVaultId;
}

void TestKeySlots::damagedSlotKeptAside_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("field");
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    const QByteArray good = KeySlotFile::serialise(
        {VaultId, {userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift")}});
    QByteArray badBase64 = good;
    const int salt = badBase64.indexOf("\"salt\": \"") + 9;
    badBase64[salt] = '*';
    QTest::newRow("bad base64") << badBase64 << QStringLiteral("salt");
    QByteArray weakKdf = good;
    weakKdf.replace("\"opslimit\": 1", "\"opslimit\": 0");
    QTest::newRow("opslimit 0") << weakKdf << QStringLiteral("kdf.opslimit");
    QByteArray fractional = good;
    fractional.replace("\"opslimit\": 1", "\"opslimit\": 1.5");
    QTest::newRow("opslimit 1.5") << fractional << QStringLiteral("kdf.opslimit");
    QByteArray unknownKind = good;
    unknownKind.replace("\"kind\": \"user\"", "\"kind\": \"yubikey\"");
    QTest::newRow("unknown kind") << unknownKind << QStringLiteral("kind");
}

void TestKeySlots::damagedSlotKeptAside()
{
    // A damaged slot locks out its holder only: the file loads, the slot is
    // named with its field, and written back unchanged by the next change.
    QFETCH(QByteArray, content);
    QFETCH(QString, field);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keyslots.json"));
    writeFile(path, content);
    auto loaded = KeySlotFile(path).load();
    QVERIFY_OK(loaded);
    QVERIFY(loaded->slots.isEmpty());
    QCOMPARE(loaded->damaged.size(), 1);
    QVERIFY2(loaded->damaged.first().problem.contains(QStringLiteral("field ") + field), qPrintable(loaded->damaged.first().problem));
    QVERIFY(loaded->damaged.first().mayBelongTo(KeySlot::Kind::User, QStringLiteral("anna")));
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    QVERIFY_OK(KeySlotFile(path).add(userSlot(dataKey, QStringLiteral("bob"), "Quiet-river-stones-42-north")));
    auto again = KeySlotFile(path).load();
    QVERIFY_OK(again);
    QCOMPARE(again->slots.size(), 1);
    QCOMPARE(again->damaged.size(), 1);
    QCOMPARE(again->damaged.first().stored, loaded->damaged.first().stored);
}

void TestKeySlots::damagedFileRefused()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keyslots.json"));
    writeFile(path, content);
    auto loaded = KeySlotFile(path).load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::Corrupt);
    QVERIFY2(loaded.error().message.contains(path), qPrintable(loaded.error().message));
}

void TestKeySlots::newerFormatRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keyslots.json"));
    writeFile(path, R"({"format": "lantern-keyslots", "version": 2, "vault_id": "x", "slots": []})");
    auto loaded = KeySlotFile(path).load();
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().code, ErrorCode::Unsupported);
    QVERIFY(loaded.error().message.contains(path));
    QCOMPARE(KeySlotFile(dir.filePath(QStringLiteral("missing.json"))).load().error().code,
             ErrorCode::NotFound);
}

void TestKeySlots::swappedSlotsInFileRefused()
{
    // Someone with write access swaps the names of two slots in keyslots.json:
    // the field checks name both; swapped together with their checks, the AEAD
    // (which binds the name) still refuses either passphrase.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keyslots.json"));
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    QVERIFY_OK(KeySlotFile(path).create(
        {VaultId,
         {userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift"),
          userSlot(dataKey, QStringLiteral("bob"), "Quiet-river-stones-42-north")}}));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray json = f.readAll();
    f.close();
    auto swapped = [](QByteArray text, const QByteArray& a, const QByteArray& b) {
        return text.replace(a, "@@").replace(b, a).replace("@@", b);
    };
    QByteArray namesOnly = swapped(json, "\"name\": \"anna\"", "\"name\": \"bob\"");
    writeFile(path, namesOnly);
    auto loaded = KeySlotFile(path).load();
    QVERIFY_OK(loaded);
    QCOMPARE(loaded->damaged.size(), 2);
    QVERIFY(loaded->damaged.first().problem.contains(QStringLiteral("field name")));

    const QByteArray annaCheck = KeySlotFieldChecks::checkOf(QStringLiteral("name"), QStringLiteral("anna")).toLatin1();
    const QByteArray bobCheck = KeySlotFieldChecks::checkOf(QStringLiteral("name"), QStringLiteral("bob")).toLatin1();
    writeFile(path, swapped(namesOnly, annaCheck, bobCheck));
    loaded = KeySlotFile(path).load();
    QVERIFY_OK(loaded);
    QVERIFY(loaded->damaged.isEmpty());
    const KeySlot bobAsAnna = loaded->slotsOf(KeySlot::Kind::User, QStringLiteral("anna")).first();
    QCOMPARE(bobAsAnna.unwrapWithPassphrase(VaultId, pass("Quiet-river-stones-42-north")).error().code,
             ErrorCode::WrongKey);
    QCOMPARE(bobAsAnna.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift")).error().code,
             ErrorCode::WrongKey);
}

void TestKeySlots::lastUserSlotCannotBeRemoved()
{
    QTemporaryDir dir;
    const KeySlotFile file(dir.filePath(QStringLiteral("keyslots.json")));
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    QVERIFY_OK(file.create({VaultId,
                            {userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift"),
                             *KeySlot::wrapForDevice(dataKey, VaultId, SecureBuffer::random(32))}}));
    QVERIFY_OK(file.add(userSlot(dataKey, QStringLiteral("bob"), "Quiet-river-stones-42-north")));
    QCOMPARE(file.add(userSlot(dataKey, QStringLiteral("bob"), "Quiet-river-stones-42-north")).error().code,
             ErrorCode::Conflict);
    QVERIFY_OK(file.remove(KeySlot::Kind::User, QStringLiteral("bob")));
    QCOMPARE(file.remove(KeySlot::Kind::User, QStringLiteral("bob")).error().code, ErrorCode::NotFound);
    // The device slot does not count: a person must always be able to get in.
    auto refused = file.remove(KeySlot::Kind::User, QStringLiteral("anna"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Denied);
    QCOMPARE(file.load()->userSlotCount(), 1);
}

void TestKeySlots::defaultParameters()
{
    // The one test that pays for the production parameters.
    const SecureBuffer dataKey = SecureBuffer::random(DataKeyBytes);
    QElapsedTimer timer;
    timer.start();
    const KeySlot slot =
        userSlot(dataKey, QStringLiteral("anna"), "Lantern-ward-3B-night-shift", KdfParameters::defaults());
    const qint64 wrapMs = timer.restart();
    auto opened = slot.unwrapWithPassphrase(VaultId, pass("Lantern-ward-3B-night-shift"));
    const qint64 unwrapMs = timer.elapsed();
    QVERIFY_OK(opened);
    QVERIFY(opened->equals(dataKey));
    QCOMPARE(slot.kdf(), KdfParameters::defaults());
    qInfo("Argon2id with defaults (%s): wrap %lld ms, unwrap %lld ms", qPrintable(slot.kdf().describe()),
          wrapMs, unwrapMs);
}

QTEST_GUILESS_MAIN(TestKeySlots)
#include "test_keyslots.moc"
