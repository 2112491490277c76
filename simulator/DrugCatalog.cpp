// Inpatient drugs with ATC codes (WHO ATC index) and the ward's dosing schedules.
#include "Catalog.h"

using namespace Qt::StringLiterals;

namespace lantern::sim::catalog {

namespace {

QList<QTime> times(const char* list)
{
    QList<QTime> out;
    const QStringList parts = QString::fromLatin1(list).split(u',', Qt::SkipEmptyParts);
    for (const QString& p : parts)
        out.append(QTime::fromString(p, u"HH:mm"_s));
    return out;
}

QList<double> steps(std::initializer_list<double> v)
{
    return QList<double>(v);
}

Route oral()
{
    return {u"26643006"_s, u"Oral route"_s, u"p.o."_s};
}

Route iv()
{
    return {u"47625008"_s, u"Intravenous route"_s, u"i.v."_s};
}

Route sc()
{
    return {u"34206005"_s, u"Subcutaneous route"_s, u"s.c."_s};
}

Drug make(const QString& key, const QString& atc, const QString& atcDisplay, const QString& text, double dose,
    const QString& unit, const QString& ucum, const Route& route, const QString& schedules,
    QList<double> doseSteps, const QString& allergyClass = {}, bool highAlert = false, const QString& prnReason = {})
{
    Drug d;
    d.key = key;
    d.atc = atc;
    d.atcDisplay = atcDisplay;
    d.text = text;
    d.dose = dose;
    d.unit = unit;
    d.ucum = ucum;
    d.route = route;
    d.schedules = schedules.split(u'|');
    d.doseSteps = doseSteps;
    d.allergyClass = allergyClass;
    d.highAlert = highAlert;
    d.prnReason = prnReason;
    return d;
}

} // namespace

const QList<Schedule>& schedules()
{
    static const QList<Schedule> list{
        {u"1-0-0"_s, u"1-0-0 (08:00)"_s, times("08:00")},
        {u"0-0-1"_s, u"0-0-1 (20:00)"_s, times("20:00")},
        {u"1-0-1"_s, u"1-0-1 (08:00, 20:00)"_s, times("08:00,20:00")},
        {u"1-1-1"_s, u"1-1-1 (08:00, 12:00, 18:00)"_s, times("08:00,12:00,18:00")},
        {u"1-1-1-1"_s, u"1-1-1-1 (08:00, 12:00, 18:00, 22:00)"_s, times("08:00,12:00,18:00,22:00")},
        {u"q6h"_s, u"alle 6 Stunden (00-06-12-18 Uhr)"_s, times("00:00,06:00,12:00,18:00"), 6},
        {u"q8h"_s, u"alle 8 Stunden (06-14-22 Uhr)"_s, times("06:00,14:00,22:00"), 8},
        {u"q12h"_s, u"alle 12 Stunden (08-20 Uhr)"_s, times("08:00,20:00"), 12},
        {u"0600"_s, u"06:00 nüchtern"_s, times("06:00")},
        {u"2200"_s, u"22:00 zur Nacht"_s, times("22:00")},
        {u"meals"_s, u"zu den Mahlzeiten (07:30, 12:00, 17:30)"_s, times("07:30,12:00,17:30")},
        {u"prn4"_s, u"bei Bedarf, frühestens alle 4 h, max. 6x/Tag"_s, {}, 0, true, 4, 6},
        {u"prn6"_s, u"bei Bedarf, frühestens alle 6 h, max. 4x/Tag"_s, {}, 0, true, 6, 4},
        {u"prn8"_s, u"bei Bedarf, frühestens alle 8 h, max. 3x/Tag"_s, {}, 0, true, 8, 3},
    };
    return list;
}

const Schedule* schedule(const QString& key)
{
    for (const Schedule& s : schedules())
        if (s.key == key)
            return &s;
    return nullptr;
}

const QList<Drug>& drugs()
{
    static const QList<Drug> list{
        make(u"metoprolol"_s, u"C07AB02"_s, u"metoprolol"_s, u"Metoprololsuccinat 47,5 mg Retardtablette"_s, 47.5,
            u"mg"_s, u"mg"_s, oral(), u"1-0-1|1-0-0"_s, steps({23.75, 47.5, 95})),
        make(u"bisoprolol"_s, u"C07AB07"_s, u"bisoprolol"_s, u"Bisoprololfumarat 5 mg Filmtablette"_s, 5, u"mg"_s,
            u"mg"_s, oral(), u"1-0-0"_s, steps({2.5, 5, 10})),
        make(u"ramipril"_s, u"C09AA05"_s, u"ramipril"_s, u"Ramipril 5 mg Tablette"_s, 5, u"mg"_s, u"mg"_s, oral(),
            u"1-0-0|1-0-1"_s, steps({2.5, 5, 10})),
        make(u"amlodipine"_s, u"C08CA01"_s, u"amlodipine"_s, u"Amlodipin 5 mg Tablette"_s, 5, u"mg"_s, u"mg"_s,
            oral(), u"1-0-0"_s, steps({5, 10})),
        make(u"furosemide"_s, u"C03CA01"_s, u"furosemide"_s, u"Furosemid 40 mg Tablette"_s, 40, u"mg"_s, u"mg"_s,
            oral(), u"1-0-0|1-0-1"_s, steps({20, 40, 80})),
        make(u"potassium-chloride"_s, u"A12BA01"_s, u"potassium chloride"_s,
            u"Kaliumchlorid 7,45 % Konzentrat, 20 mmol in 500 ml NaCl 0,9 % über 4 h"_s, 20, u"mmol"_s, u"mmol"_s,
            iv(), u"1-0-0"_s, steps({10, 20, 40}), {}, true),
        make(u"enoxaparin"_s, u"B01AB05"_s, u"enoxaparin"_s, u"Enoxaparin-Natrium 40 mg (4.000 I.E.) Fertigspritze"_s,
            40, u"mg"_s, u"mg"_s, sc(), u"0-0-1|1-0-0"_s, steps({20, 40, 60, 80}), u"heparin"_s, true),
        make(u"heparin"_s, u"B01AB01"_s, u"heparin"_s, u"Heparin-Natrium 5.000 I.E./0,2 ml Injektionslösung"_s, 5000,
            u"I.E."_s, u"[iU]"_s, sc(), u"q8h|1-0-1"_s, steps({5000, 7500}), u"heparin"_s, true),
        make(u"apixaban"_s, u"B01AF02"_s, u"apixaban"_s, u"Apixaban 5 mg Filmtablette"_s, 5, u"mg"_s, u"mg"_s, oral(),
            u"1-0-1"_s, steps({2.5, 5}), {}, true),
        make(u"aspirin"_s, u"B01AC06"_s, u"acetylsalicylic acid"_s, u"Acetylsalicylsäure 100 mg Tablette"_s, 100,
            u"mg"_s, u"mg"_s, oral(), u"1-0-0"_s, steps({100}), u"nsaid"_s),
        make(u"atorvastatin"_s, u"C10AA05"_s, u"atorvastatin"_s, u"Atorvastatin 40 mg Filmtablette"_s, 40, u"mg"_s,
            u"mg"_s, oral(), u"0-0-1"_s, steps({20, 40, 80})),
        make(u"insulin-glargine"_s, u"A10AE04"_s, u"insulin glargine"_s, u"Insulin glargin 100 E/ml Fertigpen"_s, 16,
            u"I.E."_s, u"[iU]"_s, sc(), u"2200|1-0-0"_s, steps({10, 12, 14, 16, 18, 20, 24}), {}, true),
        make(u"insulin-aspart"_s, u"A10AB05"_s, u"insulin aspart"_s,
            u"Insulin aspart 100 E/ml Fertigpen, nach BZ-Schema"_s, 6, u"I.E."_s, u"[iU]"_s, sc(), u"meals"_s,
            steps({4, 6, 8, 10}), {}, true),
        make(u"metformin"_s, u"A10BA02"_s, u"metformin"_s, u"Metformin 1000 mg Filmtablette"_s, 1000, u"mg"_s,
            u"mg"_s, oral(), u"1-0-1"_s, steps({500, 850, 1000})),
        make(u"levothyroxine"_s, u"H03AA01"_s, u"levothyroxine sodium"_s, u"Levothyroxin-Natrium 75 µg Tablette"_s,
            75, u"µg"_s, u"ug"_s, oral(), u"0600"_s, steps({50, 75, 100, 125})),
        make(u"pantoprazole"_s, u"A02BC02"_s, u"pantoprazole"_s, u"Pantoprazol 40 mg magensaftresistente Tablette"_s,
            40, u"mg"_s, u"mg"_s, oral(), u"1-0-0|0600"_s, steps({20, 40})),
        make(u"prednisolone"_s, u"H02AB06"_s, u"prednisolone"_s, u"Prednisolon 20 mg Tablette"_s, 40, u"mg"_s,
            u"mg"_s, oral(), u"1-0-0"_s, steps({10, 20, 40, 50})),
        make(u"metamizole"_s, u"N02BB02"_s, u"metamizole sodium"_s, u"Metamizol-Natrium 500 mg Filmtablette"_s, 1000,
            u"mg"_s, u"mg"_s, oral(), u"1-1-1-1|prn6"_s, steps({500, 1000}), u"metamizole"_s, false,
            u"bei Schmerzen"_s),
        make(u"paracetamol"_s, u"N02BE01"_s, u"paracetamol"_s, u"Paracetamol 500 mg Tablette"_s, 1000, u"mg"_s,
            u"mg"_s, oral(), u"prn6|1-1-1-1"_s, steps({500, 1000}), {}, false, u"bei Schmerzen oder Fieber > 38,5 °C"_s),
        make(u"ibuprofen"_s, u"M01AE01"_s, u"ibuprofen"_s, u"Ibuprofen 400 mg Filmtablette"_s, 400, u"mg"_s, u"mg"_s,
            oral(), u"prn8|1-1-1"_s, steps({400, 600}), u"nsaid"_s, false, u"bei Schmerzen"_s),
        make(u"morphine"_s, u"N02AA01"_s, u"morphine"_s, u"Morphinhydrochlorid 10 mg/ml Injektionslösung"_s, 5,
            u"mg"_s, u"mg"_s, sc(), u"prn4"_s, steps({2.5, 5, 10}), u"opioid"_s, true, u"bei starken Schmerzen (NRS > 5)"_s),
        make(u"oxycodone"_s, u"N02AA05"_s, u"oxycodone"_s, u"Oxycodonhydrochlorid 10 mg Retardtablette"_s, 10, u"mg"_s,
            u"mg"_s, oral(), u"q12h|1-0-1"_s, steps({5, 10, 20}), u"opioid"_s, true),
        make(u"ondansetron"_s, u"A04AA01"_s, u"ondansetron"_s, u"Ondansetron 4 mg Schmelztablette"_s, 4, u"mg"_s,
            u"mg"_s, oral(), u"prn8"_s, steps({4, 8}), {}, false, u"bei Übelkeit oder Erbrechen"_s),
        make(u"macrogol"_s, u"A06AD65"_s, u"macrogol, combinations"_s,
            u"Macrogol 13,125 g Pulver zur Herstellung einer Lösung, Beutel"_s, 1, u"Btl."_s, u"{Btl}"_s, oral(),
            u"1-0-0"_s, steps({1, 2})),
        make(u"sodium-chloride"_s, u"B05BB01"_s, u"electrolytes"_s, u"Natriumchlorid 0,9 % Infusionslösung 1000 ml"_s,
            1000, u"ml"_s, u"mL"_s, iv(), u"1-0-1|1-0-0"_s, steps({500, 1000})),
        make(u"amoxicillin-clavulanate"_s, u"J01CR02"_s, u"amoxicillin and beta-lactamase inhibitor"_s,
            u"Amoxicillin/Clavulansäure 875 mg/125 mg Filmtablette"_s, 1, u"Tbl."_s, u"{tbl}"_s, oral(),
            u"1-1-1|1-0-1"_s, steps({1}), u"penicillin"_s),
        make(u"ceftriaxone"_s, u"J01DD04"_s, u"ceftriaxone"_s, u"Ceftriaxon 2 g Pulver zur Herstellung einer Infusionslösung"_s,
            2, u"g"_s, u"g"_s, iv(), u"1-0-0"_s, steps({1, 2}), u"cephalosporin"_s),
        make(u"piperacillin-tazobactam"_s, u"J01CR05"_s, u"piperacillin and beta-lactamase inhibitor"_s,
            u"Piperacillin/Tazobactam 4 g/0,5 g Pulver zur Herstellung einer Infusionslösung"_s, 4.5, u"g"_s, u"g"_s,
            iv(), u"q8h"_s, steps({4.5}), u"penicillin"_s),
    };
    return list;
}

const Drug* drug(const QString& key)
{
    for (const Drug& d : drugs())
        if (d.key == key)
            return &d;
    return nullptr;
}

const QStringList& stopReasons()
{
    static const QStringList list{u"Therapieende"_s, u"Umstellung auf orale Therapie"_s,
        u"Nebenwirkung: Übelkeit"_s, u"Dosisanpassung bei eingeschränkter Nierenfunktion"_s,
        u"Pausiert vor Kontrastmittelgabe"_s, u"Laut Visite abgesetzt"_s};
    return list;
}

} // namespace lantern::sim::catalog
