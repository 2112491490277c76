// Synthetic names and places. German names carry umlauts and ß on purpose:
// every layer from JSON to print must keep them intact.
#include "Catalog.h"

using namespace Qt::StringLiterals;

namespace lantern::sim::catalog {

const QStringList& germanGivenMale()
{
    static const QStringList l{u"Jürgen"_s, u"Jörg"_s, u"Björn"_s, u"Günter"_s, u"Sören"_s, u"Uwe"_s, u"Klaus"_s,
        u"Hans-Peter"_s, u"Dieter"_s, u"Wolfgang"_s, u"Stefan"_s, u"Thomas"_s, u"Lukas"_s, u"Jonas"_s, u"Horst"_s,
        u"Karl-Heinz"_s, u"Mehmet"_s, u"Bernd"_s, u"Rüdiger"_s, u"Matthäus"_s};
    return l;
}

const QStringList& germanGivenFemale()
{
    static const QStringList l{u"Bärbel"_s, u"Käthe"_s, u"Jutta"_s, u"Ursula"_s, u"Renate"_s, u"Gisela"_s,
        u"Anneliese"_s, u"Hannelore"_s, u"Sabine"_s, u"Lena"_s, u"Jördis"_s, u"Ilse"_s, u"Gertrud"_s, u"Marlène"_s,
        u"Süheyla"_s, u"Dörte"_s, u"Elfriede"_s, u"Monika"_s, u"Heike"_s, u"Zoë"_s};
    return l;
}

const QStringList& germanFamily()
{
    static const QStringList l{u"Müller"_s, u"Schäfer"_s, u"Köhler"_s, u"Schröder"_s, u"Krüger"_s, u"Jäger"_s,
        u"Bäcker"_s, u"Weiß"_s, u"Groß"_s, u"Fuß"_s, u"Günther"_s, u"Möller"_s, u"Lehmann"_s, u"Schmidt"_s,
        u"Meier"_s, u"Wagner"_s, u"Becker"_s, u"Hoffmann"_s, u"Schulz"_s, u"Koch"_s, u"Richter"_s, u"Wolf"_s,
        u"Neumann"_s, u"Schwarz"_s, u"Zimmermann"_s, u"Braun"_s, u"Hartmann"_s, u"Krause"_s, u"Öztürk"_s,
        u"Yılmaz"_s, u"Nowak"_s, u"Bürger"_s, u"Märtens"_s, u"Strauß"_s, u"von Thünen"_s};
    return l;
}

const QStringList& englishGivenMale()
{
    static const QStringList l{u"James"_s, u"Oliver"_s, u"Harry"_s, u"George"_s, u"William"_s, u"Seán"_s,
        u"Thomas"_s, u"Jack"_s, u"Arthur"_s, u"Noah"_s};
    return l;
}

const QStringList& englishGivenFemale()
{
    static const QStringList l{u"Emily"_s, u"Olivia"_s, u"Amelia"_s, u"Charlotte"_s, u"Sophie"_s, u"Siobhán"_s,
        u"Grace"_s, u"Isla"_s, u"Margaret"_s, u"Chloé"_s};
    return l;
}

const QStringList& englishFamily()
{
    static const QStringList l{u"Smith"_s, u"Jones"_s, u"Taylor"_s, u"Brown"_s, u"Williams"_s, u"Wilson"_s,
        u"O'Connor"_s, u"Evans"_s, u"Roberts"_s, u"Walsh"_s, u"Murphy"_s, u"MacDonald"_s, u"Davies"_s,
        u"Clarke"_s, u"Ní Bhriain"_s};
    return l;
}

const QStringList& germanCities()
{
    static const QStringList l{u"München|80331"_s, u"Köln|50667"_s, u"Düsseldorf|40213"_s, u"Nürnberg|90402"_s,
        u"Lübeck|23552"_s, u"Würzburg|97070"_s, u"Görlitz|02826"_s, u"Saarbrücken|66111"_s,
        u"Osnabrück|49074"_s, u"Tübingen|72070"_s, u"Berlin|10115"_s, u"Jena|07743"_s};
    return l;
}

const QStringList& germanStreets()
{
    static const QStringList l{u"Hauptstraße"_s, u"Schillerstraße"_s, u"Goethestraße"_s, u"Am Mühlbach"_s,
        u"Lindenallee"_s, u"Bahnhofstraße"_s, u"Kirchgäßchen"_s, u"Brückenstraße"_s, u"Gartenweg"_s,
        u"Königsallee"_s};
    return l;
}

const QStringList& physicians()
{
    static const QStringList l{u"Dr. med. A. Schmitt"_s, u"Dr. med. K. Özdemir"_s, u"Dr. med. J. Brückner"_s,
        u"Dr. med. S. Lange"_s, u"Dr. med. M. Kowalski"_s, u"Dr. med. T. Hübner"_s};
    return l;
}

} // namespace lantern::sim::catalog
