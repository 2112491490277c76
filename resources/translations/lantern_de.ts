<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>lantern::model::AdministrationStatus</name>
    <message>
        <source>given</source>
        <translation>gegeben</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht gegeben</translation>
    </message>
    <message>
        <source>held, not given</source>
        <translation>pausiert, nicht gegeben</translation>
    </message>
    <message>
        <source>in progress, not completed</source>
        <translation>läuft, nicht abgeschlossen</translation>
    </message>
    <message>
        <source>stopped, not completed</source>
        <translation>abgebrochen, nicht abgeschlossen</translation>
    </message>
    <message>
        <source>entered in error</source>
        <translation>als fehlerhaft markiert</translation>
    </message>
    <message>
        <source>status unknown, not known to be given</source>
        <translation>Status unbekannt, Gabe nicht gesichert</translation>
    </message>
    <message>
        <source>status &quot;%1&quot; unknown, not known to be given</source>
        <translation>Status „%1“ unbekannt, Gabe nicht gesichert</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AdministrationDialog</name>
    <message>
        <source>Record administration</source>
        <translation>Gabe dokumentieren</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Gegeben</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Nicht gegeben</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Required when not given or held, e.g. patient refused, nil by mouth</source>
        <translation>Pflicht bei „nicht gegeben“ oder „pausiert“, z. B. Patient/in lehnt ab, nüchtern</translation>
    </message>
    <message>
        <source>as ordered</source>
        <translation>wie verordnet</translation>
    </message>
    <message>
        <source>optional, e.g. left upper arm</source>
        <translation>optional, z. B. linker Oberarm</translation>
    </message>
    <message>
        <source>High-alert drug: username of the second person who checked</source>
        <translation>Hochrisiko-Medikament: Benutzername der zweiten Person, die geprüft hat</translation>
    </message>
    <message>
        <source>optional: username of a second person</source>
        <translation>optional: Benutzername einer zweiten Person</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <source>&amp;Dose</source>
        <translation>&amp;Dosis</translation>
    </message>
    <message>
        <source>R&amp;oute</source>
        <translation>&amp;Applikation</translation>
    </message>
    <message>
        <source>&amp;Site</source>
        <translation>&amp;Stelle</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Zeit</translation>
    </message>
    <message>
        <source>&amp;Witness (high-alert)</source>
        <translation>&amp;Zweitkontrolle (Hochrisiko)</translation>
    </message>
    <message>
        <source>&amp;Witness</source>
        <translation>&amp;Zweitkontrolle</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Bemerkung</translation>
    </message>
    <message>
        <source>Amend administration</source>
        <translation>Gabe korrigieren</translation>
    </message>
    <message>
        <source>The safety checks could not run: %1</source>
        <translation>Die Sicherheitsprüfungen konnten nicht laufen: %1</translation>
    </message>
    <message>
        <source>Confirm every warning above before recording</source>
        <translation>Vor dem Dokumentieren jede Warnung oben bestätigen</translation>
    </message>
    <message>
        <source>Your role may not record administrations.</source>
        <translation>Ihre Rolle darf keine Gaben dokumentieren.</translation>
    </message>
    <message>
        <source>Give the reason why the dose was not given or held.</source>
        <translation>Grund angeben, warum die Dosis nicht gegeben oder pausiert wurde.</translation>
    </message>
    <message>
        <source>Confirm each safety warning above (tick the box) or cancel. Nothing was recorded.</source>
        <translation>Jede Sicherheitswarnung oben bestätigen (Häkchen setzen) oder abbrechen. Es wurde nichts dokumentiert.</translation>
    </message>
    <message>
        <source>This is a high-alert drug: a second person must check the dose before it is given. Enter their username as witness. Nothing was recorded.</source>
        <translation>Hochrisiko-Medikament: Eine zweite Person muss die Dosis vor der Gabe prüfen. Ihren Benutzernamen bei Zweitkontrolle eintragen. Es wurde nichts dokumentiert.</translation>
    </message>
    <message>
        <source>The witness must be a second person, not you. Nothing was recorded.</source>
        <translation>Die Zweitkontrolle muss eine zweite Person sein, nicht Sie selbst. Es wurde nichts dokumentiert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a user of this device. Enter the witness&apos;s username. Nothing was recorded.</source>
        <translation>„%1“ ist kein Benutzer dieses Geräts. Den Benutzernamen der Zweitkontrolle eintragen. Es wurde nichts dokumentiert.</translation>
    </message>
    <message>
        <source>The account of %1 is disabled; another person must witness. Nothing was recorded.</source>
        <translation>Das Konto von %1 ist deaktiviert; eine andere Person muss die Zweitkontrolle machen. Es wurde nichts dokumentiert.</translation>
    </message>
    <message>
        <source>The dose is ambiguous: write %1 or %2.</source>
        <translation>Die Dosis ist mehrdeutig: schreiben Sie %1 oder %2.</translation>
    </message>
    <message>
        <source>Write the dose without thousands separators or spaces, e.g. 2500.</source>
        <translation>Schreiben Sie die Dosis ohne Tausenderpunkte oder Leerzeichen, z. B. 2500.</translation>
    </message>
    <message>
        <source>A dose cannot be negative.</source>
        <translation>Eine Dosis kann nicht negativ sein.</translation>
    </message>
    <message>
        <source>The dose is not a number. Enter digits, e.g. 500.</source>
        <translation>Die Dosis ist keine Zahl. Geben Sie Ziffern ein, z. B. 500.</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>Es wurde nichts dokumentiert.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AdmissionDialog</name>
    <message>
        <source>Downtime admission</source>
        <translation>Aufnahme im Ausfall</translation>
    </message>
    <message>
        <source>The patient gets a downtime identifier from this device&apos;s range. Write it on the wristband and the paper chart.</source>
        <translation>Die Patientin / der Patient erhält eine Ausfall-Nummer aus dem Nummernkreis dieses Geräts. Auf Armband und Papierakte notieren.</translation>
    </message>
    <message>
        <source>known</source>
        <translation>bekannt</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>female</source>
        <translation>weiblich</translation>
    </message>
    <message>
        <source>male</source>
        <translation>männlich</translation>
    </message>
    <message>
        <source>other</source>
        <translation>divers</translation>
    </message>
    <message>
        <source>&amp;Family name</source>
        <translation>&amp;Nachname</translation>
    </message>
    <message>
        <source>&amp;Given name</source>
        <translation>&amp;Vorname</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>Geburts&amp;datum</translation>
    </message>
    <message>
        <source>&amp;Sex</source>
        <translation>&amp;Geschlecht</translation>
    </message>
    <message>
        <source>&amp;Ward</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <source>B&amp;ed</source>
        <translation>B&amp;ett</translation>
    </message>
    <message>
        <source>Your role may not admit patients.</source>
        <translation>Ihre Rolle darf keine Patienten aufnehmen.</translation>
    </message>
    <message>
        <source>Enter the family name (or a placeholder such as &quot;Unknown&quot;).</source>
        <translation>Nachnamen eingeben (oder einen Platzhalter wie „Unbekannt“).</translation>
    </message>
    <message>
        <source>No downtime identifier range is configured on this device, so no identifier can be given. Admit on paper and ask hospital IT to configure a range (lanternctl).</source>
        <translation>Auf diesem Gerät ist kein Ausfall-Nummernkreis eingerichtet, daher kann keine Nummer vergeben werden. Auf Papier aufnehmen und die Klinik-IT bitten, einen Nummernkreis einzurichten (lanternctl).</translation>
    </message>
