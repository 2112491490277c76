<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>lantern::ui::AllergyView</name>
    <message>
        <source>intolerance</source>
        <translation>Unverträglichkeit</translation>
    </message>
    <message>
        <source>allergy</source>
        <translation>Allergie</translation>
    </message>
    <message>
        <source>HIGH criticality</source>
        <translation>HOHE Kritikalität</translation>
    </message>
    <message>
        <source>Reaction: %1</source>
        <translation>Reaktion: %1</translation>
    </message>
    <message>
        <source>Statement: %1</source>
        <translation>Aussage: %1</translation>
    </message>
    <message>
        <source>Record without usable information: %1</source>
        <translation>Eintrag ohne verwertbare Information: %1</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>erfasst %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>age ?</source>
        <translation>Alter ?</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>Bett</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>Fall-/Pat.-Nr.</translation>
    </message>
    <message>
        <source>Age · Sex</source>
        <translation>Alter · Geschl.</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergien</translation>
    </message>
    <message>
        <source>Active meds</source>
        <translation>Akt. Medik.</translation>
    </message>
    <message>
        <source>Last dose given</source>
        <translation>Letzte Gabe</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusView</name>
    <message>
        <source>Ward census</source>
        <translation>Stationsbelegung</translation>
    </message>
    <message>
        <source>Type to filter by name, bed or MRN …</source>
        <translation>Tippen filtert nach Name, Bett oder Pat.-Nr. …</translation>
    </message>
    <message>
        <source>Print census</source>
        <translation>Belegung drucken</translation>
    </message>
    <message>
        <source>Print ward MAR</source>
        <translation>Stations-Kurve drucken</translation>
    </message>
    <message>
        <source>%1 of %2 patients</source>
        <translation>%1 von %2 Patienten</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartView</name>
    <message>
        <source>← Census</source>
        <translation>← Belegung</translation>
    </message>
    <message>
        <source>Back to the ward census (Esc)</source>
        <translation>Zurück zur Stationsbelegung (Esc)</translation>
    </message>
    <message>
        <source>Print MAR</source>
        <translation>Kurve drucken</translation>
    </message>
    <message>
        <source>Print emergency sheet</source>
        <translation>Notfallblatt drucken</translation>
    </message>
    <message>
        <source>Medication plan</source>
        <translation>Medikationsplan</translation>
    </message>
    <message>
        <source>MAR (72 h)</source>
        <translation>Gabenkurve (72 h)</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergien</translation>
    </message>
    <message>
        <source>Emergency sheet</source>
        <translation>Notfallblatt</translation>
    </message>
    <message>
        <source>Notes are read-only for now.
Recording arrives with the reconciliation feature.</source>
        <translation>Notizen sind vorerst nur lesbar.
Das Erfassen kommt mit dem Abgleich-Feature.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Active orders (%1)</source>
        <translation>Aktive Verordnungen (%1)</translation>
    </message>
    <message>
        <source>Discontinued, completed or on hold (%1)</source>
        <translation>Abgesetzt, beendet oder pausiert (%1)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::EmergencySheetHtml</name>
    <message>
        <source>? No information — not recorded, ask or check the paper chart</source>
        <translation>? Keine Information — nicht erfasst, nachfragen oder Papierakte prüfen</translation>
    </message>
    <message>
        <source>None known (recorded statement)</source>
        <translation>Keine bekannt (dokumentierte Aussage)</translation>
    </message>
    <message>
        <source>(high criticality)</source>
        <translation>(hohe Kritikalität)</translation>
    </message>
    <message>
        <source>Advance directive kept at:</source>
        <translation>Patientenverfügung hinterlegt:</translation>
    </message>
    <message>
        <source>no information</source>
        <translation>keine Information</translation>
    </message>
    <message>
        <source>Not applicable (administrative sex male)</source>
        <translation>Entfällt (administratives Geschlecht männlich)</translation>
    </message>
    <message>
        <source>Code status and advance directive</source>
        <translation>Reanimationsstatus und Patientenverfügung</translation>
    </message>
    <message>
        <source>Allergies and intolerances</source>
        <translation>Allergien und Unverträglichkeiten</translation>
    </message>
    <message>
        <source>Diagnoses (active problems)</source>
        <translation>Diagnosen (aktive Probleme)</translation>
    </message>
    <message>
        <source>Current medication</source>
        <translation>Aktuelle Medikation</translation>
    </message>
    <message>
        <source>Implants and devices</source>
        <translation>Implantate und Geräte</translation>
    </message>
    <message>
        <source>Pregnancy</source>
        <translation>Schwangerschaft</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnhinweise</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
