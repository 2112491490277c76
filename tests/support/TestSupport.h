#pragma once
// Helpers shared by tests: temporary vaults, the foreign FHIR data folder.

#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QString>

namespace lantern::test {

// tests/data/fhir in the repository (or LANTERN_FHIR_DATA_DIR from the environment or configure time).
QString fhirDataDir();
// QFAIL-worthy message when the folder is absent, naming where it looked.
QString fhirDataMissingMessage();

QByteArray readFile(const QString& path);
// True if `needle` occurs anywhere in the file's bytes.
bool fileContains(const QString& path, const QByteArray& needle);

SecureBuffer fixedKey(unsigned char fill = 0x42);

} // namespace lantern::test
