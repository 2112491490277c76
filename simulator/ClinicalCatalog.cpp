// Diagnoses (ICD-10-GM), clinical profiles, allergies, devices, flags and wards.
#include "Catalog.h"

using namespace Qt::StringLiterals;

namespace lantern::sim::catalog {

const QList<Profile>& profiles()
{
    static const QList<Profile> list{
        {u"heart-failure"_s,
            {{u"I50.13"_s, u"Linksherzinsuffizienz: Mit Beschwerden bei leichterer Belastung"_s},
                {u"I10.90"_s, u"Essentielle Hypertonie, nicht näher bezeichnet: Ohne Angabe einer hypertensiven Krise"_s}},
            {{u"furosemide"_s}, {u"ramipril"_s}, {u"metoprolol"_s, u"bisoprolol"_s}, {u"potassium-chloride"_s},
                {u"enoxaparin"_s}},
            {u"atorvastatin"_s, u"pantoprazole"_s}, u"pacemaker"_s},
        {u"atrial-fibrillation"_s, {{u"I48.1"_s, u"Vorhofflimmern, persistierend"_s}},
            {{u"apixaban"_s}, {u"metoprolol"_s, u"bisoprolol"_s}, {u"ramipril"_s}}, {u"atorvastatin"_s}, u"icd"_s},
        {u"nstemi"_s, {{u"I21.4"_s, u"Akuter subendokardialer Myokardinfarkt"_s}},
            {{u"aspirin"_s}, {u"heparin"_s}, {u"metoprolol"_s}, {u"ramipril"_s}, {u"atorvastatin"_s},
                {u"pantoprazole"_s}},
            {u"morphine"_s}, u"icd"_s},
        {u"pneumonia"_s, {{u"J18.9"_s, u"Pneumonie, nicht näher bezeichnet"_s}},
            {{u"amoxicillin-clavulanate"_s, u"ceftriaxone"_s}, {u"enoxaparin"_s}, {u"paracetamol"_s}},
            {u"pantoprazole"_s}, {}},
        {u"copd"_s,
            {{u"J44.19"_s, u"Chronische obstruktive Lungenkrankheit mit akuter Exazerbation, nicht näher bezeichnet: FEV1 nicht näher bezeichnet"_s}},
            {{u"prednisolone"_s}, {u"amoxicillin-clavulanate"_s, u"ceftriaxone"_s}, {u"enoxaparin"_s}},
            {u"pantoprazole"_s, u"paracetamol"_s}, {}},
        {u"diabetes"_s,
            {{u"E11.91"_s, u"Diabetes mellitus, Typ 2: Ohne Komplikationen: Als entgleist bezeichnet"_s}},
            {{u"insulin-glargine"_s}, {u"insulin-aspart"_s}, {u"metformin"_s}, {u"ramipril"_s}, {u"enoxaparin"_s}},
            {u"atorvastatin"_s}, u"insulin-pump"_s},
        {u"sepsis"_s,
            {{u"A41.9"_s, u"Sepsis, nicht näher bezeichnet"_s},
                {u"N39.0"_s, u"Harnwegsinfektion, Lokalisation nicht näher bezeichnet"_s}},
            {{u"piperacillin-tazobactam"_s, u"ceftriaxone"_s}, {u"heparin"_s}, {u"paracetamol"_s},
                {u"pantoprazole"_s}, {u"potassium-chloride"_s}},
            {u"ondansetron"_s}, u"cvc"_s},
        {u"hip-fracture"_s, {{u"S72.00"_s, u"Schenkelhalsfraktur: Teil nicht näher bezeichnet"_s}},
            {{u"metamizole"_s, u"paracetamol"_s}, {u"oxycodone"_s}, {u"morphine"_s}, {u"enoxaparin"_s},
                {u"ondansetron"_s}},
            {u"pantoprazole"_s, u"ibuprofen"_s}, {}},
        {u"appendicitis"_s, {{u"K35.8"_s, u"Akute Appendizitis, nicht näher bezeichnet"_s}},
            {{u"ceftriaxone"_s}, {u"metamizole"_s}, {u"ondansetron"_s}, {u"enoxaparin"_s}}, {u"ibuprofen"_s}, {}},
        {u"stroke"_s, {{u"I63.9"_s, u"Hirninfarkt, nicht näher bezeichnet"_s}},
            {{u"aspirin"_s}, {u"atorvastatin"_s}, {u"enoxaparin"_s}, {u"amlodipine"_s, u"ramipril"_s}},
            {u"pantoprazole"_s}, {}},
    };
    return list;
}

const Profile* profile(const QString& key)
{
    for (const Profile& p : profiles())
        if (p.key == key)
            return &p;
    return nullptr;
}

const QList<Diagnosis>& comorbidities()
{
    static const QList<Diagnosis> list{
        {u"I10.90"_s, u"Essentielle Hypertonie, nicht näher bezeichnet: Ohne Angabe einer hypertensiven Krise"_s},
        {u"E03.9"_s, u"Hypothyreose, nicht näher bezeichnet"_s},
        {u"E78.0"_s, u"Reine Hypercholesterinämie"_s},
        {u"N18.3"_s, u"Chronische Nierenkrankheit, Stadium 3"_s},
        {u"K21.9"_s, u"Gastroösophageale Refluxkrankheit ohne Ösophagitis"_s},
        {u"F03"_s, u"Nicht näher bezeichnete Demenz"_s},
    };
    return list;
}

QString comorbidityDrug(const QString& icdCode)
{
    if (icdCode == u"I10.90"_s)
        return u"amlodipine"_s;
    if (icdCode == u"E03.9"_s)
        return u"levothyroxine"_s;
    if (icdCode == u"E78.0"_s)
        return u"atorvastatin"_s;
    if (icdCode == u"K21.9"_s)
        return u"pantoprazole"_s;
    return {};
}

const QList<AllergyDef>& allergies()
{
    static const QString snomed = u"http://snomed.info/sct"_s;
    static const QString atc = u"http://www.whocc.no/atc"_s;
    static const QList<AllergyDef> list{
        {u"penicillin"_s, snomed, u"764146007"_s, u"Penicillin (substance)"_s, u"Penicillin"_s, u"medication"_s,
            u"allergy"_s, u"high"_s,
            {{u"126485001"_s, u"Urticaria"_s, u"Urtikaria"_s}, {u"39579001"_s, u"Anaphylaxis"_s, u"Anaphylaxie"_s}},
            u"severe"_s, u"penicillin"_s},
        {u"penicillin-rash"_s, snomed, u"764146007"_s, u"Penicillin (substance)"_s, u"Penicillin"_s,
            u"medication"_s, u"allergy"_s, u"low"_s, {{u"126485001"_s, u"Urticaria"_s, u"Urtikaria"_s}},
            u"mild"_s, u"penicillin"_s},
        {u"metamizole"_s, atc, u"N02BB02"_s, u"metamizole sodium"_s, u"Metamizol (Novaminsulfon)"_s,
            u"medication"_s, u"allergy"_s, u"high"_s, {{u"17182001"_s, u"Agranulocytosis"_s, u"Agranulozytose"_s}},
            u"severe"_s, u"metamizole"_s},
        {u"nsaid"_s, atc, u"M01AE01"_s, u"ibuprofen"_s, u"Ibuprofen / NSAR"_s, u"medication"_s, u"allergy"_s,
            u"high"_s, {{u"4386001"_s, u"Bronchospasm"_s, u"Bronchospasmus"_s}}, u"moderate"_s, u"nsaid"_s},
        {u"heparin"_s, atc, u"B01AB01"_s, u"heparin"_s, u"Heparin (HIT Typ II)"_s, u"medication"_s, u"allergy"_s,
            u"high"_s, {{QString(), QString(), u"Heparininduzierte Thrombozytopenie Typ II"_s}}, u"severe"_s,
            u"heparin"_s},
        {u"cotrimoxazole"_s, atc, u"J01EE01"_s, u"sulfamethoxazole and trimethoprim"_s, u"Cotrimoxazol"_s,
            u"medication"_s, u"allergy"_s, u"low"_s, {{u"271807003"_s, u"Eruption of skin"_s, u"Exanthem"_s}},
            u"mild"_s, {}},
        {u"codeine"_s, atc, u"R05DA04"_s, u"codeine"_s, u"Codein"_s, u"medication"_s, u"intolerance"_s, u"low"_s,
            {{u"422587007"_s, u"Nausea"_s, u"Übelkeit"_s}}, u"mild"_s, {}},
        {u"contrast"_s, atc, u"V08A"_s, u"IODINATED X-RAY CONTRAST MEDIA"_s, u"Jodhaltiges Röntgenkontrastmittel"_s,
            u"medication"_s, u"allergy"_s, u"high"_s, {{u"126485001"_s, u"Urticaria"_s, u"Urtikaria"_s}},
            u"moderate"_s, {}},
        {u"latex"_s, snomed, u"111088007"_s, u"Latex (substance)"_s, u"Latex"_s, u"environment"_s, u"allergy"_s,
            u"low"_s, {{u"40275004"_s, u"Contact dermatitis"_s, u"Kontaktdermatitis"_s}}, u"mild"_s, {}},
        {u"peanut"_s, snomed, u"762952008"_s, u"Peanut (substance)"_s, u"Erdnuss"_s, u"food"_s, u"allergy"_s,
            u"high"_s, {{u"39579001"_s, u"Anaphylaxis"_s, u"Anaphylaxie"_s}}, u"severe"_s, {}},
    };
    return list;
}

const QList<DeviceDef>& devices()
{
    static const QList<DeviceDef> list{
        {u"pacemaker"_s, u"14106009"_s, u"Cardiac pacemaker, device"_s, u"Herzschrittmacher (DDD)"_s,
            u"Medtronic"_s, u"Azure XT DR MRI SureScan"_s,
            u"MRT nur unter Bedingungen; Schrittmacherausweis im Portemonnaie des Patienten"_s,
            {u"Z95.0"_s, u"Vorhandensein eines kardialen elektronischen Geräts"_s}},
        {u"icd"_s, u"72506001"_s, u"Implantable defibrillator, device"_s, u"ICD (Einkammer)"_s, u"Biotronik"_s,
            u"Rivacor 5 VR-T"_s, u"Bei Reanimation oder Eingriffen: Magnet auflegen setzt Schocktherapie aus"_s,
            {u"Z95.0"_s, u"Vorhandensein eines kardialen elektronischen Geräts"_s}},
        {u"insulin-pump"_s, u"69805005"_s, u"Insulin pump, device"_s, u"Insulinpumpe"_s, u"Medtronic"_s,
            u"MiniMed 780G"_s, u"Basalrate läuft weiter; vor OP oder MRT Pumpe ablegen"_s, {}},
        {u"cvc"_s, u"52124006"_s, u"Central venous catheter, device"_s,
            u"ZVK 3-lumig, V. jugularis interna rechts"_s, u"Arrow"_s, u"CS-12703"_s,
            u"Verbandwechsel alle 7 Tage; Lage radiologisch kontrolliert"_s, {}},
    };
    return list;
}

const DeviceDef* device(const QString& key)
{
    for (const DeviceDef& d : devices())
        if (d.key == key)
            return &d;
    return nullptr;
}

const QList<FlagDef>& flags()
{
    static const QList<FlagDef> list{
        {u"fall-risk"_s, u"129839007"_s, u"At risk for falls"_s, u"Sturzgefahr"_s, u"safety"_s},
        {u"mrsa"_s, u"115329001"_s, u"Methicillin resistant Staphylococcus aureus"_s,
            u"MRSA – Kontaktisolation, Schutzkittel und Handschuhe"_s, u"clinical"_s},
        {u"dysphagia"_s, u"40739000"_s, u"Dysphagia"_s, u"Schluckstörung – nur passierte Kost, Tabletten mörsern"_s,
            u"diet"_s},
    };
    return list;
}

const QList<WardDef>& wards()
{
    static const QList<WardDef> list{
        {u"3B"_s, u"Station 3B – Kardiologie"_s, {u"heart-failure"_s, u"atrial-fibrillation"_s, u"nstemi"_s}},
        {u"4A"_s, u"Station 4A – Innere Medizin und Pneumologie"_s,
            {u"pneumonia"_s, u"copd"_s, u"sepsis"_s, u"diabetes"_s}},
        {u"2C"_s, u"Station 2C – Unfallchirurgie und Orthopädie"_s, {u"hip-fracture"_s}},
        {u"5N"_s, u"Station 5N – Neurologie (Stroke Unit)"_s, {u"stroke"_s, u"atrial-fibrillation"_s}},
        {u"1A"_s, u"Station 1A – Allgemein- und Viszeralchirurgie"_s, {u"appendicitis"_s, u"sepsis"_s}},
        {u"6G"_s, u"Station 6G – Geriatrie"_s, {u"hip-fracture"_s, u"pneumonia"_s, u"heart-failure"_s, u"stroke"_s}},
        {u"7D"_s, u"Station 7D – Diabetologie und Endokrinologie"_s, {u"diabetes"_s}},
        {u"8I"_s, u"Station 8I – Infektiologie"_s, {u"sepsis"_s, u"pneumonia"_s}},
    };
    return list;
}

} // namespace lantern::sim::catalog
