// lanternctl smart-key: IT creates the SMART Backend Services key pair on the
// device and gets the JWKS to register at the EHR. The private key file must be
// readable by its owner only, never overwritten (the EHR knows the old one),
// and the JWKS printed must be the one the mirror will sign with.

#include "TestConfig.h"

#include "sync/auth/SigningKey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run ctl(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LANTERN_BINARY_DIR "/app/lanternctl/lanternctl"), args);
    if (!p.waitForStarted() || !p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            QString::fromUtf8(p.readAllStandardError())};
}

QJsonObject onlyKey(const QByteArray& jwks)
{
    const QJsonArray keys = QJsonDocument::fromJson(jwks).object().value(QStringLiteral("keys")).toArray();
    return keys.size() == 1 ? keys.first().toObject() : QJsonObject();
}

} // namespace

class TestCliSmartKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createdKeyIsTheOneRegisteredAndSignedWith_data();
    void createdKeyIsTheOneRegisteredAndSignedWith();
    void existingKeyIsNeverOverwritten();
    void badInputIsRefused();

private:
    QTemporaryDir m_dir;
};

void TestCliSmartKey::createdKeyIsTheOneRegisteredAndSignedWith_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("kty");
    QTest::newRow("default RS384") << QStringList() << QStringLiteral("RS384") << QStringLiteral("RSA");
    QTest::newRow("ES384") << QStringList{QStringLiteral("--alg"), QStringLiteral("ES384")} << QStringLiteral("ES384")
                           << QStringLiteral("EC");
}

void TestCliSmartKey::createdKeyIsTheOneRegisteredAndSignedWith()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, alg);
    QFETCH(QString, kty);
    const QString path = m_dir.filePath(alg + QStringLiteral(".pem"));
    const Run created = ctl(QStringList{QStringLiteral("smart-key"), QStringLiteral("create"), path} + extra);
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    const QJsonObject jwk = onlyKey(created.out);
    QCOMPARE(jwk.value(QStringLiteral("alg")).toString(), alg);
    QCOMPARE(jwk.value(QStringLiteral("kty")).toString(), kty);
    QVERIFY2(!jwk.contains(QStringLiteral("d")), "the private exponent must never be printed");
    QVERIFY(created.err.contains(QStringLiteral("mirror.smart_key_file ") + path));

    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);

    // What the mirror loads is the key that was registered.
    auto loaded = lantern::sync::SigningKey::loadPrivateKeyFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(jwk.value(QStringLiteral("kid")).toString(), loaded->keyId());

    const Run shown = ctl({QStringLiteral("smart-key"), QStringLiteral("show"), path});
    QCOMPARE(shown.exitCode, 0);
    QCOMPARE(onlyKey(shown.out), jwk);
}

void TestCliSmartKey::existingKeyIsNeverOverwritten()
{
    const QString path = m_dir.filePath(QStringLiteral("registered.pem"));
    QCOMPARE(ctl({QStringLiteral("smart-key"), QStringLiteral("create"), path, QStringLiteral("--alg"), QStringLiteral("ES384")})
                 .exitCode,
             0);
    QFile before(path);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray pem = before.readAll();
    before.close();

    const Run again = ctl({QStringLiteral("smart-key"), QStringLiteral("create"), path});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QStringLiteral("already exists")), qPrintable(again.err));
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), pem);
}

void TestCliSmartKey::badInputIsRefused()
{
    const Run badAlg = ctl({QStringLiteral("smart-key"), QStringLiteral("create"), m_dir.filePath(QStringLiteral("x.pem")),
                            QStringLiteral("--alg"), QStringLiteral("HS256")});
    QCOMPARE(badAlg.exitCode, 2);
    QVERIFY(badAlg.err.contains(QStringLiteral("RS384")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.pem"))));

    QCOMPARE(ctl({QStringLiteral("smart-key")}).exitCode, 2);
    const Run missing = ctl({QStringLiteral("smart-key"), QStringLiteral("show"), m_dir.filePath(QStringLiteral("none.pem"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(!missing.err.isEmpty());

    // A key other users can read is refused: it would let them act as this device.
    const QString open = m_dir.filePath(QStringLiteral("open.pem"));
    QCOMPARE(ctl({QStringLiteral("smart-key"), QStringLiteral("create"), open, QStringLiteral("--alg"), QStringLiteral("ES384")})
                 .exitCode,
             0);
    QVERIFY(QFile::setPermissions(open, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    const Run readable = ctl({QStringLiteral("smart-key"), QStringLiteral("show"), open});
    QCOMPARE(readable.exitCode, 3); // refused, like a device.key with the wrong mode
    QVERIFY(!readable.err.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliSmartKey)
#include "test_cli_smart_key.moc"