</context>
<context>
    <name>lantern::ui::AllergyDialog</name>
    <message>
        <source>Report allergy</source>
        <translation>Allergie melden</translation>
    </message>
    <message>
        <source>Stored as reported and unconfirmed until a physician in the EHR confirms it.</source>
        <translation>Wird als gemeldet und unbestätigt gespeichert, bis eine Ärztin / ein Arzt sie im KIS bestätigt.</translation>
    </message>
    <message>
        <source>e.g. penicillin, ibuprofen, latex</source>
        <translation>z. B. Penicillin, Ibuprofen, Latex</translation>
    </message>
    <message>
        <source>optional, e.g. rash, anaphylaxis</source>
        <translation>optional, z. B. Ausschlag, Anaphylaxie</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>nicht beurteilt</translation>
    </message>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>unable to assess</source>
        <translation>nicht beurteilbar</translation>
    </message>
    <message>
        <source>&amp;Substance</source>
        <translation>&amp;Substanz</translation>
    </message>
    <message>
        <source>&amp;Reaction</source>
        <translation>&amp;Reaktion</translation>
    </message>
    <message>
        <source>&amp;Criticality</source>
        <translation>&amp;Kritikalität</translation>
    </message>
    <message>
        <source>Amend reported allergy</source>
        <translation>Gemeldete Allergie korrigieren</translation>
    </message>
    <message>
        <source>Your role may not record allergies.</source>
        <translation>Ihre Rolle darf keine Allergien dokumentieren.</translation>
    </message>
    <message>
        <source>Name the substance the patient reacts to.</source>
        <translation>Die Substanz nennen, auf die die Patientin / der Patient reagiert.</translation>
    </message>
