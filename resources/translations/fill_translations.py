#!/usr/bin/env python3
"""Fills lantern_de.ts / lantern_en.ts from the glossary below after lupdate.

Run: lupdate -no-obsolete -locations none ui core/model core/vault/DiskStatus.cpp -ts lantern_de.ts lantern_en.ts && python3 fill_translations.py
"""
import html
import os
import re

DE = {
    'MERGED into %1 - do not use': 'ZUSAMMENGEFÜHRT mit %1 - nicht verwenden',
    'INACTIVE record': 'INAKTIVER Datensatz',
    'The EHR no longer uses this record; nothing can be recorded against it.': 'Das KIS verwendet diesen Datensatz nicht mehr; dafür kann nichts dokumentiert werden.',
    'Patient record merged': 'Patientendatensatz zusammengeführt',
    '%1 · Bed %2': '%1 · Bett %2',
    'ward ?': 'Station ?',
    'IT administrators manage the device and see no patient data.': 'IT-Administratoren verwalten das Gerät und sehen keine Patientendaten.',
    'Emergency: the patient needs care now': 'Notfall: Patient/in braucht jetzt Versorgung',
    'Transfer: the patient is being moved to my ward': 'Verlegung: Patient/in kommt auf meine Station',
    'Covering: I am looking after that ward this shift': 'Vertretung: Ich betreue diese Station in dieser Schicht',
    'Consultation: I was asked to see the patient': 'Konsil: Ich wurde gebeten, Patient/in zu sehen',
    'Patient on another ward': 'Patient/in auf einer anderen Station',
    '<b>This patient is not on your wards.</b><br>Opening the chart is recorded in the audit log with your name, the time and the reason you choose.': '<b>Diese/r Patient/in liegt nicht auf Ihren Stationen.</b><br>Das Öffnen der Akte wird mit Ihrem Namen, der Uhrzeit und dem gewählten Grund im Prüfprotokoll festgehalten.',
    'MRN from the wristband or transfer sheet': 'Pat.-Nr. vom Armband oder Verlegungsbogen',
    'Medical record number (MRN):': 'Patientennummer (Pat.-Nr.):',
    'Reason:': 'Grund:',
    'Open chart (audited)': 'Akte öffnen (protokolliert)',
    'Other ward…': 'Andere Station…',
    'Open the chart of a patient on another ward (break-glass: reason required, audited)': 'Akte einer/eines Patient/in auf einer anderen Station öffnen (Notfallzugriff: Grund nötig, protokolliert)',
    '? Not known — no pregnancy status recorded; ask before imaging or teratogenic drugs': '? Nicht bekannt — kein Schwangerschaftsstatus erfasst; vor Röntgen oder teratogenen Arzneien nachfragen',
    'PREGNANT': 'SCHWANGER',
    'estimated delivery %1': 'errechneter Geburtstermin %1',
    'Not pregnant': 'Nicht schwanger',
    'Recorded as unknown': 'Als unbekannt erfasst',
    "Locked together with the computer's screen. Patient data is hidden until you unlock.": 'Zusammen mit dem Bildschirm des Computers gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.',
    'This patient is not on your wards. Use "Other ward…" to open the chart with a reason (break-glass, audited).': 'Diese/r Patient/in liegt nicht auf Ihren Stationen. Mit „Andere Station…“ öffnen Sie die Akte mit Grund (Notfallzugriff, protokolliert).',
    'Your role may not open patients outside your wards.': 'Ihre Rolle darf keine Patient/innen außerhalb Ihrer Stationen öffnen.',
    'Choose a reason for opening this chart.': 'Wählen Sie einen Grund für das Öffnen dieser Akte.',
    'No patient with MRN %1 in this vault. Check the number.': 'Keine Patient/in mit Pat.-Nr. %1 im Tresor. Nummer prüfen.',
    'intolerance': 'Unverträglichkeit', 'allergy': 'Allergie', 'HIGH criticality': 'HOHE Kritikalität',
    'Reaction: %1': 'Reaktion: %1', 'Statement: %1': 'Aussage: %1',
    'Record without usable information: %1': 'Eintrag ohne verwertbare Information: %1',
    'recorded %1': 'erfasst %1', '—': '—', 'age ?': 'Alter ?', 'none': 'keine', 'Ward': 'Station', 'Bed': 'Bett',
    'Patient': 'Patient/in', 'MRN': 'Fall-/Pat.-Nr.', 'Age · Sex': 'Alter · Geschl.', 'Allergies': 'Allergien',
    'Active meds': 'Akt. Medik.', 'Last dose given': 'Letzte Gabe', 'Pending': 'Offen',
    'Ward census': 'Stationsbelegung', 'Type to filter by name, bed or MRN …': 'Tippen filtert nach Name, Bett oder Pat.-Nr. …',
    'Print census': 'Belegung drucken', 'Print ward MAR': 'Stations-Kurve drucken', '%1 of %2 patients': '%1 von %2 Patienten',
    '← Census': '← Belegung', 'Back to the ward census (Esc)': 'Zurück zur Stationsbelegung (Esc)',
    'Print MAR': 'Kurve drucken', 'Print emergency sheet': 'Notfallblatt drucken', 'Medication plan': 'Medikationsplan',
    'MAR (72 h)': 'Gabenkurve (72 h)', 'Emergency sheet': 'Notfallblatt',
    'Notes are read-only for now.\nRecording arrives with the reconciliation feature.':
        'Notizen sind vorerst nur lesbar.\nDas Erfassen kommt mit dem Abgleich-Feature.',
    'Notes': 'Notizen', 'Active orders (%1)': 'Aktive Verordnungen (%1)',
    'Discontinued, completed or on hold (%1)': 'Abgesetzt, beendet oder pausiert (%1)',
    '? No information — not recorded, ask or check the paper chart': '? Keine Information — nicht erfasst, nachfragen oder Papierakte prüfen',
    'None known (recorded statement)': 'Keine bekannt (dokumentierte Aussage)', '(high criticality)': '(hohe Kritikalität)',
    'Advance directive kept at:': 'Patientenverfügung hinterlegt:', 'no information': 'keine Information',
    'Not applicable (administrative sex male)': 'Entfällt (administratives Geschlecht männlich)',
    'Code status and advance directive': 'Reanimationsstatus und Patientenverfügung',
    'Allergies and intolerances': 'Allergien und Unverträglichkeiten', 'Diagnoses (active problems)': 'Diagnosen (aktive Probleme)',
    'Current medication': 'Aktuelle Medikation', 'Implants and devices': 'Implantate und Geräte', 'Pregnancy': 'Schwangerschaft',
    'Alerts': 'Warnhinweise', 'Contacts': 'Kontakte', '%1 y': '%1 J', '%1 mo': '%1 Mo', '%1 d': '%1 T', 'F': 'W', 'M': 'M',
    'X': 'D', '%1 min ago': 'vor %1 min', '%1 h %2 min ago': 'vor %1 h %2 min', '%1 days ago': 'vor %1 Tagen',
    'ALLERGY': 'ALLERGIE', 'NKA': 'KBA', '? No info': '? Keine Info', 'Allergies recorded': 'Allergien dokumentiert',
    'No known allergies (NKA) — recorded statement': 'Keine bekannten Allergien (KBA) — dokumentierte Aussage',
    'No information on allergies — ask the patient': 'Keine Information zu Allergien — Patient/in fragen',
    'Lock': 'Sperren', 'Lantern — locked': 'Lantern — gesperrt', 'Lantern — %1': 'Lantern — %1',
    'Locked after inactivity. Patient data is hidden until you unlock.':
        'Nach Inaktivität gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.',
    'Locked. Patient data is hidden until you unlock.': 'Gesperrt. Patientendaten bleiben verborgen, bis Sie entsperren.',
    'stopped (%1)': 'beendet (%1)', '(no order)': '(ohne Verordnung)', 'no matching order': 'keine passende Verordnung',
    'not given': 'nicht gegeben', 'Order': 'Verordnung', 'Medication': 'Medikament', 'Dose': 'Dosis', 'Route': 'Applikation',
    'Schedule': 'Schema', 'As needed': 'Bei Bedarf', 'Last given': 'Zuletzt gegeben', 'Status': 'Status',
    '(unnamed medication)': '(Medikament ohne Namen)', 'no dosage given': 'keine Dosierung angegeben', 'day': 'Tag', 'h': 'h',
    'week': 'Woche', '%1× per %2': '%1× pro %2', '%1× every %2 %3': '%1× alle %2 %3', 'at %1': 'um %1', 'as needed: %1': 'bei Bedarf: %1', 'as needed': 'bei Bedarf', 'unknown': 'unbekannt', 'not given (no record)': 'nicht gegeben (kein Eintrag)', '%1 by %2': '%1 durch %2',
    'born %1 · MRN %2': 'geb. %1 · Pat.-Nr. %2', 'Data as of %1': 'Datenstand %1', 'Downtime id %1': 'Ausfall-ID %1',
    'There is nothing to print.': 'Es gibt nichts zu drucken.',
    'The printer could not be started. Check the printer or the file path.':
        'Der Drucker konnte nicht gestartet werden. Drucker oder Dateipfad prüfen.',
    'Printed by %1 on %2': 'Gedruckt von %1 am %2', 'Page %1 of %2': 'Seite %1 von %2',
    '(patient record missing)': '(Patientendatensatz fehlt)', 'born %1': 'geb. %1', 'MRN %1': 'Pat.-Nr. %1',
    'Ward %1 · Bed %2': 'Station %1 · Bett %2', '?': '?',
    'Medication administration record (MAR)': 'Medikamenten-Gabenkurve', 'printed, but the audit entry failed':
        'gedruckt, aber der Protokolleintrag schlug fehl', 'Print': 'Drucken', 'Allergies:': 'Allergien:',
    'ALLERGY: %1': 'ALLERGIE: %1',
    'Given in the last 24 h (since %1); write the next 24 h into the boxes: time and initials.':
        'Gegeben in den letzten 24 h (seit %1); die nächsten 24 h in die Kästchen: Uhrzeit und Kürzel.',
    'Given, last 24 h': 'Gegeben, letzte 24 h', '06–14': '06–14 (Früh)', '14–22': '14–22 (Spät)', '22–06': '22–06 (Nacht)',
    'none; last: %1': 'keine; zuletzt: %1', 'No active medication orders in the vault.': 'Keine aktiven Verordnungen im Tresor.',
    'Additional doses (drug, dose, time, initials):': 'Zusätzliche Gaben (Medikament, Dosis, Uhrzeit, Kürzel):',
    'Born': 'Geb.', 'Sex': 'Geschl.', '? no information': '? keine Information',
    'EHR online': 'KIS online', 'EHR degraded — connection problems': 'KIS gestört — Verbindungsprobleme',
    'the data on this device is not being updated; tell IT': 'die Daten auf diesem Gerät werden nicht aktualisiert; IT informieren',
    'Mirror service not running: %1': 'Spiegeldienst läuft nicht: %1',
    'Mirror service not running since %1: %2': 'Spiegeldienst läuft nicht seit %1: %2',
    'Reconciliation requested, but the mirror service is not running: it starts when the service runs again. Tell IT.': 'Abgleich angefordert, aber der Spiegeldienst läuft nicht: Er beginnt, sobald der Dienst wieder läuft. IT informieren.',
    'Reconciliation requested: the mirror service runs it in the background…': 'Abgleich angefordert: Der Spiegeldienst führt ihn im Hintergrund aus…',
    'DOWNTIME since %1': 'AUSFALL seit %1', 'DOWNTIME': 'AUSFALL', 'EHR recovery — catching up': 'KIS-Wiederanlauf — Abgleich läuft',
    'data as of: unknown — never synchronised': 'Datenstand: unbekannt — nie synchronisiert',
    'data as of %1 (%2)': 'Datenstand %1 (%2)', 'Lantern': 'Lantern',
    'Ward downtime workstation — sign in to see patient data': 'Ausfallarbeitsplatz der Station — anmelden, um Patientendaten zu sehen',
    'e.g. anna.meyer': 'z. B. anna.meyer', 'Unlock': 'Entsperren', 'Username': 'Benutzername', 'Passphrase': 'Passphrase',
    'Enter your username and passphrase.': 'Benutzername und Passphrase eingeben.',
    'Username or passphrase is not correct. Check Caps Lock and try again.':
        'Benutzername oder Passphrase ist nicht korrekt. Feststelltaste prüfen und erneut versuchen.',
    'This account may not unlock Lantern. Ask IT to check it.': 'Dieses Konto darf Lantern nicht entsperren. Bitte die IT prüfen lassen.',
    'The vault could not be opened (%1). Call IT.': 'Der Tresor konnte nicht geöffnet werden (%1). IT anrufen.',
    'Unlocking …': 'Entsperre …', 'This patient is not in the census.': 'Diese/r Patient/in ist nicht in der Belegung.',
    # Administration status, unreadable resources, "this PC only" (issue 9).
    'given': 'gegeben', 'entered in error': 'als fehlerhaft markiert', 'held, not given': 'pausiert, nicht gegeben',
    'in progress, not completed': 'läuft, nicht abgeschlossen', 'stopped, not completed': 'abgebrochen, nicht abgeschlossen',
    'status unknown, not known to be given': 'Status unbekannt, Gabe nicht gesichert',
    'status "%1" unknown, not known to be given': 'Status „%1“ unbekannt, Gabe nicht gesichert',
    'Pending (this PC)': 'Offen (dieser PC)', 'resource of unknown type': 'Ressource unbekannten Typs',
    'could not be read: %1, %2': 'nicht lesbar: %1, %2',
    '(may hold allergy information: check the paper record)': '(kann Allergieangaben enthalten: Papierakte prüfen)',
    'Entries from this PC only: doses and notes recorded during the downtime on other PCs of this ward are not shown here.':
        'Nur Einträge dieses PCs: Gaben und Notizen, die während des Ausfalls an anderen PCs dieser Station erfasst wurden, werden hier nicht angezeigt.',
    '? Unknown - check paper record': '? Unbekannt - Papierakte prüfen',
    'Allergies unknown: an allergy record could not be read — check the paper record':
        'Allergien unbekannt: ein Allergieeintrag ist nicht lesbar — Papierakte prüfen',
    'Disk almost full: %1': 'Festplatte fast voll: %1',
    'Disk full: %1': 'Festplatte voll: %1',
    'Mirror failing (%1): %2': 'Spiegelung scheitert (%1): %2',
    'Mirror failing since %1 (%2): %3': 'Spiegelung scheitert seit %1 (%2): %3',
    "%1 MB free, below mirror.min_free_mb (%2 MB); the mirror has stopped writing EHR data, reading and recording go on. Free space on the vault's disk (old logs, printouts, exports) or give it more room; the mirror resumes by itself": '%1 MB frei, unter mirror.min_free_mb (%2 MB); die Spiegelung schreibt keine KIS-Daten mehr, Lesen und Dokumentieren gehen weiter. Platz auf der Festplatte des Tresors schaffen (alte Protokolle, Ausdrucke, Exporte) oder sie vergrößern; die Spiegelung setzt von selbst wieder ein',
    "%1 MB free; unlock, audit and downtime entries use the vault's reserve, the mirror writes nothing. Free space on the vault's disk now (old logs, printouts, exports); nothing recorded is lost and everything resumes once there is room": '%1 MB frei; Entsperren, Prüfprotokoll und Ausfall-Einträge nutzen die Reserve des Tresors, die Spiegelung schreibt nichts. Jetzt Platz auf der Festplatte des Tresors schaffen (alte Protokolle, Ausdrucke, Exporte); nichts Dokumentiertes geht verloren, alles läuft weiter, sobald wieder Platz ist',
}
DE_PLURAL = {
    '%n patient(s)': ['%n Patient/in', '%n Patienten'],
    'Too many attempts — try again in %n s.': ['Zu viele Versuche — erneut in %n s.', 'Zu viele Versuche — erneut in %n s.'],
    '%n record(s) of this patient could not be read: open the chart to see which, check the paper record': [
        '%n Eintrag dieser/dieses Patient/in ist nicht lesbar: Akte öffnen, um ihn zu sehen; Papierakte prüfen',
        '%n Einträge dieser/dieses Patient/in sind nicht lesbar: Akte öffnen, um sie zu sehen; Papierakte prüfen'],
    '⚠ %n record(s) of this patient could not be read and are not shown above; check the paper record:': [
        '⚠ %n Eintrag dieser/dieses Patient/in ist nicht lesbar und oben nicht angezeigt; Papierakte prüfen:',
        '⚠ %n Einträge dieser/dieses Patient/in sind nicht lesbar und oben nicht angezeigt; Papierakte prüfen:'],
    '⚠ %n unreadable': ['⚠ %n nicht lesbar'] * 2,
}
EN_PLURAL = {
    '%n patient(s)': ['%n patient', '%n patients'],
    'Too many attempts — try again in %n s.': ['Too many attempts — try again in %n s.'] * 2,
    '%n record(s) of this patient could not be read: open the chart to see which, check the paper record': [
        '%n record of this patient could not be read: open the chart to see which, check the paper record',
        '%n records of this patient could not be read: open the chart to see which, check the paper record'],
    '⚠ %n record(s) of this patient could not be read and are not shown above; check the paper record:': [
        '⚠ %n record of this patient could not be read and is not shown above; check the paper record:',
        '⚠ %n records of this patient could not be read and are not shown above; check the paper record:'],
    '⚠ %n unreadable': ['⚠ %n unreadable'] * 2,
}

