#include "ui/app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace lantern::ui {

QString installTranslations(QCoreApplication& app, const QString& language)
{
    QString lang = language;
    if (lang.isEmpty())
        lang = QLocale::system().name().left(2);
    if (lang != QLatin1String("de"))
        lang = QStringLiteral("en");
    // Dates in the UI are written explicitly (24 h, day first); the locale
    // still decides number formats, so it follows the chosen language.
    QLocale::setDefault(QLocale(lang == QLatin1String("de") ? QLocale::German : QLocale::English,
                                lang == QLatin1String("de") ? QLocale::Germany : QLocale::UnitedKingdom));
    auto* own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/lantern_") + lang))
        QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    return lang;
}

} // namespace lantern::ui