</context>
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
    <name>lantern::ui::AnnotationDialog</name>
    <message>
        <source>Only physicians annotate medication orders.</source>
        <translation>Nur Ärztinnen und Ärzte versehen Verordnungen mit Anmerkungen.</translation>
    </message>
    <message>
        <source>Annotate order</source>
        <translation>Verordnung anmerken</translation>
    </message>
    <message>
        <source>Shown on the medication plan and the MAR to everyone until it reaches the EHR.</source>
        <translation>Wird allen auf Medikationsplan und Gabenkurve angezeigt, bis sie im KIS ist.</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>Dose concern</source>
        <translation>Dosis fraglich</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Art</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>Amend order annotation</source>
        <translation>Anmerkung zur Verordnung korrigieren</translation>
    </message>
    <message>
        <source>Say what should happen with this order.</source>
        <translation>Angeben, was mit dieser Verordnung geschehen soll.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::BreakGlassDialog</name>
    <message>
        <source>Emergency: the patient needs care now</source>
        <translation>Notfall: Patient/in braucht jetzt Versorgung</translation>
    </message>
    <message>
        <source>Transfer: the patient is being moved to my ward</source>
        <translation>Verlegung: Patient/in kommt auf meine Station</translation>
    </message>
    <message>
        <source>Covering: I am looking after that ward this shift</source>
        <translation>Vertretung: Ich betreue diese Station in dieser Schicht</translation>
    </message>
    <message>
        <source>Consultation: I was asked to see the patient</source>
        <translation>Konsil: Ich wurde gebeten, Patient/in zu sehen</translation>
    </message>
    <message>
        <source>Patient on another ward</source>
        <translation>Patient/in auf einer anderen Station</translation>
    </message>
    <message>
        <source>&lt;b&gt;This patient is not on your wards.&lt;/b&gt;&lt;br&gt;Opening the chart is recorded in the audit log with your name, the time and the reason you choose.</source>
        <translation>&lt;b&gt;Diese/r Patient/in liegt nicht auf Ihren Stationen.&lt;/b&gt;&lt;br&gt;Das Öffnen der Akte wird mit Ihrem Namen, der Uhrzeit und dem gewählten Grund im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>MRN from the wristband or transfer sheet</source>
        <translation>Pat.-Nr. vom Armband oder Verlegungsbogen</translation>
    </message>
    <message>
        <source>Medical record number (MRN):</source>
        <translation>Patientennummer (Pat.-Nr.):</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Open chart (audited)</source>
        <translation>Akte öffnen (protokolliert)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::CensusModel</name>
    <message>
        <source>MERGED into %1 - do not use</source>
        <translation>ZUSAMMENGEFÜHRT mit %1 - nicht verwenden</translation>
    </message>
    <message>
        <source>INACTIVE record</source>
        <translation>INAKTIVER Datensatz</translation>
    </message>
    <message>
        <source>The EHR no longer uses this record; nothing can be recorded against it.</source>
        <translation>Das KIS verwendet diesen Datensatz nicht mehr; dafür kann nichts dokumentiert werden.</translation>
    </message>
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
    <message numerus="yes">
        <source>%n entries recorded in downtime, not yet in the EHR (pending or in conflict)</source>
        <translation>
            <numerusform>%n Eintrag im Ausfall dokumentiert, noch nicht im KIS (offen oder im Konflikt)</numerusform>
            <numerusform>%n Einträge im Ausfall dokumentiert, noch nicht im KIS (offen oder im Konflikt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of this patient could not be read: open the chart to see which, check the paper record</source>
        <translation>
            <numerusform>%n Eintrag dieser/dieses Patient/in ist nicht lesbar: Akte öffnen, um ihn zu sehen; Papierakte prüfen</numerusform>
            <numerusform>%n Einträge dieser/dieses Patient/in sind nicht lesbar: Akte öffnen, um sie zu sehen; Papierakte prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Pending (this PC)</source>
        <translation>Offen (dieser PC)</translation>
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
    <message>
        <source>Other ward…</source>
        <translation>Andere Station…</translation>
    </message>
    <message>
        <source>Downtime admission…</source>
        <translation>Aufnahme im Ausfall…</translation>
    </message>
    <message>
        <source>Open the chart of a patient on another ward (break-glass: reason required, audited)</source>
        <translation>Akte einer/eines Patient/in auf einer anderen Station öffnen (Notfallzugriff: Grund nötig, protokolliert)</translation>
    </message>
    <message>
        <source>Admit a patient during downtime: identifier from this device&apos;s range</source>
        <translation>Patient/in im Ausfall aufnehmen: Nummer aus dem Nummernkreis dieses Geräts</translation>
    </message>
    <message>
        <source>Reconciliation…</source>
        <translation>Abgleich…</translation>
    </message>
    <message>
        <source>Entries recorded during downtime: pending, uploaded, conflicts (Ctrl+Shift+R)</source>
        <translation>Im Ausfall dokumentierte Einträge: offen, übertragen, Konflikte (Strg+Umschalt+R)</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartNotices</name>
    <message>
        <source>resource of unknown type</source>
        <translation>Ressource unbekannten Typs</translation>
    </message>
    <message>
        <source>could not be read: %1, %2</source>
        <translation>nicht lesbar: %1, %2</translation>
    </message>
    <message>
        <source>(may hold allergy information: check the paper record)</source>
        <translation>(kann Allergieangaben enthalten: Papierakte prüfen)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n record(s) of this patient could not be read and are not shown above; check the paper record:</source>
        <translation>
            <numerusform>⚠ %n Eintrag dieser/dieses Patient/in ist nicht lesbar und oben nicht angezeigt; Papierakte prüfen:</numerusform>
            <numerusform>⚠ %n Einträge dieser/dieses Patient/in sind nicht lesbar und oben nicht angezeigt; Papierakte prüfen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n unreadable</source>
        <translation>
            <numerusform>⚠ %n nicht lesbar</numerusform>
            <numerusform>⚠ %n nicht lesbar</numerusform>
        </translation>
    </message>
    <message>
        <source>Entries from this PC only: doses and notes recorded during the downtime on other PCs of this ward are not shown here.</source>
        <translation>Nur Einträge dieses PCs: Gaben und Notizen, die während des Ausfalls an anderen PCs dieser Station erfasst wurden, werden hier nicht angezeigt.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ChartRecorder</name>
    <message>
        <source>Record:</source>
        <translation>Dokumentieren:</translation>
    </message>
    <message>
        <source>Dose given / not given…</source>
        <translation>Gabe gegeben / nicht gegeben…</translation>
    </message>
    <message>
        <source>Record an administration of the selected order (Ctrl+D, or double-click the order)</source>
        <translation>Gabe der gewählten Verordnung dokumentieren (Strg+D oder Doppelklick auf die Verordnung)</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>Notiz…</translation>
    </message>
    <message>
        <source>Add a nursing or physician note (Ctrl+Shift+N)</source>
        <translation>Pflege- oder Arztnotiz hinzufügen (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>Reported allergy…</source>
        <translation>Gemeldete Allergie…</translation>
    </message>
    <message>
        <source>Record a newly reported allergy, unconfirmed (Ctrl+Shift+Y)</source>
        <translation>Neu gemeldete Allergie dokumentieren, unbestätigt (Strg+Umschalt+Y)</translation>
    </message>
    <message>
        <source>Annotate order…</source>
        <translation>Verordnung anmerken…</translation>
    </message>
    <message>
        <source>Hold, review or dose concern on the selected order (Ctrl+Shift+O)</source>
        <translation>Pausieren, Überprüfen oder Dosis fraglich zur gewählten Verordnung (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>Your role may not record administrations.</source>
        <translation>Ihre Rolle darf keine Gaben dokumentieren.</translation>
    </message>
    <message>
        <source>Select an order on the medication plan or the MAR first.</source>
        <translation>Zuerst eine Verordnung im Medikationsplan oder in der Gabenkurve wählen.</translation>
    </message>
    <message>
        <source>Recorded: %1 — saved on this device, not yet in the EHR.</source>
        <translation>Dokumentiert: %1 — auf diesem Gerät gespeichert, noch nicht im KIS.</translation>
    </message>
    <message>
        <source>Select an order on the medication plan first.</source>
        <translation>Zuerst eine Verordnung im Medikationsplan wählen.</translation>
    </message>
    <message>
        <source>Annotation recorded on %1 — shown on the plan and the MAR.</source>
        <translation>Anmerkung zu %1 dokumentiert — wird auf Plan und Gabenkurve angezeigt.</translation>
    </message>
    <message>
        <source>Your role may not record notes.</source>
        <translation>Ihre Rolle darf keine Notizen dokumentieren.</translation>
    </message>
    <message>
        <source>Note recorded — saved on this device, not yet in the EHR.</source>
        <translation>Notiz dokumentiert — auf diesem Gerät gespeichert, noch nicht im KIS.</translation>
    </message>
    <message>
        <source>Your role may not record allergies.</source>
        <translation>Ihre Rolle darf keine Allergien dokumentieren.</translation>
    </message>
    <message>
        <source>Reported allergy recorded (unconfirmed) — saved on this device, not yet in the EHR.</source>
        <translation>Gemeldete Allergie dokumentiert (unbestätigt) — auf diesem Gerät gespeichert, noch nicht im KIS.</translation>
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
        <source>Home medication (MedicationStatement) (%1)</source>
        <translation>Hausmedikation (MedicationStatement) (%1)</translation>
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
    <message>
        <source>? Not known — no pregnancy status recorded; ask before imaging or teratogenic drugs</source>
        <translation>? Nicht bekannt — kein Schwangerschaftsstatus erfasst; vor Röntgen oder teratogenen Arzneien nachfragen</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>erfasst %1</translation>
    </message>
    <message>
        <source>PREGNANT</source>
        <translation>SCHWANGER</translation>
    </message>
    <message>
        <source>estimated delivery %1</source>
        <translation>errechneter Geburtstermin %1</translation>
    </message>
    <message>
        <source>Not pregnant</source>
        <translation>Nicht schwanger</translation>
    </message>
    <message>
        <source>Recorded as unknown</source>
        <translation>Als unbekannt erfasst</translation>
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
    <message>
        <source>? Unknown - check paper record</source>
        <translation>? Unbekannt - Papierakte prüfen</translation>
    </message>
    <message>
        <source>Allergies unknown: an allergy record could not be read — check the paper record</source>
        <translation>Allergien unbekannt: ein Allergieeintrag ist nicht lesbar — Papierakte prüfen</translation>
    </message>
</context>
<context>
    <name>lantern::ui::LocalMarks</name>
    <message>
        <source>recorded in downtime, in conflict: waits for review</source>
        <translation>im Ausfall dokumentiert, Konflikt: wartet auf Prüfung</translation>
    </message>
    <message>
        <source>recorded in downtime, now in EHR</source>
        <translation>im Ausfall dokumentiert, jetzt im KIS</translation>
    </message>
    <message>
        <source>recorded in downtime, duplicate of an EHR entry</source>
        <translation>im Ausfall dokumentiert, Duplikat eines KIS-Eintrags</translation>
    </message>
    <message>
        <source>recorded in downtime, not yet in EHR</source>
        <translation>im Ausfall dokumentiert, noch nicht im KIS</translation>
    </message>
    <message>
        <source>HOLD</source>
        <translation>PAUSIEREN</translation>
    </message>
    <message>
        <source>REVIEW</source>
        <translation>ÜBERPRÜFEN</translation>
    </message>
    <message>
        <source>DOSE CONCERN</source>
        <translation>DOSIS FRAGLICH</translation>
    </message>
    <message>
        <source>Nursing note</source>
        <translation>Pflegenotiz</translation>
    </message>
    <message>
        <source>Physician note</source>
        <translation>Arztnotiz</translation>
    </message>
</context>
<context>
    <name>lantern::ui::LocalNotesView</name>
    <message>
        <source>Recorded on this device during the downtime</source>
        <translation>Während des Ausfalls auf diesem Gerät dokumentiert</translation>
    </message>
    <message>
        <source>No notes recorded here yet. The EHR&apos;s notes are not mirrored; use &quot;Note…&quot; above to add one.</source>
        <translation>Hier wurden noch keine Notizen dokumentiert. Die Notizen des KIS werden nicht gespiegelt; mit „Notiz…“ oben eine hinzufügen.</translation>
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
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Locked together with the computer&apos;s screen. Patient data is hidden until you unlock.</source>
        <translation>Zusammen mit dem Bildschirm des Computers gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.</translation>
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
    <name>lantern::ui::NoteDialog</name>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Nursing note</source>
        <translation>Pflegenotiz</translation>
    </message>
    <message>
        <source>Physician note</source>
        <translation>Arztnotiz</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>&amp;Kategorie</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>Amend note</source>
        <translation>Notiz korrigieren</translation>
    </message>
    <message>
        <source>Your role may not record notes.</source>
        <translation>Ihre Rolle darf keine Notizen dokumentieren.</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>Zuerst die Notiz schreiben.</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OrderText</name>
    <message>
        <source>(unnamed medication)</source>
        <translation>(Medikament ohne Namen)</translation>
    </message>
    <message>
        <source>reference not found: %1</source>
        <translation>Verweis nicht gefunden: %1</translation>
    </message>
    <message>
        <source>unknown medication (%1)</source>
        <translation>unbekanntes Medikament (%1)</translation>
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
    <message>
        <source>as needed: %1</source>
        <translation>bei Bedarf: %1</translation>
    </message>
</context>
<context>
    <name>lantern::ui::OutboxModel</name>
    <message>
        <source>Patient record merged</source>
        <translation>Patientendatensatz zusammengeführt</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Gabe</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Order annotation</source>
        <translation>Anmerkung zur Verordnung</translation>
    </message>
    <message>
        <source>Reported allergy</source>
        <translation>Gemeldete Allergie</translation>
    </message>
    <message>
        <source>Downtime admission</source>
        <translation>Aufnahme im Ausfall</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Übertragen</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Entered in error</source>
        <translation>Fehleintrag</translation>
    </message>
    <message>
        <source>Order changed</source>
        <translation>Verordnung geändert</translation>
    </message>
    <message>
        <source>Order discontinued</source>
        <translation>Verordnung abgesetzt</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliches Duplikat</translation>
    </message>
    <message>
        <source>Rejected by the EHR</source>
        <translation>Vom KIS abgelehnt</translation>
    </message>
    <message>
        <source>Upload anyway</source>
        <translation>Trotzdem übertragen</translation>
    </message>
    <message>
        <source>Marked duplicate</source>
        <translation>Als Duplikat markiert</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>Korrigiert</translation>
    </message>
    <message>
        <source>%1 (amends an earlier entry)</source>
        <translation>%1 (korrigiert einen früheren Eintrag)</translation>
    </message>
    <message>
        <source>%1, witness %2</source>
        <translation>%1, Zweitkontrolle %2</translation>
    </message>
    <message>
        <source>last attempt: %1</source>
        <translation>letzter Versuch: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>%1 by %2, %3</source>
        <translation>%1 durch %2, %3</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Clinical time</source>
        <translation>Klinischer Zeitpunkt</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Dokumentiert von</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Conflict / problem</source>
        <translation>Konflikt / Problem</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
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
        <source>MERGED into %1 - do not use</source>
        <translation>ZUSAMMENGEFÜHRT mit %1 - nicht verwenden</translation>
    </message>
    <message>
        <source>INACTIVE record</source>
        <translation>INAKTIVER Datensatz</translation>
    </message>
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
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bett %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>Station ?</translation>
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
        <source>Emergency sheet</source>
        <translation>Notfallblatt</translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bett %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>Station ?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::PrintService</name>
    <message>
        <source>There is nothing to print.</source>
        <translation>Es gibt nichts zu drucken.</translation>
    </message>
    <message>
        <source>Cannot write into the folder of %1: %2</source>
        <translation>In den Ordner von %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The PDF could not be read back: %1</source>
        <translation>Das PDF konnte nicht zurückgelesen werden: %1</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReconcileReportPrint</name>
    <message>
        <source>open — waits for a physician</source>
        <translation>offen — wartet auf ärztliche Entscheidung</translation>
    </message>
    <message>
        <source>%1 by %2 on %3</source>
        <translation>%1 durch %2 am %3</translation>
    </message>
    <message>
        <source>Reconciliation report · all entries of this device</source>
        <translation>Abgleichsbericht · alle Einträge dieses Geräts</translation>
    </message>
    <message>
        <source>Reconciliation report · downtime %1</source>
        <translation>Abgleichsbericht · Ausfall %1</translation>
    </message>
    <message>
        <source>Device %1 · report generated %2</source>
        <translation>Gerät %1 · Bericht erstellt %2</translation>
    </message>
    <message>
        <source>Recorded from %1 to %2 · clinical times from %3 to %4</source>
        <translation>Dokumentiert von %1 bis %2 · klinische Zeitpunkte von %3 bis %4</translation>
    </message>
    <message>
        <source>Entries by state</source>
        <translation>Einträge nach Stand</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Conflicts and how they were resolved (%1)</source>
        <translation>Konflikte und wie sie entschieden wurden (%1)</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>Keine Konflikte.</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient/in</translation>
    </message>
    <message>
        <source>Clinical time</source>
        <translation>Klinischer Zeitpunkt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Patients (%1)</source>
        <translation>Patienten (%1)</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <source>Downtime note in EHR</source>
        <translation>Ausfallnotiz im KIS</translation>
    </message>
    <message>
        <source>posted</source>
        <translation>übertragen</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>Reconciliation · all entries</source>
        <translation>Abgleich · alle Einträge</translation>
    </message>
    <message>
        <source>Reconciliation · downtime %1</source>
        <translation>Abgleich · Ausfall %1</translation>
    </message>
    <message>
        <source>witness %1</source>
        <translation>Zweitkontrolle %1</translation>
    </message>
    <message>
        <source>warnings confirmed: %1</source>
        <translation>bestätigte Warnungen: %1</translation>
    </message>
    <message>
        <source>Entries of this patient</source>
        <translation>Einträge dieser Patientin / dieses Patienten</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Dokumentiert</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Conflict / problem</source>
        <translation>Konflikt / Problem</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReconcileView</name>
    <message>
        <source>Upload anyway</source>
        <translation>Trotzdem übertragen</translation>
    </message>
    <message>
        <source>Mark as duplicate</source>
        <translation>Als Duplikat markieren</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Korrigieren…</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>← Census</source>
        <translation>← Belegung</translation>
    </message>
    <message>
        <source>Back to the ward census (Esc)</source>
        <translation>Zurück zur Stationsbelegung (Esc)</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Stände</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>S&amp;tand:</translation>
    </message>
    <message>
        <source>&amp;Downtime:</source>
        <translation>&amp;Ausfall:</translation>
    </message>
    <message>
        <source>Print report…</source>
        <translation>Bericht drucken…</translation>
    </message>
    <message>
        <source>The reconciliation report of the chosen downtime (entries, conflicts, decisions)</source>
        <translation>Der Abgleichsbericht des gewählten Ausfalls (Einträge, Konflikte, Entscheidungen)</translation>
    </message>
    <message>
        <source>Upload the pending entries to the EHR now (runs in the background)</source>
        <translation>Die offenen Einträge jetzt ins KIS übertragen (läuft im Hintergrund)</translation>
    </message>
    <message>
        <source>Decision note (optional), e.g. &quot;back-charted from paper at 10:15&quot;</source>
        <translation>Notiz zur Entscheidung (optional), z. B. „um 10:15 von Papier nachgetragen“</translation>
    </message>
    <message>
        <source>File the entry in the EHR as recorded, without the order and duplicate checks</source>
        <translation>Den Eintrag wie dokumentiert ins KIS übertragen, ohne Verordnungs- und Duplikatprüfung</translation>
    </message>
    <message>
        <source>The EHR already has this (e.g. back-charted from paper): keep it here, never upload</source>
        <translation>Das KIS hat dies bereits (z. B. von Papier nachgetragen): hier behalten, nie übertragen</translation>
    </message>
    <message>
        <source>Record a corrected entry that replaces this one</source>
        <translation>Einen korrigierten Eintrag dokumentieren, der diesen ersetzt</translation>
    </message>
    <message>
        <source>Decide the selected conflict:</source>
        <translation>Gewählten Konflikt entscheiden:</translation>
    </message>
    <message>
        <source>Conflicts are decided by a physician.</source>
        <translation>Konflikte entscheidet eine Ärztin / ein Arzt.</translation>
    </message>
    <message>
        <source>All downtimes</source>
        <translation>Alle Ausfälle</translation>
    </message>
    <message>
        <source>%1 pending · %2 in conflict · %3 uploaded · %4 duplicate · %5 superseded · %6 entered in error</source>
        <translation>%1 offen · %2 im Konflikt · %3 übertragen · %4 Duplikat · %5 ersetzt · %6 Fehleintrag</translation>
    </message>
    <message>
        <source>Safety warnings confirmed when recorded: %1</source>
        <translation>Beim Dokumentieren bestätigte Sicherheitswarnungen: %1</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Zuerst einen Eintrag wählen.</translation>
    </message>
    <message>
        <source>Decision recorded: %1.</source>
        <translation>Entscheidung dokumentiert: %1.</translation>
    </message>
    <message>
        <source>Only a physician may amend an entry in conflict.</source>
        <translation>Nur eine Ärztin / ein Arzt darf einen Eintrag im Konflikt korrigieren.</translation>
    </message>
    <message>
        <source>Only entries in conflict are amended here.</source>
        <translation>Hier werden nur Einträge im Konflikt korrigiert.</translation>
    </message>
    <message>
        <source>The order of this entry is no longer in the vault; record a note instead.</source>
        <translation>Die Verordnung dieses Eintrags ist nicht mehr im Tresor; stattdessen eine Notiz dokumentieren.</translation>
    </message>
    <message>
        <source>A downtime admission cannot be amended here; upload it or mark it.</source>
        <translation>Eine Aufnahme im Ausfall kann hier nicht korrigiert werden; übertragen oder markieren.</translation>
    </message>
    <message>
        <source>Amended: the corrected entry replaces the one in conflict.</source>
        <translation>Korrigiert: der korrigierte Eintrag ersetzt den im Konflikt.</translation>
    </message>
    <message>
        <source>Reconciling with the EHR…</source>
        <translation>Abgleich mit dem KIS läuft…</translation>
    </message>
    <message>
        <source>Reconciliation: %1 filed, %2 new conflicts, %3 pending, %4 conflicts open.</source>
        <translation>Abgleich: %1 übertragen, %2 neue Konflikte, %3 offen, %4 Konflikte ungeklärt.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Reconciliation requested, but the mirror service is not running: it starts when the service runs again. Tell IT.</source>
        <translation>Abgleich angefordert, aber der Spiegeldienst läuft nicht: Er beginnt, sobald der Dienst wieder läuft. IT informieren.</translation>
    </message>
    <message>
        <source>Reconciliation requested: the mirror service runs it in the background…</source>
        <translation>Abgleich angefordert: Der Spiegeldienst führt ihn im Hintergrund aus…</translation>
    </message>
</context>
<context>
    <name>lantern::ui::RecordDialog</name>
    <message>
        <source>Record</source>
        <translation>Dokumentieren</translation>
    </message>
</context>
<context>
    <name>lantern::ui::ReportHtml</name>
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
        <translation>
            <numerusform>%n Patient/in</numerusform>
            <numerusform>%n Patienten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · Bed %2</source>
        <translation>%1 · Bett %2</translation>
    </message>
    <message>
        <source>ward ?</source>
        <translation>Station ?</translation>
    </message>
</context>
<context>
    <name>lantern::ui::SafetyWarningPanel</name>
    <message>
        <source>ALLERGY</source>
        <translation>ALLERGIE</translation>
    </message>
    <message>
        <source>TOO SOON AFTER THE LAST DOSE</source>
        <translation>ZU FRÜH NACH DER LETZTEN GABE</translation>
    </message>
    <message>
        <source>ORDER DISCONTINUED</source>
        <translation>VERORDNUNG ABGESETZT</translation>
    </message>
    <message>
        <source>I have checked this warning and record anyway</source>
        <translation>Ich habe diese Warnung geprüft und dokumentiere trotzdem</translation>
    </message>
    <message>
        <source>MAXIMUM DOSE EXCEEDED</source>
        <translation>HÖCHSTDOSIS ÜBERSCHRITTEN</translation>
    </message>
    <message>
        <source>ORDER ON HOLD OR NOT ACTIVE</source>
        <translation>VERORDNUNG PAUSIERT ODER NICHT AKTIV</translation>
    </message>
    <message>
        <source>DOSE DIFFERS FROM THE ORDER</source>
        <translation>DOSIS WEICHT VON DER VERORDNUNG AB</translation>
    </message>
    <message>
        <source>POSSIBLE CROSS-ALLERGY</source>
        <translation>MÖGLICHE KREUZALLERGIE</translation>
    </message>
    <message>
        <source>SAME INGREDIENT GIVEN RECENTLY</source>
        <translation>GLEICHER WIRKSTOFF KÜRZLICH GEGEBEN</translation>
    </message>
</context>
<context>
    <name>lantern::ui::SafetyWarningText</name>
    <message>
        <source>this medication</source>
        <translation>dieses Medikament</translation>
    </message>
    <message>
        <source>an unnamed substance</source>
        <translation>einen nicht benannten Stoff</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1: %2 contains it.</source>
        <translation>Dokumentierte Allergie (unbestätigt) gegen %1: %2 enthält diesen Stoff.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1: %2 contains it.</source>
        <translation>Dokumentierte Allergie gegen %1: %2 enthält diesen Stoff.</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1 (%2): %3 belongs to the same class.</source>
        <translation>Dokumentierte Allergie (unbestätigt) gegen %1 (%2): %3 gehört zur selben Wirkstoffklasse.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1 (%2): %3 belongs to the same class.</source>
        <translation>Dokumentierte Allergie gegen %1 (%2): %3 gehört zur selben Wirkstoffklasse.</translation>
    </message>
    <message>
        <source>Last dose of this order (recorded during downtime) was given at %1, %2 from this one; the order allows one dose every %3.</source>
        <translation>Letzte Gabe dieser Verordnung (im Ausfall dokumentiert) am %1, %2 Abstand zu dieser; die Verordnung erlaubt eine Gabe alle %3.</translation>
    </message>
    <message>
        <source>Last dose of this order was given at %1, %2 from this one; the order allows one dose every %3.</source>
        <translation>Letzte Gabe dieser Verordnung am %1, %2 Abstand zu dieser; die Verordnung erlaubt eine Gabe alle %3.</translation>
    </message>
    <message>
        <source>This dose brings the total to %1 %2 within %3; the order allows at most %4 %2.</source>
        <translation>Mit dieser Gabe wären es %1 %2 innerhalb von %3; die Verordnung erlaubt höchstens %4 %2.</translation>
    </message>
    <message>
        <source>This order is %1 in the EHR data as of %2; it should not be given.</source>
        <translation>Diese Verordnung ist laut KIS-Datenstand %2 %1; sie sollte nicht gegeben werden.</translation>
    </message>
    <message>
        <source>This order is %1 in the last imported EHR data; it should not be given.</source>
        <translation>Diese Verordnung ist laut zuletzt importierten KIS-Daten %1; sie sollte nicht gegeben werden.</translation>
    </message>
    <message>
        <source>This order ended at %1, before the data-as-of time.</source>
        <translation>Diese Verordnung endete am %1, vor dem Datenstand.</translation>
    </message>
    <message>
        <source>This order ended at %1, before the time of this dose.</source>
        <translation>Diese Verordnung endete am %1, vor dem Zeitpunkt dieser Gabe.</translation>
    </message>
    <message>
        <source>penicillins</source>
        <translation>Penicilline</translation>
    </message>
    <message>
        <source>cephalosporins</source>
        <translation>Cephalosporine</translation>
    </message>
    <message>
        <source>opioids</source>
        <translation>Opioide</translation>
    </message>
    <message>
        <source>pyrazolones (metamizole)</source>
        <translation>Pyrazolone (Metamizol)</translation>
    </message>
    <message>
        <source>sulfonamide antibiotics</source>
        <translation>Sulfonamid-Antibiotika</translation>
    </message>
    <message>
        <source>iodinated contrast media</source>
        <translation>jodhaltige Kontrastmittel</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>abgesetzt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>entered in error</source>
        <translation>als fehlerhaft markiert</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>(matched by name only)</source>
        <translation>(nur über den Namen erkannt)</translation>
    </message>
    <message>
        <source>Recorded allergy (unconfirmed) to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</source>
        <translation>Dokumentierte Allergie (unbestätigt) gegen %1 (%2): %3 gehört zu den %4, die kreuzreagieren können (geringes Risiko). Vor der Gabe die Art der Reaktion prüfen.</translation>
    </message>
    <message>
        <source>Recorded allergy to %1 (%2): %3 is one of the %4, which may cross-react (low risk). Check the kind of reaction before giving it.</source>
        <translation>Dokumentierte Allergie gegen %1 (%2): %3 gehört zu den %4, die kreuzreagieren können (geringes Risiko). Vor der Gabe die Art der Reaktion prüfen.</translation>
    </message>
    <message>
        <source>a dose</source>
        <translation>eine Dosis</translation>
    </message>
    <message>
        <source>The same ingredient was given under another order (%1, recorded during downtime) at %2, %3 from this one; one dose every %4 at most.</source>
        <translation>Der gleiche Wirkstoff wurde unter einer anderen Verordnung (%1, während des Ausfalls dokumentiert) um %2 gegeben, %3 vor bzw. nach dieser Gabe; höchstens eine Dosis alle %4.</translation>
    </message>
    <message>
        <source>The same ingredient was given under another order (%1) at %2, %3 from this one; one dose every %4 at most.</source>
        <translation>Der gleiche Wirkstoff wurde unter einer anderen Verordnung (%1) um %2 gegeben, %3 vor bzw. nach dieser Gabe; höchstens eine Dosis alle %4.</translation>
    </message>
    <message>
        <source>This dose brings the total of %1 (all orders) to %2 %3 within %4; the product information allows at most %5 %3 a day.</source>
        <translation>Mit dieser Dosis steigt die Gesamtmenge %1 (alle Verordnungen) auf %2 %3 innerhalb von %4; laut Fachinformation höchstens %5 %3 pro Tag.</translation>
    </message>
    <message>
        <source>This order is %1 in the EHR data, not active. Ask the physician before giving it.</source>
        <translation>Diese Verordnung ist in den EHR-Daten %1, nicht aktiv. Vor der Gabe ärztlich rückfragen.</translation>
    </message>
    <message>
        <source>A physician put this order on HOLD during the downtime (%1). Ask before giving it.</source>
        <translation>Ein Arzt hat diese Verordnung während des Ausfalls pausiert (%1). Vor der Gabe rückfragen.</translation>
    </message>
    <message>
        <source>The dose entered (%1 %2) is not the ordered dose (%3 %2).</source>
        <translation>Die eingegebene Dosis (%1 %2) ist nicht die verordnete Dosis (%3 %2).</translation>
    </message>
    <message>
        <source>carbapenems</source>
        <translation>Carbapeneme</translation>
    </message>
    <message>
        <source>NSAIDs and salicylates</source>
        <translation>NSAR und Salicylate</translation>
    </message>
    <message>
        <source>paracetamol (anilides)</source>
        <translation>Paracetamol (Anilide)</translation>
    </message>
    <message>
        <source>heparins and low-molecular-weight heparins</source>
        <translation>Heparine und niedermolekulare Heparine</translation>
    </message>
    <message>
        <source>direct oral anticoagulants</source>
        <translation>direkte orale Antikoagulanzien</translation>
    </message>
    <message>
        <source>vitamin K antagonists</source>
        <translation>Vitamin-K-Antagonisten</translation>
    </message>
    <message>
        <source>insulins</source>
        <translation>Insuline</translation>
    </message>
    <message>
        <source>concentrated electrolytes for infusion</source>
        <translation>Elektrolytkonzentrate</translation>
    </message>
    <message>
        <source>ACE inhibitors</source>
        <translation>ACE-Hemmer</translation>
    </message>
    <message>
        <source>macrolides</source>
        <translation>Makrolide</translation>
    </message>
    <message>
        <source>fluoroquinolones</source>
        <translation>Fluorchinolone</translation>
    </message>
    <message>
        <source>tetracyclines</source>
        <translation>Tetracycline</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>a draft</source>
        <translation>ein Entwurf</translation>
    </message>
    <message>
        <source>of unknown status</source>
        <translation>in unbekanntem Status</translation>
    </message>
</context>
<context>
    <name>lantern::ui::StatusBanner</name>
    <message>
        <source>DRILL — not for clinical use</source>
        <translation>ÜBUNG — nicht für die Patientenversorgung</translation>
    </message>
    <message>
        <source>downtime drill since %1</source>
        <translation>Ausfallübung seit %1</translation>
    </message>
    <message>
        <source>Drill %1</source>
        <translation>Übung %1</translation>
    </message>
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
    <message>
        <source>EHR answer would remove %1 of %2 patients of %3: kept, waiting for IT</source>
        <translation>KIS-Antwort würde %1 von %2 Patienten von %3 entfernen: behalten, wartet auf die IT</translation>
    </message>
    <message>
        <source>the data on this device is not being updated; tell IT</source>
        <translation>die Daten auf diesem Gerät werden nicht aktualisiert; IT informieren</translation>
    </message>
    <message>
        <source>Mirror service not running: %1</source>
        <translation>Spiegeldienst läuft nicht: %1</translation>
    </message>
    <message>
        <source>Mirror service not running since %1: %2</source>
        <translation>Spiegeldienst läuft nicht seit %1: %2</translation>
    </message>
    <message>
        <source>Disk almost full: %1</source>
        <translation>Festplatte fast voll: %1</translation>
    </message>
    <message>
        <source>Disk full: %1</source>
        <translation>Festplatte voll: %1</translation>
    </message>
    <message>
        <source>Mirror failing (%1): %2</source>
        <translation>Spiegelung scheitert (%1): %2</translation>
    </message>
    <message>
        <source>Mirror failing since %1 (%2): %3</source>
        <translation>Spiegelung scheitert seit %1 (%2): %3</translation>
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
        <translation>
            <numerusform>Zu viele Versuche — erneut in %n s.</numerusform>
            <numerusform>Zu viele Versuche — erneut in %n s.</numerusform>
        </translation>
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
        <source>IT administrators manage the device and see no patient data.</source>
        <translation>IT-Administratoren verwalten das Gerät und sehen keine Patientendaten.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Ihre Rolle darf das nicht.</translation>
    </message>
    <message>
        <source>Your account has been disabled. Lock the screen and ask IT.</source>
        <translation>Ihr Konto wurde deaktiviert. Sperren Sie den Bildschirm und wenden Sie sich an die IT.</translation>
    </message>
    <message>
        <source>This patient is not on your wards. Use &quot;Other ward…&quot; to open the chart with a reason (break-glass, audited).</source>
        <translation>Diese/r Patient/in liegt nicht auf Ihren Stationen. Mit „Andere Station…“ öffnen Sie die Akte mit Grund (Notfallzugriff, protokolliert).</translation>
    </message>
    <message>
        <source>Your role may not open patients outside your wards.</source>
        <translation>Ihre Rolle darf keine Patient/innen außerhalb Ihrer Stationen öffnen.</translation>
    </message>
    <message>
        <source>Choose a reason for opening this chart.</source>
        <translation>Wählen Sie einen Grund für das Öffnen dieser Akte.</translation>
    </message>
    <message>
        <source>No patient with MRN %1 in this vault. Check the number.</source>
        <translation>Keine Patient/in mit Pat.-Nr. %1 im Tresor. Nummer prüfen.</translation>
    </message>
    <message>
        <source>Downtime admission</source>
        <translation>Aufnahme im Ausfall</translation>
    </message>
    <message>
        <source>Admitted with downtime identifier %1.</source>
        <translation>Aufgenommen mit Ausfall-Nummer %1.</translation>
    </message>
    <message>
        <source>Admitted with downtime identifier %1.
Write it on the wristband and the paper chart.</source>
        <translation>Aufgenommen mit Ausfall-Nummer %1.
Auf Armband und Papierakte notieren.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>This patient is not in the census.</source>
        <translation>Diese/r Patient/in ist nicht in der Belegung.</translation>
    </message>
</context>
<context>
    <name>lantern::vault::DiskStatus</name>
    <message>
        <source>%1 MB free, below mirror.min_free_mb (%2 MB); the mirror has stopped writing EHR data, reading and recording go on. Free space on the vault's disk (old logs, printouts, exports) or give it more room; the mirror resumes by itself</source>
        <translation>%1 MB frei, unter mirror.min_free_mb (%2 MB); die Spiegelung schreibt keine KIS-Daten mehr, Lesen und Dokumentieren gehen weiter. Platz auf der Festplatte des Tresors schaffen (alte Protokolle, Ausdrucke, Exporte) oder sie vergrößern; die Spiegelung setzt von selbst wieder ein</translation>
    </message>
    <message>
        <source>%1 MB free; unlock, audit and downtime entries use the vault's reserve, the mirror writes nothing. Free space on the vault's disk now (old logs, printouts, exports); nothing recorded is lost and everything resumes once there is room</source>
        <translation>%1 MB frei; Entsperren, Prüfprotokoll und Ausfall-Einträge nutzen die Reserve des Tresors, die Spiegelung schreibt nichts. Jetzt Platz auf der Festplatte des Tresors schaffen (alte Protokolle, Ausdrucke, Exporte); nichts Dokumentiertes geht verloren, alles läuft weiter, sobald wieder Platz ist</translation>
    </message>
</context>
<context>
    <name>lantern::ui::DrillMenu</name>
    <message>
        <source>&amp;Drill</source>
        <translation>Ü&amp;bung</translation>
    </message>
    <message>
        <source>Start downtime drill</source>
        <translation>Ausfallübung starten</translation>
    </message>
    <message>
        <source>Save drill report as PDF…</source>
        <translation>Übungsbericht als PDF speichern…</translation>
    </message>
    <message>
        <source>End drill and save its report…</source>
        <translation>Übung beenden und Bericht speichern…</translation>
    </message>
    <message>
        <source>Every desktop of this device will show downtime mode marked &quot;DRILL — not for clinical use&quot;. Entries go to a drill outbox and are never sent to the EHR. Start the drill?</source>
        <translation>Alle Arbeitsplätze dieses Geräts zeigen den Ausfallmodus mit „ÜBUNG — nicht für die Patientenversorgung“. Einträge gehen in einen Übungs-Postausgang und nie an das KIS. Übung starten?</translation>
    </message>
    <message>
        <source>Drill started.</source>
        <translation>Übung gestartet.</translation>
    </message>
    <message>
        <source>Save drill report</source>
        <translation>Übungsbericht speichern</translation>
    </message>
    <message>
        <source>Drill report saved.</source>
        <translation>Übungsbericht gespeichert.</translation>
    </message>
    <message>
        <source>End drill: save its report</source>
        <translation>Übung beenden: Bericht speichern</translation>
    </message>
    <message numerus="yes">
        <source>Drill ended; %n drill entries discarded.</source>
        <translation>
            <numerusform>Übung beendet; %n Übungseintrag verworfen.</numerusform>
            <numerusform>Übung beendet; %n Übungseinträge verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlock first.</source>
        <translation>Bitte zuerst entsperren.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>Übung</translation>
    </message>
</context>
</TS>
