// The passphrase policy against the real libpwquality and cracklib dictionary.

#include "core/access/PassphrasePolicy.h"
#include "core/keys/Passphrase.h"

#include <QTest>

using namespace lantern;
using namespace lantern::access;

class TestPassphrasePolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejects_data();
    void rejects();
    void accepts_data();
    void accepts();
    void rejectsUsernameInPassphrase();
    void rejectsOldPassphraseAgain();
    void rejectsOverlongAndNul();
};

void TestPassphrasePolicy::rejects_data()
{
    QTest::addColumn<QString>("passphrase");
    // From the issue: too short, patterns, German words cracklib does not know.
    for (const char* p :
         {"praxis", "Admin123", "Password1234", "sommer2024sommer", "krankenhaus12",
          // dictionary words, also with a digit
          "understanding", "hospitalization", "Administration1",
          // more of the same shapes
          "Passwort12345", "Sommer2024Sommer!", "Krankenhaus2024!", "P4ssw0rt2024!!",
          "Fr\u00fchling-2024-Fr\u00fchling",
          // strong by pwquality's score, but only common words in disguise
          "P4ssw0rt-S0mmer-2024!", "Kr4nk3nh4us!W1nt3r#Juli", "$ommer-Klinik-2025-Juli", "passwordpassword",
          "123456789012", "aaaaaaaaaaaaaaaa", "Welcome2024!!", "qwertzuiop123", ""})
        QTest::newRow(*p ? p : "(empty)") << QString::fromUtf8(p);
}

void TestPassphrasePolicy::rejects()
{
    QFETCH(QString, passphrase);
    const Status result = PassphrasePolicy().check(passphrase, QStringLiteral("anna.schmidt"));
    QVERIFY2(!result.ok(), "accepted a weak passphrase");
    QCOMPARE(result.error().code, ErrorCode::WeakPassphrase);
    QVERIFY(!result.error().message.isEmpty());
    if (!passphrase.isEmpty())
        QVERIFY2(!result.error().message.contains(passphrase, Qt::CaseInsensitive),
                 "the message quotes the passphrase");
}

void TestPassphrasePolicy::accepts_data()
{
    QTest::addColumn<QString>("passphrase");
    for (const char* p :
         {"Lantern-ward-3B-night-shift", "Lantern ward 3B night shift", "Quiet-river-stones-42-north",
          "correct horse battery staple", "Mondschein-Apfel-42-Treppe", "Amber-kettle-9-under-bridges",
          "Gr\u00fcner Tee um 3 Uhr nachts"})
        QTest::newRow(p) << QString::fromUtf8(p);
}

void TestPassphrasePolicy::accepts()
{
    QFETCH(QString, passphrase);
    const Status result = PassphrasePolicy().check(passphrase, QStringLiteral("anna.schmidt"));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
}

void TestPassphrasePolicy::rejectsUsernameInPassphrase()
{
    const Status result =
        PassphrasePolicy().check(QStringLiteral("anna.schmidt-Lantern-9"), QStringLiteral("anna.schmidt"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::WeakPassphrase);
    QVERIFY2(result.error().message.contains(QStringLiteral("user name")),
             qPrintable(result.error().message));
    QVERIFY(PassphrasePolicy().check(QStringLiteral("anna.schmidt-Lantern-9"), QStringLiteral("kim")).ok());
}

void TestPassphrasePolicy::rejectsOldPassphraseAgain()
{
    const SecureBuffer old = keys::passphraseBytes(QStringLiteral("Lantern-ward-3B-night-shift"));
    const Status same = PassphrasePolicy().check(
        keys::passphraseBytes(QStringLiteral("Lantern-ward-3B-night-shift")), QStringLiteral("anna"), &old);
    QVERIFY(!same.ok());
    QCOMPARE(same.error().code, ErrorCode::WeakPassphrase);
    QVERIFY(PassphrasePolicy()
                .check(keys::passphraseBytes(QStringLiteral("Quiet-river-stones-42-north")),
                       QStringLiteral("anna"), &old)
                .ok());
}

void TestPassphrasePolicy::rejectsOverlongAndNul()
{
    QString overlong;
    while (overlong.size() <= PassphrasePolicy::MaximumBytes)
        overlong += QStringLiteral("Quiet-river-stones-42-north ");
    QCOMPARE(PassphrasePolicy().check(overlong, QStringLiteral("anna")).error().code,
             ErrorCode::WeakPassphrase);
    QString withNul = QStringLiteral("Quiet-river-stones-42-north");
    withNul[5] = QChar(0);
    QCOMPARE(PassphrasePolicy().check(withNul, QStringLiteral("anna")).error().code,
             ErrorCode::WeakPassphrase);
}

QTEST_GUILESS_MAIN(TestPassphrasePolicy)
#include "test_passphrase_policy.moc"
