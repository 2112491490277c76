#pragma once
// The clinical vocabulary of the synthetic hospital: inpatient drugs (ATC),
// dosing schedules, clinical profiles (ICD-10-GM diagnoses and the orders that
// go with them), allergies, devices, flags, names and wards. Data only.

#include <QList>
#include <QString>
#include <QStringList>
#include <QTime>

namespace lantern::sim::catalog {

struct Schedule
{
    QString key;          // "1-0-1", "q8h", "prn6"
    QString text;         // how the ward writes it: "1-0-1 (08:00, 20:00)"
    QList<QTime> times;   // local clock times; empty for PRN
    int everyHours = 0;   // q8h: 8 (times then hold the usual ward times)
    bool prn = false;
    int minIntervalHours = 0; // PRN: at most every n hours
    int maxPerDay = 0;        // PRN
};

struct Route
{
    QString snomed;
    QString display;
    QString text;
};

struct Drug
{
    QString key;
    QString atc;
    QString atcDisplay;
    QString text;       // product as written on the ward
    double dose = 0;
    QString unit;       // as shown: mg, I.E., Tbl.
    QString ucum;       // mg, [iU], {tbl}
    Route route;
    QStringList schedules; // allowed schedule keys, first is the usual one
    QList<double> doseSteps;
    QString allergyClass;  // patients allergic to this class never get the drug
    QString prnReason;
    bool highAlert = false;
};

struct Diagnosis
{
    QString code;    // ICD-10-GM
    QString display; // German text
};

struct Profile
{
    QString key;
    QList<Diagnosis> diagnoses;
    QList<QStringList> drugs; // each entry: alternatives, one is chosen
    QStringList optionalDrugs;
    QString device;           // device key more likely in this profile
};

struct Reaction
{
    QString snomed; // may be empty (text only)
    QString display;
    QString text;
};

struct AllergyDef
{
    QString key;
    QString system; // SNOMED or ATC
    QString code;
    QString display;
    QString text;
    QString category;    // medication, food, environment
    QString type;        // allergy, intolerance
    QString criticality; // high, low
    QList<Reaction> reactions;
    QString severity;    // mild, moderate, severe
    QString allergyClass;
};

struct DeviceDef
{
    QString key;
    QString snomed;
    QString display;
    QString name;
    QString manufacturer;
    QString model;
    QString note;
    Diagnosis relatedDiagnosis; // code empty: none
};

struct FlagDef
{
    QString key;
    QString snomed;
    QString display;
    QString text;
    QString category; // flag-category code
};

// Answers to "Pregnancy status" (LOINC 82810-3, answer list LL4129-4).
enum class PregnancyAnswer
{
    Pregnant,    // LA15173-0
    NotPregnant, // LA26683-5
    Unknown      // LA4489-6
};

struct WardDef
{
    QString code; // 3B
    QString name; // Station 3B – Kardiologie
    QStringList profiles;
};

const QList<Schedule>& schedules();
const Schedule* schedule(const QString& key);
const QList<Drug>& drugs();
const Drug* drug(const QString& key);
const QList<Profile>& profiles();
const Profile* profile(const QString& key);
const QList<Diagnosis>& comorbidities();
// The drug a comorbidity adds to the plan ("" for none).
QString comorbidityDrug(const QString& icdCode);
const QList<AllergyDef>& allergies();
const QList<DeviceDef>& devices();
const DeviceDef* device(const QString& key);
const QList<FlagDef>& flags();
const QList<WardDef>& wards();

// Names: German (with umlauts and ß) and English.
const QStringList& germanGivenMale();
const QStringList& germanGivenFemale();
const QStringList& germanFamily();
const QStringList& englishGivenMale();
const QStringList& englishGivenFemale();
const QStringList& englishFamily();
const QStringList& germanCities();
const QStringList& germanStreets();
const QStringList& physicians();
const QStringList& stopReasons();

} // namespace lantern::sim::catalog
