#pragma once
// MirrorConfig kept in the vault's meta table under "mirror.*" keys, so the
// headless service and the GUI on one device read the same settings (and the
// bearer token is stored encrypted with everything else).

#include "core/common/Result.h"
#include "sync/mirror/MirrorEngine.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace lantern::vault {
class Vault;
}

namespace lantern::sync {

// What a setting holds: decides how a value is checked and how the rule is said.
enum class MirrorSettingKind
{
    Text,    // free text (a client id, a file path)
    Url,     // the EHR base URL (EhrUrlPolicy)
    Ids,     // comma list of FHIR ids
    OneId,   // one FHIR id
    Number,  // a whole number within [minimum, maximum]
    Choice,  // one of `choices`
    Secret   // never on the command line, masked when shown
};

// One setting of the table every check, `config show` and the CLI's help use.
struct MirrorSettingSpec
{
    QString key;          // e.g. mirror.interval
    MirrorSettingKind kind = MirrorSettingKind::Text;
    int minimum = 0;      // Number only
    int maximum = 0;      // Number only
    QStringList choices;  // Choice only
    QString unit;         // Number only: "seconds", "hours", ...
    QString defaultValue; // what applies while nothing is set in the vault ("" = none)
};

// The effective value of one setting as `config show` presents it.
struct MirrorSettingView
{
    QString key;
    QString value;        // the effective value, secrets masked
    QString defaultValue; // "" when the setting has no default
    bool setInVault = false;
    QString allowed;      // the rule in words, e.g. "a whole number from 1 to 86400 (seconds)"
};

const QList<MirrorSettingSpec>& mirrorSettingSpecs();
// Every key `lanternctl config set` accepts, e.g. mirror.base_url, mirror.wards.
const QStringList& mirrorConfigKeys();
// The rule in words, for messages and help: "a whole number from 1 to 86400 (seconds)", "none, bearer or smart".
QString allowedValuesText(const MirrorSettingSpec& spec);

Result<MirrorConfig> loadMirrorConfig(vault::Vault& vault);
// Validates the value for the key (a URL, a whole number, a comma list of ids ...).
Status setMirrorConfigValue(vault::Vault& vault, const QString& key, const QString& value);
// Key/value pairs for display; secrets are masked.
Result<QList<QPair<QString, QString>>> mirrorConfigForDisplay(vault::Vault& vault);
// Every setting with its effective value, default and where it came from; secrets masked.
Result<QList<MirrorSettingView>> mirrorSettingsForDisplay(vault::Vault& vault);

} // namespace lantern::sync
