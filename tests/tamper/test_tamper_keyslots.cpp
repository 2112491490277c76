// The keys around a vault changed underneath Lantern (issue #13, defect 3 and
// item 7): a byte flipped in every field of keyslots.json and of
// audit-keyslots.json (every value, the field checks included), and device.key
// flipped, cut, grown, replaced, removed or opened to others. The real
// `lanternctl verify` (with the administrator's right passphrase) must exit 1,
// name the file, and never blame the passphrase; verify --json lists each
// slot's state. A file written before field checks still opens and is reported
// as such. The count of cases is printed ("TAMPER CASES ...").

#include "TamperSupport.h"

#include "core/access/VaultDirectory.h"
#include "core/keys/DeviceKey.h"
#include "core/keys/KeySlotFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>

using namespace lantern;
using namespace lantern::test;

class TestTamperKeySlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void intactSlotsListed();
    void flipInEveryFieldOfKeySlotFiles_data();
    void flipInEveryFieldOfKeySlotFiles();
    void damagedNurseSlotNamedAtUnlock();
    void deviceKeyTampered();
    void fileBeforeFieldChecksStillOpens();

private:
    QJsonArray states(const CtlRun& run) const;

    TamperVault m_vault;
};

namespace {

// Every scalar value in a JSON text: the byte range of its content, and its field name.
struct FieldValue
{
    QString field;
    qsizetype begin = 0; // first byte of the value (inside the quotes for a string)
    qsizetype length = 0;
};

QList<FieldValue> scalarValues(const QByteArray& json)
{
    static const QRegularExpression pattern(QStringLiteral(R"re("([A-Za-z_.]+)":\s*(?:"([^"]*)"|(-?[0-9]+)|(true|false)))re"));
    QList<FieldValue> values;
    const QString text = QString::fromLatin1(json);
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        for (int group = 2; group <= 4; ++group) {
            if (m.capturedLength(group) > 0)
                values.append({m.captured(1), m.capturedStart(group), m.capturedLength(group)});
        }
    }
    return values;
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Rewrites a slot file through `edit`, which gets the root and may change each slot.
bool editSlotFile(const QString& path, const std::function<void(QJsonObject& root, QJsonObject& slot)>& edit)
{
    QJsonObject root = QJsonDocument::fromJson(read(path)).object();
    QJsonArray slots = root.value(QStringLiteral("slots")).toArray();
    for (qsizetype i = 0; i < slots.size(); ++i) {
        QJsonObject slot = slots.at(i).toObject();
        edit(root, slot);
        slots.replace(i, slot);
    }
    root.insert(QStringLiteral("slots"), slots);
    return write(path, QJsonDocument(root).toJson());
}

} // namespace

QJsonArray TestTamperKeySlots::states(const CtlRun& run) const
{
    return QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("keySlots")).toObject().value(QStringLiteral("states")).toArray();
}

void TestTamperKeySlots::initTestCase()
{
    QVERIFY2(QFile::exists(lanternctlPath()), "lanternctl not built");
    const QString problem = m_vault.create();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestTamperKeySlots::intactSlotsListed()
{
    const QString dir = m_vault.copy(QStringLiteral("intact"));
    const CtlRun run = verifyAsAdmin(dir, {QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonArray list = states(run);
    QStringList seen;
    for (const QJsonValue& v : list) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("ok"));
        seen << s.value(QStringLiteral("file")).toString() + QLatin1Char('/') + s.value(QStringLiteral("kind")).toString() +
                    QLatin1Char('/') + s.value(QStringLiteral("name")).toString();
    }
    for (const QString& expected : {QStringLiteral("keyslots.json/user/it.meyer"), QStringLiteral("keyslots.json/user/n.berger"),
                                    QStringLiteral("keyslots.json/device/device"), QStringLiteral("device.key/device-key/"),
                                    QStringLiteral("audit-keyslots.json/audit-device/device"),
                                    QStringLiteral("audit-keyslots.json/audit-user/it.meyer")})
        QVERIFY2(seen.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + seen.join(QLatin1Char(' '))));
    const CtlRun text = verifyAsAdmin(dir);
    QVERIFY2(text.out.contains(QStringLiteral("key slots:        ok (")), qPrintable(text.out));
}

void TestTamperKeySlots::flipInEveryFieldOfKeySlotFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("keyslots.json") << QStringLiteral("keyslots.json");
    QTest::newRow("audit-keyslots.json") << QStringLiteral("audit-keyslots.json");
}

