// The atomic file writer never writes through a symlink someone planted in the
// vault folder: not at the temp name the old writer used (".name.tmp", easy to
// guess), and not at the target itself (rename replaces the link, it does not
// follow it). The file a link points to stays exactly as it was.

#include "core/common/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace lantern;

namespace {

QByteArray contentOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestAtomicFileSymlinks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void plantedTempSymlinkIsNotFollowed();
    void targetSymlinkIsReplacedNotFollowed();
    void newFileHasTheAskedModeAndNoTempIsLeft();

private:
    std::optional<QTemporaryDir> m_folder; // the vault folder an attacker can write into
    std::optional<QTemporaryDir> m_elsewhere; // a file the attacker wants overwritten
    QString m_victim;
};

void TestAtomicFileSymlinks::init()
{
    m_folder.emplace();
    m_elsewhere.emplace();
    QVERIFY(m_folder->isValid() && m_elsewhere->isValid());
    m_victim = m_elsewhere->filePath(QStringLiteral("victim.conf"));
    QVERIFY(writeFile(m_victim, "victim's own content\n"));
}

void TestAtomicFileSymlinks::plantedTempSymlinkIsNotFollowed()
{
    const QString target = m_folder->filePath(QStringLiteral("throttle.json"));
    // Every name the old writer (or a lazy guess) would use as its temp file.
    const QStringList guesses{QStringLiteral(".throttle.json.tmp"), QStringLiteral("throttle.json.tmp"),
                              QStringLiteral(".throttle.json.lock")};
    for (const QString& guess : guesses)
        QVERIFY(QFile::link(m_victim, m_folder->filePath(guess)));

    QVERIFY(writeFileAtomically(target, "{\"new\": true}\n").ok());

    QCOMPARE(contentOf(m_victim), QByteArray("victim's own content\n"));
    QCOMPARE(contentOf(target), QByteArray("{\"new\": true}\n"));
    QVERIFY(!QFileInfo(target).isSymLink());
    for (const QString& guess : guesses)
        QVERIFY2(QFileInfo(m_folder->filePath(guess)).isSymLink(), qPrintable(guess)); // left alone, not replaced
}

void TestAtomicFileSymlinks::targetSymlinkIsReplacedNotFollowed()
{
    const QString target = m_folder->filePath(QStringLiteral("keyslots.json"));
    QVERIFY(QFile::link(m_victim, target));

    QVERIFY(writeFileAtomically(target, "slots\n").ok());

    QCOMPARE(contentOf(m_victim), QByteArray("victim's own content\n"));
    QVERIFY(!QFileInfo(target).isSymLink());
    QCOMPARE(contentOf(target), QByteArray("slots\n"));
}

void TestAtomicFileSymlinks::newFileHasTheAskedModeAndNoTempIsLeft()
{
    const QString target = m_folder->filePath(QStringLiteral("device.key"));
    const mode_t oldMask = ::umask(0); // a lax umask must not widen the file
    const bool written = writeFileAtomically(target, "key", {0600}).ok();
    ::umask(oldMask);
    QVERIFY(written);
    struct stat st{};
    QCOMPARE(::lstat(QFile::encodeName(target).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    const QStringList left = QDir(m_folder->path()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(left, QStringList{QStringLiteral("device.key")});
}

QTEST_GUILESS_MAIN(TestAtomicFileSymlinks)
#include "test_atomic_file_symlinks.moc"
