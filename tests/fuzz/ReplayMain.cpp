// Runs a fuzz target over files instead of generated inputs: the regular
// (gcc) build links every target with this main, so the seeds from tests/data
// and every crash ever found (tests/fuzz/regressions/<target>/) are replayed
// by ctest on every build, without clang or libFuzzer.
//
// Usage: fuzz_replay_<target> FILE_OR_DIR...   (directories are walked recursively)

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

QStringList inputsUnder(const QString& path)
{
    if (!QFileInfo(path).isDir())
        return {path};
    QStringList files;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort(); // the same order on every machine, so a failure names the same file
    return files;
}

} // namespace

int main(int argc, char** argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
        return 2;
    }
    long replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const QString root = QString::fromLocal8Bit(argv[i]);
        if (!QFileInfo::exists(root)) {
            std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
            return 2;
        }
        for (const QString& path : inputsUnder(root)) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "%s: cannot read\n", qPrintable(path));
                return 2;
            }
            const QByteArray data = file.readAll();
            // A crash or a broken property aborts here; the last line names the input.
            std::fprintf(stderr, "replay %s\n", qPrintable(path));
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.constData()), static_cast<size_t>(data.size()));
            ++replayed;
        }
    }
    std::printf("replayed %ld inputs without a crash\n", replayed);
    return replayed > 0 ? 0 : 1; // an empty corpus would make this test pass without testing anything
}