void TestTamperKeySlots::flipInEveryFieldOfKeySlotFiles()
{
    QFETCH(QString, file);
    const QByteArray pristine = read(m_vault.pristine() + QLatin1Char('/') + file);
    const QList<FieldValue> values = scalarValues(pristine);
    QVERIFY2(values.size() > 20, "the slot file should have many fields");
    TamperTally tally(file + QStringLiteral(" fields"));
    for (const FieldValue& value : values) {
        QByteArray tampered = pristine;
        const qsizetype at = value.begin + value.length / 2;
        tampered[at] = static_cast<char>(tampered.at(at) ^ 0x01);
        const QString dir = m_vault.copy(QStringLiteral("slots"));
        QVERIFY(write(dir + QLatin1Char('/') + file, tampered));
        const CtlRun run = verifyAsAdmin(dir);
        // Exit 1, the file named (with the slot and field, or the file as a whole), no word of a wrong passphrase.
        const QString all = QString(run.out + run.err);
        const bool detected = run.exitCode == 1 && all.contains(file) && !blamesPassphrase(run) &&
                              (all.contains(QStringLiteral("damaged")) || all.contains(QStringLiteral("altered")) ||
                               all.contains(QStringLiteral("format version")));
        tally.record(detected, QStringLiteral("%1 at byte %2").arg(value.field).arg(at), run);
    }
    tally.print();
    QVERIFY2(tally.allDetected(), qPrintable(tally.missed()));
}

void TestTamperKeySlots::damagedNurseSlotNamedAtUnlock()
{
    // The nurse's salt flipped: she is told her slot is damaged, not that her passphrase is wrong.
    const QString dir = m_vault.copy(QStringLiteral("nurse"));
    bool changed = false;
    QVERIFY(editSlotFile(access::VaultDirectory(dir).keySlotFile(), [&](QJsonObject&, QJsonObject& slot) {
        if (slot.value(QStringLiteral("name")).toString() != kTamperNurse)
            return;
        QByteArray salt = QByteArray::fromBase64(slot.value(QStringLiteral("salt")).toString().toLatin1());
        salt[3] = static_cast<char>(salt.at(3) ^ 0x10);
        slot.insert(QStringLiteral("salt"), QString::fromLatin1(salt.toBase64()));
        changed = true;
    }));
    QVERIFY(changed);
    const CtlRun nurse = lanternctlAs(dir, kTamperNurse, kTamperNursePass, {QStringLiteral("patient"), QStringLiteral("list")});
    QCOMPARE(nurse.exitCode, 1);
    QVERIFY2(nurse.err.contains(QStringLiteral("key slot of n.berger")) && nurse.err.contains(QStringLiteral("field salt")),
             qPrintable(nurse.err));
    QVERIFY(!blamesPassphrase(nurse));
    // Everyone else still gets in; verify names the slot.
    const CtlRun verify = verifyAsAdmin(dir, {QStringLiteral("--json")});
    QCOMPARE(verify.exitCode, 1);
    bool named = false;
    for (const QJsonValue& v : states(verify)) {
        const QJsonObject s = v.toObject();
        if (s.value(QStringLiteral("name")).toString() == kTamperNurse && s.value(QStringLiteral("file")).toString() == QLatin1String("keyslots.json"))
            named = s.value(QStringLiteral("state")).toString() == QLatin1String("damaged") &&
                    s.value(QStringLiteral("message")).toString().contains(QStringLiteral("field salt"));
    }
    QVERIFY2(named, qPrintable(verify.out));
}