</context>
<context>
    <name>lantern::ui::Format</name>
    <message>
        <source>%1 y</source>
        <translation>%1 J</translation>
    </message>
    <message>
        <source>%1 mo</source>
        <translation>%1 Mo</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>F</source>
        <translation>W</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>X</source>
        <translation>D</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>vor %1 h %2 min</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source>ALLERGY</source>
        <translation>ALLERGIE</translation>
    </message>
    <message>
        <source>NKA</source>
        <translation>KBA</translation>
    </message>
    <message>
        <source>? No info</source>
        <translation>? Keine Info</translation>
    </message>
    <message>
        <source>Allergies recorded</source>
        <translation>Allergien dokumentiert</translation>
    </message>
    <message>
        <source>No known allergies (NKA) — recorded statement</source>
        <translation>Keine bekannten Allergien (KBA) — dokumentierte Aussage</translation>
    </message>
    <message>
        <source>No information on allergies — ask the patient</source>
        <translation>Keine Information zu Allergien — Patient/in fragen</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MainWindow</name>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lantern — locked</source>
        <translation>Lantern — gesperrt</translation>
    </message>
    <message>
        <source>Lantern — %1</source>
        <translation>Lantern — %1</translation>
    </message>
    <message>
        <source>Locked after inactivity. Patient data is hidden until you unlock.</source>
        <translation>Nach Inaktivität gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.</translation>
    </message>
    <message>
        <source>Locked. Patient data is hidden until you unlock.</source>
        <translation>Gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MarModel</name>
    <message>
        <source>stopped (%1)</source>
        <translation>beendet (%1)</translation>
    </message>
    <message>
        <source>(no order)</source>
        <translation>(ohne Verordnung)</translation>
    </message>
    <message>
        <source>no matching order</source>
        <translation>keine passende Verordnung</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht gegeben</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Verordnung</translation>
    </message>
</context>
<context>
    <name>lantern::ui::MedicationPlanModel</name>
    <message>
        <source>Medication</source>
        <translation>Medikament</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Applikation</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>As needed</source>
        <translation>Bei Bedarf</translation>
    </message>
    <message>
        <source>Last given</source>
        <translation>Zuletzt gegeben</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OrderText</name>
    <message>
        <source>(unnamed medication)</source>
        <translation>(Medikament ohne Namen)</translation>
    </message>
    <message>
        <source>no dosage given</source>
        <translation>keine Dosierung angegeben</translation>
    </message>
    <message>
        <source>day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <source>week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>%1× per %2</source>
        <translation>%1× pro %2</translation>
    </message>
    <message>
        <source>%1× every %2 %3</source>
        <translation>%1× alle %2 %3</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>PRN</source>
        <translation>Bedarf</translation>
    </message>
    <message>
        <source>PRN: %1</source>
        <translation>Bedarf: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>not given (no record)</source>
        <translation>nicht gegeben (kein Eintrag)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 durch %2</translation>
    </message>
    <message>
        <source>as needed</source>
        <translation>bei Bedarf</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PagedReport</name>
    <message>
        <source>born %1 · MRN %2</source>
        <translation>geb. %1 · Pat.-Nr. %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>Datenstand %1</translation>
    </message>
    <message>
        <source>Downtime id %1</source>
        <translation>Ausfall-ID %1</translation>
    </message>
    <message>
        <source>There is nothing to print.</source>
        <translation>Es gibt nichts zu drucken.</translation>
    </message>
    <message>
        <source>The printer could not be started. Check the printer or the file path.</source>
        <translation>Der Drucker konnte nicht gestartet werden. Drucker oder Dateipfad prüfen.</translation>
    </message>
    <message>
        <source>Printed by %1 on %2</source>
        <translation>Gedruckt von %1 am %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PatientHeader</name>
    <message>
        <source>(patient record missing)</source>
        <translation>(Patientendatensatz fehlt)</translation>
    </message>
    <message>
        <source>born %1</source>
        <translation>geb. %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>MRN %1</source>
        <translation>Pat.-Nr. %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Station %1 · Bett %2</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintJobs</name>
    <message>
        <source>Medication administration record (MAR)</source>
        <translation>Medikamenten-Gabenkurve</translation>
    </message>
    <message>
        <source>Ward census</source>
        <translation>Stationsbelegung</translation>
    </message>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Station %1 · Bett %2</translation>
    </message>
    <message>
        <source>Emergency sheet</source>
        <translation>Notfallblatt</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintService</name>
    <message>
        <source>printed, but the audit entry failed</source>
        <translation>gedruckt, aber der Protokolleintrag schlug fehl</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReportHtml</name>
    <message>
        <source>Ward %1 · Bed %2</source>
        <translation>Station %1 · Bett %2</translation>
    </message>
    <message>
        <source>Allergies:</source>
        <translation>Allergien:</translation>
    </message>
    <message>
        <source>ALLERGY: %1</source>
        <translation>ALLERGIE: %1</translation>
    </message>
    <message>
        <source>Given in the last 24 h (since %1); write the next 24 h into the boxes: time and initials.</source>
        <translation>Gegeben in den letzten 24 h (seit %1); die nächsten 24 h in die Kästchen: Uhrzeit und Kürzel.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Verordnung</translation>
    </message>
    <message>
        <source>Given, last 24 h</source>
        <translation>Gegeben, letzte 24 h</translation>
    </message>
    <message>
        <source>06–14</source>
        <translation>06–14 (Früh)</translation>
    </message>
    <message>
        <source>14–22</source>
        <translation>14–22 (Spät)</translation>
    </message>
    <message>
        <source>22–06</source>
        <translation>22–06 (Nacht)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht gegeben</translation>
    </message>
    <message>
        <source>none; last: %1</source>
        <translation>keine; zuletzt: %1</translation>
    </message>
    <message>
        <source>No active medication orders in the vault.</source>
        <translation>Keine aktiven Verordnungen im Tresor.</translation>
    </message>
    <message>
        <source>Additional doses (drug, dose, time, initials):</source>
        <translation>Zusätzliche Gaben (Medikament, Dosis, Uhrzeit, Kürzel):</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Bed</source>
        <translation>Bett</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geb.</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschl.</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>Fall-/Pat.-Nr.</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergien</translation>
    </message>
    <message>
        <source>Active meds</source>
        <translation>Akt. Medik.</translation>
    </message>
    <message>
        <source>Last dose given</source>
        <translation>Letzte Gabe</translation>
    </message>
    <message>
        <source>NKA</source>
        <translation>KBA</translation>
    </message>
    <message>
        <source>? no information</source>
        <translation>? keine Information</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>%n patient(s)</source>
        <translation><numerusform>%n Patient/in</numerusform><numerusform>%n Patienten</numerusform></translation>
    </message>
