#include "TestSupport.h"

#include "TestConfig.h"

#include <QDir>
#include <QFile>

namespace lantern::test {

QString fhirDataDir()
{
    const QByteArray env = qgetenv("LANTERN_FHIR_DATA_DIR");
    return QDir::cleanPath(env.isEmpty() ? QString::fromUtf8(LANTERN_FHIR_DATA_DIR_DEFAULT) : QString::fromLocal8Bit(env));
}

QString fhirDataMissingMessage()
{
    return QStringLiteral("foreign FHIR test data not found at %1 (expected synthea/, ips/, kbv/, r4-examples/); "
                          "set LANTERN_FHIR_DATA_DIR at configure time or in the environment")
        .arg(fhirDataDir());
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool fileContains(const QString& path, const QByteArray& needle)
{
    return readFile(path).contains(needle);
}

SecureBuffer fixedKey(unsigned char fill)
{
    SecureBuffer key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<unsigned char>(fill + i);
    return key;
}

} // namespace lantern::test
