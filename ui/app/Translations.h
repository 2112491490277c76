#pragma once
// Loads Lantern's translation (compiled into the executable as
// :/i18n/lantern_<lang>.qm) and Qt's own, by explicit choice or by the
// system locale. German and English ship; anything else falls back to English.

#include <QString>

class QCoreApplication;

namespace lantern::ui {

// `language`: "de", "en" or empty for the system locale. Returns the language in use.
QString installTranslations(QCoreApplication& app, const QString& language);

} // namespace lantern::ui