</context>
<context>
    <name>lantern::ui::StatusBanner</name>
    <message>
        <source>EHR online</source>
        <translation>KIS online</translation>
    </message>
    <message>
        <source>EHR degraded — connection problems</source>
        <translation>KIS gestört — Verbindungsprobleme</translation>
    </message>
    <message>
        <source>DOWNTIME since %1</source>
        <translation>AUSFALL seit %1</translation>
    </message>
    <message>
        <source>DOWNTIME</source>
        <translation>AUSFALL</translation>
    </message>
    <message>
        <source>EHR recovery — catching up</source>
        <translation>KIS-Wiederanlauf — Abgleich läuft</translation>
    </message>
    <message>
        <source>data as of: unknown — never synchronised</source>
        <translation>Datenstand: unbekannt — nie synchronisiert</translation>
    </message>
    <message>
        <source>data as of %1 (%2)</source>
        <translation>Datenstand %1 (%2)</translation>
    </message>
    <message>
        <source>Downtime id %1</source>
        <translation>Ausfall-ID %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::UnlockScreen</name>
    <message>
        <source>Lantern</source>
        <translation>Lantern</translation>
    </message>
    <message>
        <source>Ward downtime workstation — sign in to see patient data</source>
        <translation>Ausfallarbeitsplatz der Station — anmelden, um Patientendaten zu sehen</translation>
    </message>
    <message>
        <source>e.g. anna.meyer</source>
        <translation>z. B. anna.meyer</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Enter your username and passphrase.</source>
        <translation>Benutzername und Passphrase eingeben.</translation>
    </message>
    <message>
        <source>Username or passphrase is not correct. Check Caps Lock and try again.</source>
        <translation>Benutzername oder Passphrase ist nicht korrekt. Feststelltaste prüfen und erneut versuchen.</translation>
    </message>
    <message>
        <source>This account may not unlock Lantern. Ask IT to check it.</source>
        <translation>Dieses Konto darf Lantern nicht entsperren. Bitte die IT prüfen lassen.</translation>
    </message>
    <message>
        <source>The vault could not be opened (%1). Call IT.</source>
        <translation>Der Tresor konnte nicht geöffnet werden (%1). IT anrufen.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts — try again in %n s.</source>
        <translation><numerusform>Zu viele Versuche — erneut in %n s.</numerusform><numerusform>Zu viele Versuche — erneut in %n s.</numerusform></translation>
    </message>
    <message>
        <source>Unlocking …</source>
        <translation>Entsperre …</translation>
    </message>
</context>
<context>
    <name>lantern::ui::WardDesktop</name>
    <message>
        <source>Ward census</source>
        <translation>Stationsbelegung</translation>
    </message>
    <message>
        <source>This patient is not in the census.</source>
        <translation>Diese/r Patient/in ist nicht in der Belegung.</translation>
    </message>
</context>
</TS>