void TestTamperKeySlots::deviceKeyTampered()
{
    struct Case
    {
        const char* label;
        const char* state;
        std::function<bool(const QString&)> tamper;
    };
    const QList<Case> cases{
        {"first byte flipped", "altered", [](const QString& p) { return flipByte(p, 0); }},
        {"middle byte flipped", "altered", [](const QString& p) { return flipByte(p, 16, 0x40); }},
        {"last byte flipped", "altered", [](const QString& p) { return flipByte(p, 31, static_cast<char>(0x80)); }},
        {"replaced by another key", "altered", [](const QString& p) { return QFile::remove(p) && keys::DeviceKey::create(p).ok(); }},
        {"cut to 16 bytes", "damaged", [](const QString& p) { return QFile::resize(p, 16); }},
        {"one byte longer", "damaged", [](const QString& p) { return QFile::resize(p, 33); }},
        {"empty", "damaged", [](const QString& p) { return QFile::resize(p, 0); }},
        {"removed", "missing", [](const QString& p) { return QFile::remove(p); }},
        {"readable by others", "wrong-owner-or-mode",
         [](const QString& p) { return QFile::setPermissions(p, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther); }},
        {"a symlink", "wrong-owner-or-mode",
         [](const QString& p) { return QFile::rename(p, p + QStringLiteral(".real")) && QFile::link(p + QStringLiteral(".real"), p); }},
    };
    TamperTally tally(QStringLiteral("device.key"));
    for (const Case& c : cases) {
        const QString dir = m_vault.copy(QStringLiteral("device"));
        QVERIFY2(c.tamper(access::VaultDirectory(dir).deviceKeyFile()), c.label);
        const CtlRun run = verifyAsAdmin(dir, {QStringLiteral("--json")});
        bool named = false;
        for (const QJsonValue& v : states(run)) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("file")).toString() == QLatin1String("device.key"))
                named = s.value(QStringLiteral("state")).toString() == QLatin1String(c.state);
        }
        tally.record(run.exitCode == 1 && named && !blamesPassphrase(run), QString::fromLatin1(c.label), run);
        // The text form names device.key too, never "key slots: ok".
        const CtlRun text = verifyAsAdmin(dir);
        QVERIFY2(!text.out.contains(QStringLiteral("key slots:        ok")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("device.key: ") + QLatin1String(c.state)), qPrintable(text.out));
    }
    tally.print();
    QVERIFY2(tally.allDetected(), qPrintable(tally.missed()));
}

void TestTamperKeySlots::fileBeforeFieldChecksStillOpens()
{
    // A keyslots.json from before field checks: no checks anywhere. It opens and is reported as such.
    const QString dir = m_vault.copy(QStringLiteral("older"));
    const QString path = access::VaultDirectory(dir).keySlotFile();
    QVERIFY(editSlotFile(path, [](QJsonObject& root, QJsonObject& slot) {
        root.remove(QStringLiteral("field_checks"));
        root.remove(QStringLiteral("vault_id_check"));
        slot.remove(QStringLiteral("checks"));
    }));
    const CtlRun run = verifyAsAdmin(dir, {QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    int older = 0;
    for (const QJsonValue& v : states(run))
        older += v.toObject().value(QStringLiteral("state")).toString() == QLatin1String("before-field-checks") ? 1 : 0;
    QCOMPARE(older, 3); // it.meyer, n.berger, device
    const CtlRun nurse = lanternctlAs(dir, kTamperNurse, kTamperNursePass, {QStringLiteral("patient"), QStringLiteral("list")});
    QVERIFY2(nurse.exitCode == 0, qPrintable(nurse.err));
    // The next change to the slot file writes the checks.
    const CtlRun reset = lanternctlAs(dir, kTamperAdmin, kTamperAdminPass, {QStringLiteral("user"), QStringLiteral("disable"), kTamperNurse});
    QVERIFY2(reset.exitCode == 0, qPrintable(reset.err));
    auto reloaded = keys::KeySlotFile(path).load();
    QVERIFY(reloaded.ok());
    QVERIFY(reloaded->fieldChecks);
}

QTEST_GUILESS_MAIN(TestTamperKeySlots)
#include "test_tamper_keyslots.moc"
