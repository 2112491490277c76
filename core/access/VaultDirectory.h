#pragma once
// The files of one vault folder, named in one place:
//   vault.db        the SQLCipher database (patient data, users, audit)
//   keyslots.json   the data key wrapped once per user and once for the device
//   device.key      the mirror service's key (mode 0600)
//   throttle.json   failed unlock counts
//   keyslots.rekey.json  only while a re-key is under way (see VaultRekey)
// (plus short-lived "<name>.lock" and ".<name>.tmp" files while one is replaced).

#include <QDir>
#include <QString>

namespace lantern::access {

class VaultDirectory
{
public:
    explicit VaultDirectory(const QString& path) : m_dir(QDir(path).absolutePath()) {}

    QString path() const { return m_dir; }
    QString vaultFile() const { return file(QStringLiteral("vault.db")); }
    QString keySlotFile() const { return file(QStringLiteral("keyslots.json")); }
    QString rekeySlotFile() const { return file(QStringLiteral("keyslots.rekey.json")); }
    QString deviceKeyFile() const { return file(QStringLiteral("device.key")); }
    QString throttleFile() const { return file(QStringLiteral("throttle.json")); }

private:
    QString file(const QString& name) const { return m_dir + QLatin1Char('/') + name; }
    QString m_dir;
};

} // namespace lantern::access