MSG = re.compile(r'(<message( numerus="yes")?>\s*<source>(.*?)</source>\s*)<translation[^>]*?(?:/>|>.*?</translation>)', re.S)


def fill(path, singular, plural):
    text = open(path, encoding='utf-8').read()
    missing = []

    def repl(m):
        head, numerus, src = m.group(1), m.group(2), html.unescape(m.group(3))
        if numerus:
            forms = plural.get(src)
            if forms is None:
                missing.append(src)
                return m.group(0)
            return head + '<translation>' + ''.join(
                '<numerusform>' + html.escape(f, quote=False) + '</numerusform>' for f in forms) + '</translation>'
        if singular is None:
            return head + '<translation>' + html.escape(src, quote=False) + '</translation>'
        if src not in singular:
            missing.append(src)
            return m.group(0)
        return head + '<translation>' + html.escape(singular[src], quote=False) + '</translation>'

    text = MSG.sub(repl, text)
    open(path, 'w', encoding='utf-8').write(text)
    for s in missing:
        print(f'{os.path.basename(path)}: no translation for {s!r}')


here = os.path.dirname(os.path.abspath(__file__))
fill(os.path.join(here, 'lantern_de.ts'), DE, DE_PLURAL)
fill(os.path.join(here, 'lantern_en.ts'), None, EN_PLURAL)
