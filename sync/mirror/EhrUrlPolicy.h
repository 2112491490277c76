#pragma once
// What the mirror settings may hold and show, decided once (issue #10):
// - The EHR is reached over https; http:// only to this machine (loopback: a
//   local test server or a TLS-terminating sidecar), never patient data in clear
//   over a network.
// - No password inside mirror.base_url (https://user:pw@host/): it would be sent
//   to every request's logs and shown by `config show`. Use mirror.auth.
// - Secrets (the bearer token, a proxy password) are never command-line values,
//   where /proc/*/cmdline and shell history keep them: `config set KEY -` reads
//   them from standard input; `config show` masks them.

#include "core/common/Result.h"
#include "sync/http/HttpTypes.h" // isLoopbackHost

#include <QString>
#include <QUrl>

namespace lantern::sync {

// InvalidInput saying what to do, or success. An empty URL is "not configured" and passes.
Status checkEhrBaseUrl(const QUrl& url);

// True when `value` for `key` is a secret that must not come from the command line.
bool isSecretSetting(const QString& key, const QString& value);

// The value as `config show` prints it: secrets masked, URL passwords replaced.
QString redactedSettingValue(const QString& key, const QString& value);

} // namespace lantern::sync
